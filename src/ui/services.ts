import type { ReadingChange } from '../store/reading-state.js';
import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import type { Remembered, SourceError, SourceRow } from '../state/reader.js';

export type LoadedHeadlines = Awaited<ReturnType<ReaderServices['loadHeadlines']>>;

/**
 * The first loading of the sources, started before the screen opened: `settled` when it
 * finished in time for the first frame (which then shows the headlines straight away).
 */
export interface FirstLoad {
  pending: Promise<LoadedHeadlines>;
  settled?: LoadedHeadlines;
}

/** What the screen needs from the outside world; the real one is in run.tsx, tests pass their own servers and folders. */
export interface ReaderServices {
  loadHeadlines(): Promise<{ headlines: Headline[]; errors: SourceError[]; sources?: SourceRow[] }>;
  readArticle(url: string): Promise<{ article: Article; stale: boolean }>;
  /** Warms the cache for links the reader may follow next. */
  prefetch(urls: string[]): void;
  openInBrowser(url: string): void;
  /** Read marks, saves and positions from earlier runs, and what went wrong reading them. */
  remembered?: { state: Remembered; warning?: string };
  /** Writes reading changes; resolves to a message for the status line when something could not be kept. */
  persist?(changes: ReadingChange[]): Promise<string | undefined>;
  /** Adds the site of a page to the sources; resolves to what was done, in words. */
  addSite?(pageUrl: string): Promise<string>;
}
