import wrapAnsi from 'wrap-ansi';
import { searchKept } from '../app/search.js';
import type { Session } from '../app/session.js';

/** `kiosque search WORDS [--json]`: `{headlines, saved}`, or both lists in words. */
export async function runSearch(
  session: Session,
  words: string[],
  sourcesFile: string | undefined,
  columns: number,
): Promise<{ value: unknown; text: string }> {
  const entries = await session.sourcesToRead([], sourcesFile);
  const query = words.join(' ');
  const found = await searchKept(session, entries, query);
  const lines: string[] = [];
  if (found.saved.length) {
    lines.push(`Saved articles (${found.saved.length}):`);
    for (const entry of found.saved) {
      lines.push(
        wrapAnsi(`★ ${entry.title}`, columns, { hard: true }),
        `  ${entry.source} · saved ${entry.savedAt.slice(0, 10)}`,
        `  ${entry.url}`,
      );
    }
  }
  if (found.headlines.length) {
    if (lines.length) lines.push('');
    lines.push(`Headlines (${found.headlines.length}):`);
    for (const headline of found.headlines) {
      const date = headline.published ? headline.published.slice(0, 16).replace('T', ' ') : '';
      lines.push(
        wrapAnsi(`• ${headline.title}`, columns, { hard: true }),
        `  ${[headline.source, date].filter(Boolean).join(' · ')}`,
        `  ${headline.url}`,
      );
    }
  }
  if (!lines.length) lines.push(`Nothing kept matches "${query}".`);
  return { value: found, text: lines.join('\n') + '\n' };
}
