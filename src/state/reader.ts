import { remapScroll } from '../app/article-layout.js';
import { commandFor, type KeyPress } from './keymap.js';
import { commandOutcome } from './commands.js';
import { markSourceRead, rememberedScroll, rememberPosition, toggleRead, toggleSaved } from './reading-marks.js';
import { ask } from './requests.js';
import type { Action, MouseEvent, ReaderState, Remembered } from './types.js';
import { endSearch, nextMatch, startSearch, typeSearch } from './article-search.js';
import { backToList, stepHeadline } from './navigation.js';
import { loadedAll, mergeSource, startLoading } from './sources-merge.js';
import { splitKeys } from './split-keys.js';
import { clamp, go, moveCursor, openRow, openView, revisit, withCursor } from './places.js';
import { articleLines, currentArticle, focusOf, followableLinks, isListPlace } from './selectors.js';
import { helpRowCount } from './keymap.js';

/** The state's shape, its actions and requests, for whoever imports the reducer. */
export type * from './types.js';

export function initialState({
  viewport,
  locale,
  remembered,
  notice,
}: {
  viewport: { width: number; height: number };
  locale: string;
  remembered?: Remembered;
  notice?: string;
}): ReaderState {
  return {
    headlines: [],
    sourceErrors: [],
    loadingSources: true,
    pendingSources: [],
    sourceCount: 0,
    keptSources: {},
    newCount: 0,
    refreshing: false,
    search: null,
    savedText: {},
    filter: '',
    filtering: false,
    place: { kind: 'list', cursor: 0 },
    back: [],
    forward: [],
    pages: {},
    read: Object.fromEntries(Object.keys(remembered?.read ?? {}).map((url) => [url, true as const])),
    unread: Object.fromEntries(Object.keys(remembered?.unread ?? {}).map((url) => [url, true as const])),
    readThrough: Object.fromEntries(Object.entries(remembered?.readThrough ?? {}).map(([source, { through }]) => [source, { through }])),
    saved: remembered?.saved ?? {},
    positions: Object.fromEntries(Object.entries(remembered?.positions ?? {}).map(([url, { block }]) => [url, block])),
    sources: [],
    notice: notice ?? null,
    overlay: 'none',
    linkCursor: 0,
    viewport,
    locale,
    requests: [],
    nextRequestId: 1,
  };
}

export { articleLines, currentArticle, focusOf, followableLinks, visibleHeadlines } from './selectors.js';

function maxScroll(lineCount: number, height: number): number {
  return Math.max(0, lineCount - height);
}

/**
 * The whole reader as one pure reducer (the state's shape is in types.ts):
 * what is on screen, the history of what was read (with scroll positions),
 * the headline cursor and filter, overlays, reading marks. Key presses are
 * routed here too, so a key always meets the state left by the key before it,
 * however fast they come. Side effects are requested by state, performed by hooks.
 */
export function readerReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'sources/loading':
      return startLoading(state, action.sources, action.refresh ?? false);
    case 'source/loaded':
      return mergeSource(state, action.source, action.headlines, action.done, action.stale);
    case 'sources/loaded':
      return loadedAll(state, action.headlines, action.errors, action.sources, action.stale);
    case 'saved/texts':
      return { ...state, savedText: action.texts };
    case 'headline/step':
      return stepHeadline(state, action.which, openRow);
    case 'history/list':
      return backToList(state);
    case 'search/start':
      return startSearch(state);
    case 'search/input':
      return typeSearch(state, (state.search?.query ?? '') + action.text);
    case 'search/erase':
      return typeSearch(state, (state.search?.query ?? '').slice(0, -1));
    case 'search/done':
      return endSearch(state, action.keep);
    case 'search/next':
      return nextMatch(state, action.direction);
    case 'notice':
      return { ...state, notice: action.text };
    case 'warning':
      return { ...state, notice: state.notice ? `${state.notice} ${action.text}` : action.text };
    case 'list/move':
      return moveCursor(state, (cursor) => cursor + action.delta);
    case 'list/edge':
      // Back at the top, the new headlines are in view: "5 new" has been said.
      return moveCursor(action.edge === 'first' ? { ...state, newCount: 0 } : state, (_cursor, count) =>
        action.edge === 'first' ? 0 : count - 1,
      );
    case 'list/open':
      return openRow(state);
    case 'filter/start':
      return isListPlace(state.place) && state.place.kind !== 'sources' && state.place.kind !== 'failures'
        ? { ...state, filtering: true }
        : state;
    case 'filter/input':
    case 'filter/erase': {
      if (!isListPlace(state.place)) return state;
      const filter = action.type === 'filter/input' ? state.filter + action.text : state.filter.slice(0, -1);
      return { ...state, filter, place: withCursor(state.place, 0) };
    }
    case 'filter/done': {
      const filtered = { ...state, filtering: false, filter: action.keep ? state.filter : '' };
      return isListPlace(state.place) && !action.keep ? { ...filtered, place: withCursor(state.place, 0) } : filtered;
    }
    case 'open':
      return go(state, action.url);
    case 'open/related': {
      const article = currentArticle(state);
      const link = article?.related[action.index];
      if (link) return go(state, link.url);
      // Said, not silent: the digit was pressed for a link the reader believes is there.
      return article ? { ...state, notice: `No link [${action.index + 1}] in this article (l lists its links)` } : state;
    }
    case 'open/neighbour': {
      const link = currentArticle(state)?.[action.which];
      return link ? go(state, link.url) : state;
    }
    case 'page/loaded': {
      const loaded: ReaderState = {
        ...state,
        pages: { ...state.pages, [action.url]: { status: 'ready', article: action.article, stale: action.stale } },
      };
      // Opened afresh (not scrolled yet): start where the reader stopped last time.
      if (loaded.place.kind !== 'article' || loaded.place.url !== action.url || loaded.place.scroll !== 0) return loaded;
      return { ...loaded, place: { ...loaded.place, scroll: rememberedScroll(loaded, action.url) } };
    }
    case 'page/failed':
      return { ...state, pages: { ...state.pages, [action.url]: { status: 'error', message: action.message } } };
    case 'scroll/by':
    case 'scroll/page':
    case 'scroll/edge': {
      if (state.place.kind !== 'article') return state;
      const max = maxScroll(articleLines(state).length, state.viewport.height);
      const page = Math.max(1, state.viewport.height - 2);
      const next =
        action.type === 'scroll/by'
          ? state.place.scroll + action.lines
          : action.type === 'scroll/page'
            ? state.place.scroll + action.direction * page
            : action.edge === 'top'
              ? 0
              : max;
      return { ...state, place: { ...state.place, scroll: clamp(next, 0, max) } };
    }
    case 'history/back': {
      const previous = state.back[state.back.length - 1];
      if (!previous) return state;
      const left = rememberPosition(state);
      return {
        ...left,
        place: previous,
        back: left.back.slice(0, -1),
        forward: [left.place, ...left.forward],
        overlay: 'none',
        pages: revisit(left, previous),
      };
    }
    case 'history/forward': {
      const [next, ...rest] = state.forward;
      if (!next) return state;
      const left = rememberPosition(state);
      return { ...left, place: next, forward: rest, back: [...left.back, left.place], overlay: 'none', pages: revisit(left, next) };
    }
    case 'overlay/toggle':
      if (action.overlay === 'links' && followableLinks(currentArticle(state)).length === 0) return state;
      return { ...state, overlay: state.overlay === action.overlay ? 'none' : action.overlay, linkCursor: 0 };
    case 'overlay/close':
      return { ...state, overlay: 'none' };
    case 'links/move': {
      // In the help, the same cursor is its first row shown (a small window scrolls through the keys).
      const count = state.overlay === 'help' ? helpRowCount() - 1 : followableLinks(currentArticle(state)).length;
      return { ...state, linkCursor: clamp(state.linkCursor + action.delta, 0, Math.max(0, count - 1)) };
    }
    case 'links/open': {
      const link = followableLinks(currentArticle(state))[state.linkCursor];
      return link ? go(state, link.url) : state;
    }
    case 'view/open':
      return openView(state, action.view);
    case 'mark/toggle':
      return toggleRead(state);
    case 'mark/source':
      return markSourceRead(state, action.now);
    case 'save/toggle':
      return toggleSaved(state, action.now);
    case 'resize': {
      const resized = { ...state, viewport: { width: action.width, height: action.height } };
      if (state.place.kind !== 'article') return resized;
      // Re-wrapped: keep the block that was at the top in view.
      const lines = articleLines(resized);
      const scroll =
        action.width === state.viewport.width ? state.place.scroll : remapScroll(articleLines(state), state.place.scroll, lines);
      // Taller, or fewer lines: never scrolled past the end (the last lines stay at the bottom of the pane).
      return { ...resized, place: { ...state.place, scroll: clamp(scroll, 0, maxScroll(lines.length, action.height)) } };
    }
    case 'key': {
      const cleared = state.notice ? { ...state, notice: null } : state;
      // Keys typed faster than the terminal is read arrive as one string ("hq", "j\r"): each is a key of its own.
      // So does a lone "\n": an Enter typed ahead, before the reader took the terminal out of its line
      // mode, which turned the Enter's "\r" into "\n" (Ink names that no key).
      if (([...action.input].length > 1 || action.input === '\n') && isPlainText(action.key))
        return splitKeys(action.input).reduce((next, { input, key }) => onKey(next, input, key, action.now), cleared);
      return onKey(cleared, action.input, action.key, action.now);
    }
    case 'mouse':
      return onMouse(state.notice ? { ...state, notice: null } : state, action.event);
    case 'request/done':
      return { ...state, requests: state.requests.filter((request) => request.id !== action.id) };
  }
}

/** Lines (or rows) a notch of the wheel moves. */
const WHEEL_LINES = 3;

/** The mouse, routed here like the keys: the wheel scrolls what is in view, a click opens what it landed on. */
function onMouse(state: ReaderState, event: MouseEvent): ReaderState {
  if (event.kind === 'wheel') {
    if (state.overlay === 'links') return readerReducer(state, { type: 'links/move', delta: event.delta });
    if (state.overlay !== 'none') return state;
    if (isListPlace(state.place)) return readerReducer(state, { type: 'list/move', delta: event.delta * WHEEL_LINES });
    return readerReducer(state, { type: 'scroll/by', lines: event.delta * WHEEL_LINES });
  }
  const target = event.target(state);
  if (!target) return state;
  switch (target.kind) {
    case 'row':
      if (!isListPlace(state.place) || state.overlay !== 'none') return state;
      return readerReducer(readerReducer(state, { type: 'list/move', delta: target.index - state.place.cursor }), { type: 'list/open' });
    case 'link':
      if (state.overlay !== 'links') return state;
      return readerReducer({ ...state, linkCursor: target.index }, { type: 'links/open' });
    case 'line':
      if (target.target.kind === 'related') return readerReducer(state, { type: 'open/related', index: target.target.index });
      if (target.target.kind === 'image') return ask(state, { kind: 'browser', url: target.target.url });
      return state;
  }
}

function isPlainText(key: KeyPress): boolean {
  return !Object.values(key).some(Boolean);
}

function onKey(state: ReaderState, input: string, key: KeyPress, now: number): ReaderState {
  const focus = focusOf(state);
  if (focus === 'filter' && state.search?.typing) {
    if (key.ctrl && input === 'c') return quit(state);
    if (key.escape) return readerReducer(state, { type: 'search/done', keep: false });
    if (key.return) return readerReducer(state, { type: 'search/done', keep: true });
    if (key.backspace || key.delete) return readerReducer(state, { type: 'search/erase' });
    if (input && !key.ctrl && !key.meta) return readerReducer(state, { type: 'search/input', text: input });
    return state;
  }
  if (focus === 'filter') {
    if (key.ctrl && input === 'c') return quit(state);
    if (key.escape) return readerReducer(state, { type: 'filter/done', keep: false });
    if (key.return) return readerReducer(state, { type: 'filter/done', keep: true });
    if (key.backspace || key.delete) return readerReducer(state, { type: 'filter/erase' });
    if (input && !key.ctrl && !key.meta) return readerReducer(state, { type: 'filter/input', text: input });
    return state;
  }
  const command = commandFor(focus, input, key);
  if (!command) return state;
  const outcome = commandOutcome(command, state, now);
  if (!outcome) return state;
  if ('type' in outcome) return readerReducer(state, outcome);
  return outcome.kind === 'quit' ? quit(state) : ask(state, outcome);
}

/** Quitting from an article still remembers where the reader stopped. */
function quit(state: ReaderState): ReaderState {
  return ask(rememberPosition(state), { kind: 'quit' });
}
