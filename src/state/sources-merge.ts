import { headlineKey } from '../feeds/group.js';
import { sortNewestFirst } from '../feeds/order.js';
import type { Headline } from '../feeds/types.js';
import { isListPlace, rowIdentity, visibleHeadlines } from './selectors.js';
import type { ReaderState, SourceError, SourceRow } from './types.js';

/**
 * Sources as they come in: each source's headlines merge into the list as they arrive (kept from
 * last time first, then read now), no source waits for another, and the cursor stays on the
 * headline it was on, found again by identity, never by its place or its text.
 */

/** The same list place with the cursor on the row it was on before (found among the stories by identity), else kept in range. */
export function keepCursor(before: ReaderState, after: ReaderState): ReaderState {
  const place = after.place;
  if (!isListPlace(place)) return after;
  const count = place.kind === 'sources' ? after.sources.length : place.kind === 'failures' ? after.sourceErrors.length : -1;
  if (count >= 0) return { ...after, place: { ...place, cursor: Math.max(0, Math.min(place.cursor, count - 1)) } };
  const beforeRows = visibleHeadlines(before);
  const afterRows = visibleHeadlines(after);
  const was = isListPlace(before.place) ? beforeRows[before.place.cursor] : undefined;
  let cursor = Math.max(0, Math.min(place.cursor, afterRows.length - 1));
  if (was && place.cursor > 0) {
    // A reader at the top stays at the top, where the newest are (on a cold start the first source to
    // answer would otherwise decide where the cursor ends up); anywhere else, the cursor keeps its headline.
    const ids = new Set(rowIdentity(was));
    const found = afterRows.findIndex((row) => rowIdentity(row).some((id) => ids.has(id)));
    if (found >= 0) cursor = found;
  }
  return cursor === place.cursor ? after : { ...after, place: { ...place, cursor } };
}

/** How many of `incoming` were not listed before (a refresh's "5 new"). */
function countNew(before: Headline[], incoming: Headline[]): number {
  const known = new Set(before.map(headlineKey));
  return incoming.filter((headline) => !known.has(headlineKey(headline))).length;
}

export function startLoading(state: ReaderState, sources: SourceRow[] | undefined, refresh: boolean): ReaderState {
  return {
    ...state,
    loadingSources: true,
    pendingSources: sources ? sources.map((source) => source.url) : [],
    sourceCount: sources?.length ?? 0,
    sources: state.sources.length || !sources ? state.sources : sources,
    refreshing: refresh,
  };
}

/**
 * One source's headlines: `done` when this is what it reads as now (its own spinner stops),
 * `stale` when they are those kept from last time (marked as not refreshed yet).
 */
export function mergeSource(state: ReaderState, source: SourceRow, headlines: Headline[], done: boolean, stale: boolean): ReaderState {
  const url = source.url;
  const othersHeadlines = state.headlines.filter((headline) => headline.sourceUrl !== url);
  const previous = state.headlines.length - othersHeadlines.length;
  const counted = state.refreshing && done && !stale ? countNew(state.headlines, headlines) : 0;
  const merged = previous === 0 && headlines.length === 0 ? state.headlines : sortNewestFirst([...othersHeadlines, ...headlines]);
  const keptSources = { ...state.keptSources };
  if (stale) keptSources[url] = true;
  else delete keptSources[url];
  const pendingSources = done ? state.pendingSources.filter((pending) => pending !== url) : state.pendingSources;
  const known = state.sources.findIndex((row) => row.url === url);
  const sources = known >= 0 ? state.sources.map((row, index) => (index === known ? source : row)) : [...state.sources, source];
  const sourceErrors: SourceError[] = done
    ? [
        ...state.sourceErrors.filter((error) => error.url !== url),
        ...(source.error ? [{ source: source.title, message: source.error, url }] : []),
      ]
    : state.sourceErrors;
  const next: ReaderState = {
    ...state,
    headlines: merged,
    sources,
    sourceErrors,
    keptSources,
    pendingSources,
    newCount: state.newCount + counted,
    loadingSources: state.sourceCount > 0 ? pendingSources.length > 0 : state.loadingSources,
  };
  return keepCursor(state, next);
}

/** Every source at once (the end of a loading): what they read as now replaces what was on screen. */
export function loadedAll(
  state: ReaderState,
  headlines: Headline[],
  errors: SourceError[],
  sources: SourceRow[] | undefined,
  stale: string[] | undefined,
): ReaderState {
  const next: ReaderState = {
    ...state,
    headlines,
    sourceErrors: errors,
    sources: sources ?? state.sources,
    loadingSources: false,
    pendingSources: [],
    keptSources: Object.fromEntries((stale ?? []).map((url) => [url, true as const])),
    newCount: state.newCount + (state.refreshing ? countNew(state.headlines, headlines) : 0),
    refreshing: false,
  };
  return keepCursor(state, next);
}
