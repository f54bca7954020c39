import wrapAnsi from 'wrap-ansi';
import { layoutArticle } from '../app/article-layout.js';
import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import { cleanInline } from '../text/sanitize.js';
import { localTime } from './time.js';

/**
 * Plain-text renderings when --json is not asked for. `columns` is the terminal's width; undefined
 * when the output is a pipe or a file: then nothing is wrapped, one line per headline and per
 * paragraph, so that grep, head and cut see whole lines.
 */

/** Text wrapped at the terminal's width, continuation lines under the first's text; whole when not on a terminal. */
function wrapped(first: string, text: string, columns: number | undefined): string {
  if (columns === undefined) return first + text;
  const indent = ' '.repeat(first.length);
  return wrapAnsi(text, Math.max(10, columns - first.length), { hard: true })
    .split('\n')
    .map((line, index) => (index === 0 ? first : indent) + line)
    .join('\n');
}

/** A field of a one-line record: a tab would split it in two for cut and awk. */
const field = (text: string) => cleanInline(text);

/** The article in the reader's own layout, with its links written out; headings stand out in capitals, as there is no bold. */
export function formatArticle(article: Article, columns: number | undefined, locale: string): string {
  const lines = layoutArticle(article, columns ?? 80, locale, { linkList: true, unwrapped: columns === undefined });
  return (
    lines
      .map((line) => (line.kind === 'heading' ? line.text.toUpperCase() : line.text))
      .join('\n')
      .trimEnd() + '\n'
  );
}

export function formatHeadlines(headlines: Array<Headline & { read?: boolean; saved?: boolean }>, columns: number | undefined): string {
  if (headlines.length === 0) return '';
  const lines: string[] = [];
  for (const headline of headlines) {
    const date = localTime(headline.published);
    // Unread first-column dot as in the reader; saved articles carry a star.
    const mark = `${headline.read ? ' ' : '•'}${headline.saved ? '★' : ' '}`;
    if (columns === undefined) {
      // One line a headline: mark and title, source, local time, address, between tabs (cut -f4 gives the addresses).
      lines.push([`${mark}${field(headline.title)}`, field(headline.source), date, headline.url].join('\t'));
      continue;
    }
    lines.push(wrapped(mark, headline.title, columns));
    lines.push(`  ${[headline.source, date].filter(Boolean).join(' · ')}`);
    lines.push(`  ${headline.url}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSaved(
  saved: Array<{ url: string; title: string; source: string; savedAt: string; offline: boolean }>,
  columns: number | undefined,
): string {
  if (saved.length === 0) return 'No saved articles: press s on an article in the reader to keep it.\n';
  const lines: string[] = [];
  for (const entry of saved) {
    const meta = [entry.source, `saved ${localTime(entry.savedAt).slice(0, 10)}`, entry.offline ? 'readable offline' : null];
    if (columns === undefined) {
      lines.push([field(entry.title), ...meta.filter((part): part is string => Boolean(part)).map(field), entry.url].join('\t'));
      continue;
    }
    lines.push(wrapped('', entry.title, columns));
    lines.push(`  ${meta.filter(Boolean).join(' · ')}`);
    lines.push(`  ${entry.url}`);
  }
  return lines.join('\n') + '\n';
}
