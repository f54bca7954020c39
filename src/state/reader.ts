import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import { layoutArticle, type Line, remapScroll } from './article-layout.js';
import { commandFor, type Command, type Focus, type KeyPress } from './keymap.js';

/**
 * The whole reader as one pure reducer: what is on screen, the history of what
 * was read (with scroll positions), the headline cursor and filter, overlays.
 * Key presses are routed here too, so a key always meets the state left by
 * the key before it, however fast they come. Side effects (fetching, quitting,
 * reloading, opening the browser) are requested by state, performed by hooks.
 */
export type Page =
  | { status: 'loading' }
  | { status: 'ready'; article: Article; stale: boolean }
  | { status: 'error'; message: string };

export type Place = { kind: 'list'; cursor: number } | { kind: 'article'; url: string; scroll: number };

export type Overlay = 'none' | 'help' | 'links';

export interface SourceError {
  source: string;
  message: string;
}

/** Something only the outside world can do, asked for by a key. */
export type Request = { id: number; kind: 'quit' } | { id: number; kind: 'reload' } | { id: number; kind: 'browser'; url: string };

export interface ReaderState {
  headlines: Headline[];
  sourceErrors: SourceError[];
  loadingSources: boolean;
  filter: string;
  filtering: boolean;
  place: Place;
  back: Place[];
  forward: Place[];
  pages: Record<string, Page>;
  read: Record<string, true>;
  overlay: Overlay;
  linkCursor: number;
  /** Lines available to the article text and the headline list. */
  viewport: { width: number; height: number };
  locale: string;
  requests: Request[];
  nextRequestId: number;
}

export type Action =
  | { type: 'sources/loading' }
  | { type: 'sources/loaded'; headlines: Headline[]; errors: SourceError[] }
  | { type: 'list/move'; delta: number }
  | { type: 'list/edge'; edge: 'first' | 'last' }
  | { type: 'list/open' }
  | { type: 'filter/start' }
  | { type: 'filter/input'; text: string }
  | { type: 'filter/erase' }
  | { type: 'filter/done'; keep: boolean }
  | { type: 'open'; url: string }
  | { type: 'open/related'; index: number }
  | { type: 'open/neighbour'; which: 'previous' | 'next' }
  | { type: 'page/loaded'; url: string; article: Article; stale: boolean }
  | { type: 'page/failed'; url: string; message: string }
  | { type: 'scroll/by'; lines: number }
  | { type: 'scroll/page'; direction: 1 | -1 }
  | { type: 'scroll/edge'; edge: 'top' | 'bottom' }
  | { type: 'history/back' }
  | { type: 'history/forward' }
  | { type: 'overlay/toggle'; overlay: Exclude<Overlay, 'none'> }
  | { type: 'overlay/close' }
  | { type: 'links/move'; delta: number }
  | { type: 'links/open' }
  | { type: 'resize'; width: number; height: number }
  | { type: 'key'; input: string; key: KeyPress }
  | { type: 'request/done'; id: number };

export function initialState({ viewport, locale }: { viewport: { width: number; height: number }; locale: string }): ReaderState {
  return {
    headlines: [],
    sourceErrors: [],
    loadingSources: true,
    filter: '',
    filtering: false,
    place: { kind: 'list', cursor: 0 },
    back: [],
    forward: [],
    pages: {},
    read: {},
    overlay: 'none',
    linkCursor: 0,
    viewport,
    locale,
    requests: [],
    nextRequestId: 1,
  };
}

export function focusOf(state: ReaderState): Focus {
  if (state.overlay === 'help') return 'help';
  if (state.overlay === 'links') return 'links';
  if (state.filtering) return 'filter';
  return state.place.kind === 'list' ? 'list' : 'article';
}

/** The current article laid out for the current width (memoized by the layout module). */
export function articleLines(state: ReaderState): Line[] {
  const article = currentArticle(state);
  return article ? layoutArticle(article, state.viewport.width, state.locale) : [];
}

/** Headlines shown under the current filter: every word must appear in the title, source or summary. */
export function visibleHeadlines(state: Pick<ReaderState, 'headlines' | 'filter'>): Headline[] {
  const words = state.filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return state.headlines;
  return state.headlines.filter((headline) => {
    const haystack = `${headline.title} ${headline.source} ${headline.summary ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
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

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

function maxScroll(lineCount: number, height: number): number {
  return Math.max(0, lineCount - height);
}

function go(state: ReaderState, url: string): ReaderState {
  if (state.place.kind === 'article' && state.place.url === url) return state;
  const pages = state.pages[url] && state.pages[url].status !== 'error' ? state.pages : { ...state.pages, [url]: { status: 'loading' } as Page };
  return {
    ...state,
    back: [...state.back, state.place],
    forward: [],
    place: { kind: 'article', url, scroll: 0 },
    pages,
    read: { ...state.read, [url]: true },
    overlay: 'none',
    linkCursor: 0,
  };
}

/** Revisiting a page that failed tries it again. */
function revisit(state: ReaderState, place: Place): ReaderState['pages'] {
  if (place.kind !== 'article' || state.pages[place.url]?.status !== 'error') return state.pages;
  return { ...state.pages, [place.url]: { status: 'loading' } };
}

export function readerReducer(state: ReaderState, action: Action): ReaderState {
  switch (action.type) {
    case 'sources/loading':
      return { ...state, loadingSources: true };
    case 'sources/loaded': {
      const cursor = state.place.kind === 'list' ? clamp(state.place.cursor, 0, Math.max(0, action.headlines.length - 1)) : 0;
      return {
        ...state,
        headlines: action.headlines,
        sourceErrors: action.errors,
        loadingSources: false,
        place: state.place.kind === 'list' ? { kind: 'list', cursor } : state.place,
      };
    }
    case 'list/move': {
      if (state.place.kind !== 'list') return state;
      const count = visibleHeadlines(state).length;
      return { ...state, place: { kind: 'list', cursor: clamp(state.place.cursor + action.delta, 0, Math.max(0, count - 1)) } };
    }
    case 'list/edge': {
      if (state.place.kind !== 'list') return state;
      const count = visibleHeadlines(state).length;
      return { ...state, place: { kind: 'list', cursor: action.edge === 'first' ? 0 : Math.max(0, count - 1) } };
    }
    case 'list/open': {
      if (state.place.kind !== 'list') return state;
      const headline = visibleHeadlines(state)[state.place.cursor];
      return headline ? go({ ...state, filtering: false }, headline.url) : state;
    }
    case 'filter/start':
      return state.place.kind === 'list' ? { ...state, filtering: true } : state;
    case 'filter/input':
      return { ...state, filter: state.filter + action.text, place: { kind: 'list', cursor: 0 } };
    case 'filter/erase':
      return { ...state, filter: state.filter.slice(0, -1), place: { kind: 'list', cursor: 0 } };
    case 'filter/done':
      return { ...state, filtering: false, filter: action.keep ? state.filter : '', place: state.place.kind === 'list' ? { kind: 'list', cursor: action.keep ? state.place.cursor : 0 } : state.place };
    case 'open':
      return go(state, action.url);
    case 'open/related': {
      const link = currentArticle(state)?.related[action.index];
      return link ? go(state, link.url) : state;
    }
    case 'open/neighbour': {
      const link = currentArticle(state)?.[action.which];
      return link ? go(state, link.url) : state;
    }
    case 'page/loaded':
      return { ...state, pages: { ...state.pages, [action.url]: { status: 'ready', article: action.article, stale: action.stale } } };
    case 'page/failed':
      return { ...state, pages: { ...state.pages, [action.url]: { status: 'error', message: action.message } } };
    case 'scroll/by':
    case 'scroll/page':
    case 'scroll/edge': {
      if (state.place.kind !== 'article') return state;
      const max = maxScroll(articleLines(state).length, state.viewport.height);
      const page = Math.max(1, state.viewport.height - 2);
      const next =
        action.type === 'scroll/by' ? state.place.scroll + action.lines
        : action.type === 'scroll/page' ? state.place.scroll + action.direction * page
        : action.edge === 'top' ? 0 : max;
      return { ...state, place: { ...state.place, scroll: clamp(next, 0, max) } };
    }
    case 'history/back': {
      const previous = state.back[state.back.length - 1];
      if (!previous) return state;
      return { ...state, place: previous, back: state.back.slice(0, -1), forward: [state.place, ...state.forward], overlay: 'none', pages: revisit(state, previous) };
    }
    case 'history/forward': {
      const [next, ...rest] = state.forward;
      if (!next) return state;
      return { ...state, place: next, forward: rest, back: [...state.back, state.place], overlay: 'none', pages: revisit(state, next) };
    }
    case 'overlay/toggle':
      if (action.overlay === 'links' && followableLinks(currentArticle(state)).length === 0) return state;
      return { ...state, overlay: state.overlay === action.overlay ? 'none' : action.overlay, linkCursor: 0 };
    case 'overlay/close':
      return { ...state, overlay: 'none' };
    case 'links/move': {
      const count = followableLinks(currentArticle(state)).length;
      return { ...state, linkCursor: clamp(state.linkCursor + action.delta, 0, Math.max(0, count - 1)) };
    }
    case 'links/open': {
      const link = followableLinks(currentArticle(state))[state.linkCursor];
      return link ? go(state, link.url) : state;
    }
    case 'resize': {
      const resized = { ...state, viewport: { width: action.width, height: action.height } };
      if (state.place.kind !== 'article' || action.width === state.viewport.width) return resized;
      // Re-wrapped: keep the block that was at the top in view.
      const scroll = remapScroll(articleLines(state), state.place.scroll, articleLines(resized));
      return { ...resized, place: { ...state.place, scroll } };
    }
    case 'key':
      return onKey(state, action.input, action.key);
    case 'request/done':
      return { ...state, requests: state.requests.filter((request) => request.id !== action.id) };
  }
}

function request(state: ReaderState, ask: { kind: 'quit' } | { kind: 'reload' } | { kind: 'browser'; url: string }): ReaderState {
  return { ...state, requests: [...state.requests, { ...ask, id: state.nextRequestId }], nextRequestId: state.nextRequestId + 1 };
}

function onKey(state: ReaderState, input: string, key: KeyPress): ReaderState {
  const focus = focusOf(state);
  if (focus === 'filter') {
    if (key.ctrl && input === 'c') return request(state, { kind: 'quit' });
    if (key.escape) return readerReducer(state, { type: 'filter/done', keep: false });
    if (key.return) return readerReducer(state, { type: 'filter/done', keep: true });
    if (key.backspace || key.delete) return readerReducer(state, { type: 'filter/erase' });
    if (input && !key.ctrl && !key.meta) return readerReducer(state, { type: 'filter/input', text: input });
    return state;
  }
  const command = commandFor(focus, input, key);
  if (!command) return state;
  const outcome = commandOutcome(command, state);
  if (!outcome) return state;
  return 'type' in outcome ? readerReducer(state, outcome) : request(state, outcome);
}

/** What a command means where the reader is. */
function commandOutcome(command: Command, state: ReaderState): Action | { kind: 'quit' } | { kind: 'reload' } | { kind: 'browser'; url: string } | undefined {
  const inList = state.place.kind === 'list';
  const inLinks = state.overlay === 'links';
  if (typeof command === 'object') return { type: 'open/related', index: command.related };
  switch (command) {
    case 'down': return inLinks ? { type: 'links/move', delta: 1 } : inList ? { type: 'list/move', delta: 1 } : { type: 'scroll/by', lines: 1 };
    case 'up': return inLinks ? { type: 'links/move', delta: -1 } : inList ? { type: 'list/move', delta: -1 } : { type: 'scroll/by', lines: -1 };
    case 'pageDown': return inList ? { type: 'list/move', delta: state.viewport.height - 1 } : { type: 'scroll/page', direction: 1 };
    case 'pageUp': return inList ? { type: 'list/move', delta: -(state.viewport.height - 1) } : { type: 'scroll/page', direction: -1 };
    case 'top': return inList ? { type: 'list/edge', edge: 'first' } : { type: 'scroll/edge', edge: 'top' };
    case 'bottom': return inList ? { type: 'list/edge', edge: 'last' } : { type: 'scroll/edge', edge: 'bottom' };
    case 'open': return inLinks ? { type: 'links/open' } : { type: 'list/open' };
    case 'filter': return { type: 'filter/start' };
    case 'links': return { type: 'overlay/toggle', overlay: 'links' };
    case 'help': return { type: 'overlay/toggle', overlay: 'help' };
    case 'close': return { type: 'overlay/close' };
    case 'next': return { type: 'open/neighbour', which: 'next' };
    case 'previous': return { type: 'open/neighbour', which: 'previous' };
    case 'back': return { type: 'history/back' };
    case 'forward': return { type: 'history/forward' };
    case 'reload': return { kind: 'reload' };
    case 'browser': return state.place.kind === 'article' ? { kind: 'browser', url: state.place.url } : undefined;
    // q steps back towards the list first; from the list it quits.
    case 'quit': return inList ? { kind: 'quit' } : { type: 'history/back' };
    case 'forceQuit': return { kind: 'quit' };
  }
}
