import { diagnosePage, type DoctorReport } from '../app/doctor.js';
import type { Session } from '../app/session.js';
import { cleanInline } from '../text/sanitize.js';
import { displayUrl } from '../text/url.js';
import type { Command } from './args.js';

type DoctorCommand = Extract<Command, { name: 'doctor' }>;

/** `kiosque doctor URL [--json]`: how a page was read, the report a reader sends with a badly read page. */
export async function runDoctorCommand(command: DoctorCommand, session: Session): Promise<{ value: DoctorReport; text: string }> {
  const report = await diagnosePage(session, command.url);
  return { value: report, text: formatReport(report) };
}

const ACCESS_WORDS = {
  full: 'the full article',
  teaser: 'subscribers only: this is the teaser',
  consent: 'a consent wall, no article',
} as const;

export function formatReport(report: DoctorReport): string {
  const { diagnosis, article } = report;
  const lines: string[] = [];
  const line = (text = '') => lines.push(text);
  // What comes from the page is put on one line each: a title or a text with a line break would forge another line.
  const one = (text: string) => cleanInline(text);
  line(`page        ${displayUrl(report.finalUrl)}${report.finalUrl !== report.url ? ` (asked for ${displayUrl(report.url)})` : ''}`);
  line(`status      ${report.status} ${one(report.contentType)}${report.fromCache ? ' (from the cache)' : ''}`);
  line(`charset     ${report.charset.name}, from ${one(report.charset.from)}`);
  line(`title       ${one(article.title)}`);
  if (article.byline) line(`byline      ${one(article.byline)}`);
  if (article.published) line(`published   ${article.published}`);
  line(`text        ${article.words} words in ${article.blocks} blocks`);
  line(`access      ${article.access}: ${ACCESS_WORDS[article.access]} (${one(diagnosis.access.reason)})`);
  line();
  line(`body found by ${diagnosis.method}${diagnosis.siteRule ? ` (sites.json: ${diagnosis.siteRule})` : ''}`);
  const candidate = (label: string, part: DoctorReport['diagnosis']['container']) => {
    if (part) line(`  ${label.padEnd(10)}${part.selector}  score ${part.score}, ${part.characters} characters`);
  };
  candidate('chosen', diagnosis.container);
  for (const part of diagnosis.alsoTaken) candidate('with', part);
  candidate('runner-up', diagnosis.runnerUp);
  for (const note of diagnosis.notes) line(`  note: ${one(note)}`);
  line();
  const dropped = diagnosis.dropped.filter((drop) => drop.characters >= 20);
  line(dropped.length ? `dropped (${dropped.length} blocks with text):` : 'dropped: nothing with text');
  for (const drop of dropped) {
    line(`  [${drop.stage}] ${drop.selector ? `${drop.selector}: ` : ''}${one(drop.rule)}`);
    line(`      ${drop.characters} characters: "${one(drop.text)}"`);
  }
  line();
  line(diagnosis.links.length ? 'links:' : 'links: none found');
  for (const link of diagnosis.links) {
    line(`  ${link.kind.padEnd(10)} ${displayUrl(link.url)}${link.title ? `  "${one(link.title)}"` : ''}`);
    line(`             ${one(link.why)}`);
  }
  line();
  line(
    report.siteRule
      ? `sites.json rule applied (${report.siteRule.host}); a rule written from this reading:`
      : 'a sites.json rule to start from (in the config folder):',
  );
  line(JSON.stringify(report.startingRule, null, 2));
  return lines.join('\n') + '\n';
}
