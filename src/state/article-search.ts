import type { Line } from '../app/article-layout.js';
import { findFolded, fold } from '../text/fold.js';
import { articleLines, currentArticle } from './selectors.js';
import type { ReaderState } from './types.js';

/**
 * `/` inside an article: the words typed are looked for in the laid-out lines, case and accents
 * ignored; Enter shows the first match from where the reader is, N the next one (from the end, the
 * first again). The pane highlights every match in view (matchRanges).
 */

/** The [start, end) ranges of a line's text that match the query. */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  return findFolded(text, fold(query).trim());
}

function matchLines(lines: Line[], query: string): number[] {
  const phrase = fold(query).trim();
  if (!phrase) return [];
  const found: number[] = [];
  lines.forEach((line, index) => {
    if (findFolded(line.text, phrase).length) found.push(index);
  });
  return found;
}

/** The scroll that shows a line a third of the way down the pane (the lines before it give the context). */
function scrollTo(state: ReaderState, line: number, count: number): number {
  const top = state.place.kind === 'article' ? state.place.scroll : 0;
  const height = state.viewport.height;
  if (line >= top && line < top + height) return top;
  return Math.max(0, Math.min(line - Math.floor(height / 3), count - height));
}

export function startSearch(state: ReaderState): ReaderState {
  if (state.place.kind !== 'article' || !currentArticle(state)) return state;
  return { ...state, search: { query: '', typing: true, line: -1 } };
}

export function typeSearch(state: ReaderState, query: string): ReaderState {
  return state.search ? { ...state, search: { ...state.search, query } } : state;
}

/** Enter: the first match from the top of the view on; Esc: no search. */
export function endSearch(state: ReaderState, keep: boolean): ReaderState {
  if (!state.search || !keep || !state.search.query.trim()) return { ...state, search: null };
  const done = { ...state, search: { ...state.search, typing: false, line: -1 } };
  const from = state.place.kind === 'article' ? state.place.scroll - 1 : -1;
  return nextMatch(done, 1, from);
}

/** N: the next match after the current one (or after `from`); round to the first from the end. */
export function nextMatch(state: ReaderState, direction: 1 | -1, from = state.search?.line ?? -1): ReaderState {
  const search = state.search;
  if (!search || state.place.kind !== 'article') return state;
  const lines = articleLines(state);
  const found = matchLines(lines, search.query);
  if (found.length === 0) return { ...state, search: { ...search, line: -1 }, notice: `Not found in this article: "${search.query}"` };
  const ahead = direction === 1 ? found.find((line) => line > from) : [...found].reverse().find((line) => line < from);
  const line = ahead ?? (direction === 1 ? found[0]! : found[found.length - 1]!);
  const position = found.indexOf(line) + 1;
  const wrapped = ahead === undefined && from >= 0 ? ' (from the top again)' : '';
  return {
    ...state,
    search: { ...search, line },
    place: { ...state.place, scroll: scrollTo(state, line, lines.length) },
    notice: `Match ${position} of ${found.length} lines${wrapped}: N for the next`,
  };
}
