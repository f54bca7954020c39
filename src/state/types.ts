import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import type { SourceError, SourceRow } from '../app/reader-services.js';
import type { ReadingChange } from '../store/reading-state.js';
import type { KeyPress } from './keymap.js';
import type { LineTarget } from '../app/line-targets.js';

// The reader's state, the actions that change it and the requests it leaves for the hooks.

/** An article page as the reader has it: on its way, read, or failed with a message. */
export type Page = { status: 'loading' } | { status: 'ready'; article: Article; stale: boolean } | { status: 'error'; message: string };

/** Places with a cursor over rows: every headline, one source's, the saved articles, the list of sources. */
export type ListPlace =
  | { kind: 'list'; cursor: number }
  | { kind: 'source'; url: string; title: string; cursor: number }
  | { kind: 'saved'; cursor: number }
  | { kind: 'sources'; cursor: number }
  /** The sources that failed, one a row with what went wrong (E). */
  | { kind: 'failures'; cursor: number };

/** A headline of another source that lists the same story (grouped rows, see feeds/group.ts). */
export interface AlsoIn {
  source: string;
  url: string;
}

/** `also`: the other sources of the story the article was opened from, named under its header; read marks go to them too. */
/** `keys`: the read-mark keys of the story's headlines (feeds/identity.ts), when opened from a headline list. */
export type Place = ListPlace | { kind: 'article'; url: string; scroll: number; also?: AlsoIn[]; keys?: string[] };

/** `/` inside an article: the words looked for, whether they are still being typed, the line of the match shown. */
export interface ArticleSearch {
  query: string;
  typing: boolean;
  /** The line of the current match, or -1 when there is none. */
  line: number;
}

export type Overlay = 'none' | 'help' | 'links';

export type { SourceError, SourceRow } from '../app/reader-services.js';

/** An article the reader saved, as listed in the saved view. */
export interface SavedEntry {
  title: string;
  source: string;
  savedAt: string;
}

/** Something only the outside world can do, asked for by a key. */
export type Ask =
  | { kind: 'quit' }
  | { kind: 'reload' }
  | { kind: 'browser'; url: string }
  /** Read marks, saves and reading positions to write to disk. */
  | { kind: 'persist'; changes: ReadingChange[] }
  /** Add the site of this page to the sources. */
  | { kind: 'addSite'; url: string };

export type Request = Ask & { id: number };

/** What a click landed on, as the screen drew it: a row of a list, a line of the article, a row of the links overlay. */
export type ClickTarget = { kind: 'row'; index: number } | { kind: 'line'; target: LineTarget } | { kind: 'link'; index: number };

/**
 * A click carries the screen's answer to "what is drawn at this row", asked of the state the click
 * meets in the reducer (a key pressed just before it may have moved the list).
 */
export type MouseEvent = { kind: 'wheel'; delta: 1 | -1 } | { kind: 'click'; target: (state: ReaderState) => ClickTarget | undefined };

/** What the reader remembers from earlier runs. */
export interface Remembered {
  read: Record<string, unknown>;
  /** Headlines marked unread although their source's "all read" covers them. */
  unread?: Record<string, unknown>;
  /** Per source: everything published up to this date was marked read at once (M). */
  readThrough?: Record<string, { through: string }>;
  saved: Record<string, SavedEntry>;
  positions: Record<string, { block: number }>;
}

export interface ReaderState {
  headlines: Headline[];
  sourceErrors: SourceError[];
  /** Some source is still loading (its address is in pendingSources when the sources were known in advance). */
  loadingSources: boolean;
  /** Sources (their addresses) whose fresh headlines have not come yet. */
  pendingSources: string[];
  /** How many sources the loading under way reads, for "3 of 40 sources still loading". */
  sourceCount: number;
  /** Sources whose headlines on screen are those kept from last time: not refreshed yet. */
  keptSources: Record<string, true>;
  /** Headlines that came in with the last refresh (R or the timer) and were not there before: "5 new". */
  newCount: number;
  /** Whether the loading under way is a refresh, whose new headlines are counted (not the first one). */
  refreshing: boolean;
  search: ArticleSearch | null;
  /** The text of saved articles (their copies), searched by / in the saved view. */
  savedText: Record<string, string>;
  filter: string;
  filtering: boolean;
  place: Place;
  back: Place[];
  forward: Place[];
  pages: Record<string, Page>;
  /** Marked read one by one (opened, or m). Whether a headline is read: isRead (selectors.ts), never this alone. */
  read: Record<string, true>;
  /** Marked unread with m: stays unread even where its source's "all read" covers it. */
  unread: Record<string, true>;
  /** Source URL → M ("all read"): what the source published up to `through` (ISO 8601) is read, without a mark each. */
  readThrough: Record<string, { through: string }>;
  saved: Record<string, SavedEntry>;
  /** Block at the top of the view when each article was left. */
  positions: Record<string, number>;
  sources: SourceRow[];
  /** One line for the status bar (a warning, what a key did); cleared by the next key. */
  notice: string | null;
  overlay: Overlay;
  linkCursor: number;
  /** Lines available to the article text and the headline list. */
  viewport: { width: number; height: number };
  locale: string;
  requests: Request[];
  nextRequestId: number;
}

export type Action =
  /** `sources`: those about to load, when known (each then has its own spinner); `refresh`: count what is new. */
  | { type: 'sources/loading'; sources?: SourceRow[]; refresh?: boolean }
  /** One source's headlines as they come: kept from last time (`fresh` false), or read now. */
  | { type: 'source/loaded'; source: SourceRow; headlines: Headline[]; done: boolean; stale: boolean }
  /** `stale`: sources whose headlines are still those kept from last time (they could not be read now). */
  | { type: 'sources/loaded'; headlines: Headline[]; errors: SourceError[]; sources?: SourceRow[]; stale?: string[] }
  | { type: 'saved/texts'; texts: Record<string, string> }
  /** J / K / u: the next or previous headline of the list the article was opened from, or the next unread one. */
  | { type: 'headline/step'; which: 'next' | 'previous' | 'unread' }
  /** q or Esc in an article: back to the list it was opened from (the places passed go forward). */
  | { type: 'history/list' }
  | { type: 'search/start' }
  | { type: 'search/input'; text: string }
  | { type: 'search/erase' }
  | { type: 'search/done'; keep: boolean }
  | { type: 'search/next'; direction: 1 | -1 }
  | { type: 'notice'; text: string }
  /** Said by the outside world: joined to what is already on the status line until the next key. */
  | { type: 'warning'; text: string }
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
  | { type: 'view/open'; view: 'sources' | 'saved' | 'failures' }
  | { type: 'mark/toggle' }
  /** `now`: when M was pressed; headlines dated later (a feed's clock running ahead) are marked one by one. */
  | { type: 'mark/source'; now: number }
  /** `now`: when (ms since the epoch), taken by the caller: the reducer reads no clock. */
  | { type: 'save/toggle'; now: number }
  | { type: 'resize'; width: number; height: number }
  /** The mouse (see ui/terminal/mouse.ts): a wheel notch, or a click on what the screen showed there (found by the screen). */
  | { type: 'mouse'; event: MouseEvent }
  /** A key press, and when it came (ms since the epoch) for what it records. */
  | { type: 'key'; input: string; key: KeyPress; now: number }
  | { type: 'request/done'; id: number };
