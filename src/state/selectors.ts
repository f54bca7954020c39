import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import { layoutArticle, type Line } from '../app/article-layout.js';
import { isRead, type ReadMarks } from '../store/reading-state.js';
import type { Focus } from './keymap.js';
import type { ListPlace, Place, ReaderState, SourceRow } from './types.js';

/** What is derived from state, never stored in it. */

export function isListPlace(place: Place): place is ListPlace {
  return place.kind !== 'article';
}

export function focusOf(state: ReaderState): Focus {
  if (state.overlay === 'help') return 'help';
  if (state.overlay === 'links') return 'links';
  if (state.filtering) return 'filter';
  return isListPlace(state.place) ? 'list' : 'article';
}

/** The current article laid out for the current width (memoized by the layout module). */
export function articleLines(state: ReaderState): Line[] {
  const article = currentArticle(state);
  return article ? layoutArticle(article, state.viewport.width, state.locale) : [];
}

function matchesFilter(filter: string): (headline: Headline) => boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return () => true;
  return (headline) => {
    const haystack = `${headline.title} ${headline.source} ${headline.summary ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  };
}

/** Whether a headline is read: the one rule, in the store, shared with the command line. */
export { isRead };

/** Whether an address is read, as its headline shows it (an address outside the headlines counts its own mark only). */
export function isUrlRead(state: ReadMarks & Pick<ReaderState, 'headlines'>, url: string): boolean {
  const headline = state.headlines.find((candidate) => candidate.url === url);
  return isRead(state, headline ?? { url, sourceUrl: '', published: null });
}

/** Saved articles as headline rows, most recently saved first. */
export function savedHeadlines(state: Pick<ReaderState, 'saved'>): Headline[] {
  return Object.entries(state.saved)
    .sort(([, a], [, b]) => b.savedAt.localeCompare(a.savedAt))
    .map(([url, entry]) => ({
      source: entry.source,
      sourceUrl: '',
      title: entry.title,
      url,
      published: null,
      author: null,
      summary: null,
    }));
}

/** Headlines shown where the reader is, under the current filter: every word must appear in the title, source or summary. */
export function visibleHeadlines(state: Pick<ReaderState, 'headlines' | 'filter' | 'saved'> & { place?: Place }): Headline[] {
  const place = state.place ?? { kind: 'list', cursor: 0 };
  const rows =
    place.kind === 'saved'
      ? savedHeadlines(state)
      : place.kind === 'source'
        ? state.headlines.filter((headline) => headline.sourceUrl === place.url)
        : place.kind === 'sources'
          ? []
          : state.headlines;
  return state.filter ? rows.filter(matchesFilter(state.filter)) : rows;
}

/** Sources in their groups' order (ungrouped last), each with how many headlines it has and how many are unread. */
export function sourceRows(
  state: Pick<ReaderState, 'sources' | 'headlines'> & ReadMarks,
): Array<SourceRow & { count: number; unread: number }> {
  const counts = new Map<string, { count: number; unread: number }>();
  for (const headline of state.headlines) {
    const count = counts.get(headline.sourceUrl) ?? { count: 0, unread: 0 };
    count.count++;
    if (!isRead(state, headline)) count.unread++;
    counts.set(headline.sourceUrl, count);
  }
  const groupKey = (row: SourceRow) => (row.group.length ? row.group.join('\u0000') : '\uffff');
  return state.sources
    .map((row, index) => ({ row, index }))
    .sort((a, b) => groupKey(a.row).localeCompare(groupKey(b.row)) || a.index - b.index)
    .map(({ row }) => ({ ...row, ...(counts.get(row.url) ?? { count: 0, unread: 0 }) }));
}

/** How many rows the cursor moves over where the reader is. */
export function rowCount(state: ReaderState): number {
  return state.place.kind === 'sources' ? state.sources.length : visibleHeadlines(state).length;
}

/** The headline under the cursor, in a headline list. */
export function headlineAtCursor(state: ReaderState): Headline | undefined {
  const place = state.place;
  if (!isListPlace(place) || place.kind === 'sources') return undefined;
  return visibleHeadlines(state)[place.cursor];
}

export function currentArticle(state: ReaderState): Article | undefined {
  if (state.place.kind !== 'article') return undefined;
  const page = state.pages[state.place.url];
  return page?.status === 'ready' ? page.article : undefined;
}

/** Links the reader can follow from the current article: related first, then previous / next. */
export function followableLinks(article: Article | undefined): Array<{ label: string; title: string; url: string }> {
  if (!article) return [];
  const links = article.related.map((link, index) => ({ label: `[${index + 1}]`, title: link.title, url: link.url }));
  if (article.previous) links.push({ label: '[p]', title: article.previous.title, url: article.previous.url });
  if (article.next) links.push({ label: '[n]', title: article.next.title, url: article.next.url });
  return links;
}
