import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import type { SourceError } from '../state/reader.js';

/** What the screen needs from the outside world; the real one is in run.ts, tests pass their own servers. */
export interface ReaderServices {
  loadHeadlines(): Promise<{ headlines: Headline[]; errors: SourceError[] }>;
  readArticle(url: string): Promise<{ article: Article; stale: boolean }>;
  /** Warms the cache for links the reader may follow next. */
  prefetch(urls: string[]): void;
  openInBrowser(url: string): void;
}
