import { diagnoseArticle } from '../extract/article.js';
import { ruleFor, type SiteRule } from '../extract/site-hosts.js';
import type { Diagnosis } from '../extract/trace.js';
import type { Access } from '../extract/types.js';
import { KiosqueError } from '../errors.js';
import { charsetOrigin } from '../net/charset.js';
import type { Session } from './session.js';
import { webAddress } from './session.js';

/** What `kiosque doctor URL` reports: how a page was read, for a reader reporting a badly read page. */
export interface DoctorReport {
  url: string;
  finalUrl: string;
  status: number;
  contentType: string;
  charset: { name: string; from: string };
  fromCache: boolean;
  article: { title: string; byline: string | null; published: string | null; words: number; blocks: number; access: Access };
  /** The sites.json rule applied, as written. */
  siteRule: SiteRule | null;
  diagnosis: Diagnosis;
  /** A sites.json entry to start from, written from what the heuristics chose on this page. */
  startingRule: Record<string, Record<string, string | string[]>>;
}

/**
 * Reads one page as the reader would (the cache, the site's rule) and says how: in this process,
 * not a parser process, because the answer is the trace the extractor leaves, and a page that
 * cannot be read within a parser's limits is said so by `kiosque read` already.
 */
export async function diagnosePage(session: Session, url: string): Promise<DoctorReport> {
  const address = webAddress(url);
  const resource = await session.client.fetch(address);
  const siteRule = ruleFor(await session.siteRules(), resource.finalUrl) ?? null;
  if (!/html|xml/i.test(resource.contentType) && resource.contentType) {
    throw new KiosqueError('NOT_HTML', `${address} is not a web page (${resource.contentType}).`, { url: address });
  }
  const { article, diagnosis } = diagnoseArticle(resource.text, resource.finalUrl, siteRule ?? undefined);
  return {
    url: address,
    finalUrl: resource.finalUrl,
    status: resource.status,
    contentType: resource.contentType,
    charset: { name: resource.charset, from: await charsetOrigin(resource.bytes, resource.contentType, resource) },
    fromCache: resource.fromCache,
    article: {
      title: article.title,
      byline: article.byline,
      published: article.published,
      words: article.wordCount,
      blocks: article.blocks.length,
      access: article.access,
    },
    siteRule,
    diagnosis,
    startingRule: startingRule(resource.finalUrl, diagnosis, siteRule),
  };
}

/** The rule a reader would start from: the container chosen (and the parts taken with it), the furniture dropped inside it. */
function startingRule(url: string, diagnosis: Diagnosis, applied: SiteRule | null): DoctorReport['startingRule'] {
  const host = applied?.host ?? new URL(url).hostname.replace(/^www\./, '');
  const rule: Record<string, string | string[]> = {};
  const content = [diagnosis.container, ...diagnosis.alsoTaken].filter((part) => part !== null).map((part) => part.selector);
  if (content.length) rule['content'] = content.length === 1 ? content[0]! : content;
  const removed = [...new Set(diagnosis.dropped.filter((drop) => drop.stage === 'body' && drop.selector).map((drop) => drop.selector))];
  if (removed.length) rule['remove'] = removed.slice(0, 8);
  return { [host]: rule };
}
