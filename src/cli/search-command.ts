import wrapAnsi from 'wrap-ansi';
import { searchKept } from '../app/search.js';
import type { Session } from '../app/session.js';

/** `kiosque search WORDS [--json]`: `{headlines, saved}`, or both lists in words. */
export async function runSearch(
  session: Session,
  words: string[],
  sourcesFile: string | undefined,
  columns: number | undefined,
): Promise<{ value: unknown; text: string }> {
  const entries = await session.sourcesToRead([], sourcesFile);
  const query = words.join(' ');
  const found = await searchKept(session, entries, query);
  // Wrapped on a terminal only; piped, one line per title (grep sees it whole).
  const wrap = (text: string) => (columns ? wrapAnsi(text, columns, { hard: true }) : text);
  const lines: string[] = [];
  if (found.saved.length) {
    lines.push(`Saved articles (${found.saved.length}):`);
    for (const entry of found.saved) {
      lines.push(wrap(`★ ${entry.title}`), `  ${entry.source} · saved ${entry.savedAt.slice(0, 10)}`, `  ${entry.url}`);
    }
  }
  if (found.headlines.length) {
    if (lines.length) lines.push('');
    lines.push(`Headlines (${found.headlines.length}):`);
    for (const headline of found.headlines) {
      const date = headline.published ? headline.published.slice(0, 16).replace('T', ' ') : '';
      lines.push(wrap(`• ${headline.title}`), `  ${[headline.source, date].filter(Boolean).join(' · ')}`, `  ${headline.url}`);
    }
  }
  if (!lines.length) lines.push(`Nothing kept matches "${query}".`);
  return { value: found, text: lines.join('\n') + '\n' };
}
