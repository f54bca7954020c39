import wrapAnsi from 'wrap-ansi';
import { layoutArticle } from '../app/article-layout.js';
import type { Article } from '../extract/types.js';
import type { SourceResult } from '../feeds/sources.js';
import type { Headline } from '../feeds/types.js';

/** Plain-text renderings for the terminal when --json is not asked for. */

/** The article in the reader's own layout, with its links written out; headings stand out in capitals, as there is no bold. */
export function formatArticle(article: Article, width: number, locale: string): string {
  const lines = layoutArticle(article, width, locale, { linkList: true });
  return (
    lines
      .map((line) => (line.kind === 'heading' ? line.text.toUpperCase() : line.text))
      .join('\n')
      .trimEnd() + '\n'
  );
}

export function formatHeadlines(
  headlines: Array<Headline & { read?: boolean; saved?: boolean }>,
  sources: SourceResult[],
  width: number,
): string {
  const lines: string[] = [];
  for (const source of sources) {
    if (source.error) lines.push(`! ${source.title}: ${source.error.message}`);
  }
  for (const headline of headlines) {
    const date = headline.published ? headline.published.slice(0, 16).replace('T', ' ') : '';
    // Unread first-column dot as in the reader; saved articles carry a star.
    const mark = `${headline.read ? ' ' : '•'}${headline.saved ? '★' : ' '}`;
    lines.push(wrapAnsi(`${mark}${headline.title}`, width, { hard: true }));
    lines.push(`  ${[headline.source, date].filter(Boolean).join(' · ')}`);
    lines.push(`  ${headline.url}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSaved(
  saved: Array<{ url: string; title: string; source: string; savedAt: string; offline: boolean }>,
  width: number,
): string {
  if (saved.length === 0) return 'No saved articles: press s on an article in the reader to keep it.\n';
  const lines: string[] = [];
  for (const entry of saved) {
    lines.push(wrapAnsi(entry.title, width, { hard: true }));
    lines.push(
      `  ${[entry.source, `saved ${entry.savedAt.slice(0, 10)}`, entry.offline ? 'readable offline' : null].filter(Boolean).join(' · ')}`,
    );
    lines.push(`  ${entry.url}`);
  }
  return lines.join('\n') + '\n';
}
