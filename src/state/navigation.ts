import { isListPlace, isRowRead, rowKeys, visibleHeadlines } from './selectors.js';
import { rememberPosition } from './reading-marks.js';
import type { ReaderState } from './types.js';

/**
 * Moving between headlines as newsboat readers do: q or Esc from an article returns to the list
 * it was opened from (history stays on h / L), and J / K / u open the next, previous or next
 * unread headline of that list without going back to it first.
 */

/** Back to the list the reader came from: the places passed on the way go forward, as if h had been pressed that many times. */
export function backToList(state: ReaderState): ReaderState {
  let index = state.back.length - 1;
  while (index >= 0 && !isListPlace(state.back[index]!)) index--;
  const list = state.back[index];
  if (!list) return state;
  const left = rememberPosition(state);
  return {
    ...left,
    place: list,
    back: left.back.slice(0, index),
    forward: [...left.back.slice(index + 1), left.place, ...left.forward],
    overlay: 'none',
    search: null,
  };
}

/**
 * The row J / K / u go to from `at` in the list, or undefined at its end. `u` looks for an
 * unread row after `at`, and then from the top.
 */
function targetRow(state: ReaderState, at: number, which: 'next' | 'previous' | 'unread'): number | undefined {
  const rows = visibleHeadlines(state);
  if (which === 'next') return at + 1 < rows.length ? at + 1 : undefined;
  if (which === 'previous') return at - 1 >= 0 && rows.length ? Math.min(at - 1, rows.length - 1) : undefined;
  const order = [...rows.keys()].filter((index) => index > at).concat([...rows.keys()].filter((index) => index < at));
  return order.find((index) => !isRowRead(state, rows[index]!));
}

const AT_END = { next: 'This is the last headline', previous: 'This is the first headline', unread: 'No unread headline left' } as const;

/** J / K / u: in a list, the cursor moves there; in an article, that headline opens (`open` opens the row under the cursor). */
export function stepHeadline(
  state: ReaderState,
  which: 'next' | 'previous' | 'unread',
  open: (state: ReaderState) => ReaderState,
): ReaderState {
  const reading = state.place.kind === 'article' ? state.place : undefined;
  const base = reading ? backToList(state) : state;
  const place = base.place;
  if (!isListPlace(place) || place.kind === 'sources' || place.kind === 'failures') return state;
  const rows = visibleHeadlines(base);
  // The article's own row when it is in the list (it may have been reached by a link), else the cursor.
  // Its own row by the story's keys (two entries may share one link), else by its address.
  const own = !reading
    ? -1
    : reading.keys
      ? rows.findIndex((row) => rowKeys(row)[0] === reading.keys?.[0])
      : rows.findIndex((row) => row.url === reading.url || row.others.some((other) => other.url === reading.url));
  const at = own >= 0 ? own : place.cursor;
  const target = targetRow(base, at, which);
  if (target === undefined) return { ...state, notice: AT_END[which] };
  const moved: ReaderState = { ...base, place: { ...place, cursor: target } };
  return reading ? open(moved) : moved;
}
