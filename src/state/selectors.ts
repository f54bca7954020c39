import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import { groupStories, headlineKey } from '../feeds/group.js';
import { markKey } from '../feeds/identity.js';
import { layoutArticle, type Line } from '../app/article-layout.js';
import { matchesWords, queryWords } from '../text/fold.js';
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
  if (state.search?.typing) return 'filter';
  return isListPlace(state.place) ? 'list' : 'article';
}

/** The current article laid out for the current width (memoized by the layout module). */
export function articleLines(state: ReaderState): Line[] {
  const article = currentArticle(state);
  if (!article || state.place.kind !== 'article') return [];
  const also = state.place.also?.map((other) => other.source);
  return layoutArticle(article, state.viewport.width, state.locale, { boxLinks: true, ...(also?.length ? { alsoIn: also } : {}) });
}

/** Every word in the title, source or summary (or a saved article's text), case and accents ignored. */
function matchesFilter(filter: string, texts: Record<string, string>): (headline: Headline) => boolean {
  const words = queryWords(filter);
  if (words.length === 0) return () => true;
  return (headline) =>
    matchesWords(`${headline.title} ${headline.source} ${headline.summary ?? ''}`, words) ||
    (headline.url in texts && matchesWords(texts[headline.url]!, words));
}

/** A row of a headline list: a story's lead headline, with the same story in other sources (feeds/group.ts). */
export type StoryRow = Headline & { key: string; others: Headline[] };

const storiesMemo = new WeakMap<Headline[], StoryRow[]>();

/** The headlines as stories, computed once per list of headlines. */
export function storyRows(headlines: Headline[]): StoryRow[] {
  let rows = storiesMemo.get(headlines);
  if (!rows) {
    rows = groupStories(headlines).map((story) => ({ ...story.lead, key: story.key, others: story.others }));
    storiesMemo.set(headlines, rows);
  }
  return rows;
}

/** Whether a row is read: one of its headlines is (the story was read, whichever source it was read from). */
export function isRowRead(marks: ReadMarks, row: Headline & { others?: Headline[] }): boolean {
  return isRead(marks, row) || (row.others ?? []).some((other) => isRead(marks, other));
}

/** The mark keys of every headline a row stands for (feeds/identity.ts): what marking it read marks. */
export function rowKeys(row: Headline & { others?: Headline[] }): string[] {
  return [markKey(row), ...(row.others ?? []).map(markKey)];
}

/** Whether a headline is read: the one rule, in the store, shared with the command line. */
export { isRead };

/** Whether a mark key is read, as its headline shows it (an address outside the headlines counts its own mark only). */
export function isKeyRead(state: ReadMarks & Pick<ReaderState, 'headlines'>, key: string): boolean {
  const headline = state.headlines.find((candidate) => markKey(candidate) === key);
  return isRead(state, headline ?? { url: key, sourceUrl: '', published: null });
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

const sourceMemo = new WeakMap<Headline[], Map<string, Headline[]>>();

/** One source's headlines, computed once per list of headlines (the same array each time, so its stories are memoized too). */
function headlinesOf(headlines: Headline[], sourceUrl: string): Headline[] {
  let bySource = sourceMemo.get(headlines);
  if (!bySource) {
    bySource = new Map();
    sourceMemo.set(headlines, bySource);
  }
  let list = bySource.get(sourceUrl);
  if (!list) {
    list = headlines.filter((headline) => headline.sourceUrl === sourceUrl);
    bySource.set(sourceUrl, list);
  }
  return list;
}

/** Rows shown where the reader is, under the current filter: every word must appear in the title, source or summary. */
export function visibleHeadlines(
  state: Pick<ReaderState, 'headlines' | 'filter' | 'saved'> & { place?: Place; savedText?: Record<string, string> },
): StoryRow[] {
  const place = state.place ?? { kind: 'list', cursor: 0 };
  const rows =
    place.kind === 'saved'
      ? savedHeadlines(state).map((headline) => ({ ...headline, key: headline.url, others: [] }))
      : place.kind === 'source'
        ? storyRows(headlinesOf(state.headlines, place.url))
        : place.kind === 'sources' || place.kind === 'failures'
          ? []
          : storyRows(state.headlines);
  return state.filter ? rows.filter(matchesFilter(state.filter, place.kind === 'saved' ? (state.savedText ?? {}) : {})) : rows;
}

/** The row's identity: what the cursor stays on while sources come in. */
export function rowIdentity(row: StoryRow): string[] {
  return [row.key, ...row.others.map(headlineKey)];
}

/** Unread rows where the reader is (the header's total). */
export function unreadCount(state: ReaderState): number {
  let count = 0;
  for (const row of visibleHeadlines(state)) if (!isRowRead(state, row)) count++;
  return count;
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
  if (state.place.kind === 'sources') return state.sources.length;
  if (state.place.kind === 'failures') return state.sourceErrors.length;
  return visibleHeadlines(state).length;
}

/** The headline under the cursor, in a headline list. */
export function headlineAtCursor(state: ReaderState): StoryRow | undefined {
  const place = state.place;
  if (!isListPlace(place) || place.kind === 'sources' || place.kind === 'failures') return undefined;
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
