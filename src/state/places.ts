import { markRead, rememberedScroll, rememberPosition } from './reading-marks.js';
import { isListPlace, rowCount, rowKeys, sourceRows, visibleHeadlines } from './selectors.js';
import type { AlsoIn, ListPlace, Page, Place, ReaderState } from './types.js';

/**
 * Where the reader is and how it moves between places: going to an article or a list view
 * keeps the place left in the history (with its scroll), opening a row goes where the row leads.
 * Pure functions of the state, used by the reducer (reader.ts).
 */

export const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** Goes somewhere new: the place left joins the history, the way forward is forgotten. */
export function visit(state: ReaderState, place: Place): ReaderState {
  const left = rememberPosition(state);
  return { ...left, back: [...left.back, left.place], forward: [], place, overlay: 'none', linkCursor: 0, filtering: false, search: null };
}

/**
 * Opens an article; `also`: the same story in other sources (a grouped row), read with it; `keys`:
 * the read-mark keys of the story's headlines, when opened from a list (else its addresses).
 */
export function go(state: ReaderState, url: string, also: AlsoIn[] = [], keys?: string[]): ReaderState {
  if (state.place.kind === 'article' && state.place.url === url) return state;
  const known = state.pages[url];
  const pages = known && known.status !== 'error' ? state.pages : { ...state.pages, [url]: { status: 'loading' } as Page };
  const addresses = [url, ...also.map((other) => other.url)];
  // Kept in the place only when they say more than its addresses (an entry the feed gives an id).
  const own = keys && keys.join('\u0000') !== addresses.join('\u0000') ? keys : undefined;
  const place: Place = { kind: 'article', url, scroll: 0, ...(also.length ? { also } : {}), ...(own ? { keys: own } : {}) };
  const opened = markRead(visit({ ...state, pages }, place), own ?? addresses, true);
  return known?.status === 'ready' ? { ...opened, place: { ...place, scroll: rememberedScroll(opened, url) } } : opened;
}

/** Revisiting a page that failed tries it again. */
export function revisit(state: ReaderState, place: Place): ReaderState['pages'] {
  if (place.kind !== 'article' || state.pages[place.url]?.status !== 'error') return state.pages;
  return { ...state.pages, [place.url]: { status: 'loading' } };
}

export function withCursor(place: ListPlace, cursor: number): ListPlace {
  return { ...place, cursor };
}

export function moveCursor(state: ReaderState, to: (cursor: number, count: number) => number): ReaderState {
  if (!isListPlace(state.place)) return state;
  const count = rowCount(state);
  return { ...state, place: withCursor(state.place, clamp(to(state.place.cursor, count), 0, Math.max(0, count - 1))) };
}

export function openRow(state: ReaderState): ReaderState {
  const place = state.place;
  if (!isListPlace(place)) return state;
  if (place.kind === 'sources') {
    const source = sourceRows(state)[place.cursor];
    return source ? visit({ ...state, filter: '' }, { kind: 'source', url: source.url, title: source.title, cursor: 0 }) : state;
  }
  if (place.kind === 'failures') {
    const failed = state.sourceErrors[place.cursor];
    return failed?.url ? visit({ ...state, filter: '' }, { kind: 'source', url: failed.url, title: failed.source, cursor: 0 }) : state;
  }
  const headline = visibleHeadlines(state)[place.cursor];
  return headline
    ? go(
        { ...state, filtering: false },
        headline.url,
        headline.others.map((other) => ({ source: other.source, url: other.url })),
        rowKeys(headline),
      )
    : state;
}

/** Opens a list view (sources, saved) unless it is already on screen. */
export function openView(state: ReaderState, kind: 'sources' | 'saved' | 'failures'): ReaderState {
  if (state.place.kind === kind) return state;
  if (kind === 'failures' && state.sourceErrors.length === 0) return { ...state, notice: 'No source failed' };
  return visit({ ...state, filter: '' }, { kind, cursor: 0 });
}
