import { describeFsError, isKiosqueError } from '../errors.js';
import type { Article } from '../extract/types.js';
import { readSource, type SourceResult } from '../feeds/sources.js';
import { sortNewestFirst } from '../feeds/order.js';
import type { Headline, SourceEntry } from '../feeds/types.js';
import { HttpClient } from '../net/client.js';
import type { ReadingChange, ReadingState } from '../store/reading-state.js';
import type { Settings } from '../store/settings.js';
import { cleanInline, stripControls } from '../text/sanitize.js';
import { displayUrl, hostOf } from '../text/url.js';
import { DEMO_KEEPS_ITS_SOURCES, type Session } from './session.js';
import type { FeedEntryRef } from './feed-entry.js';
import type { WarningListener } from './warnings.js';

/** Pages of a multi-page article read ahead with it: page 2 is where the reader goes on reading. */
const PREFETCH_PAGES = 2;

/** A source that failed, as the headline list names it. */
export interface SourceError {
  source: string;
  message: string;
  /** The source's address, when known: a source that fails again replaces its own line. */
  url?: string;
}

/** A source as the reader configured it, for the sources view. */
export interface SourceRow {
  url: string;
  title: string;
  group: string[];
  error: string | null;
}

export interface LoadedHeadlines {
  headlines: Headline[];
  errors: SourceError[];
  sources?: SourceRow[];
  /** Sources whose headlines are those kept from last time: they could not be read now. */
  stale?: string[];
}

/**
 * One source's headlines as they come in: those kept from last time (`done` false, `stale`
 * true), then what it reads as now (`done`; `stale` when it could only be served from an old copy).
 */
export interface SourceLoaded {
  source: SourceRow;
  headlines: Headline[];
  done: boolean;
  stale: boolean;
}

export interface LoadOptions {
  /** Ask every server again, however long it said to keep its copy (R). */
  revalidate?: boolean;
  /** Told of each source as it comes, so that no source waits for another. */
  onSource?: (loaded: SourceLoaded) => void;
}

/** What the reader's screen needs from the outside world: made from a session here, by hand in tests. */
export interface ReaderServices {
  /**
   * The sources' headlines. The first load is cache first (a fresh copy is shown as it is);
   * a reload (`revalidate`, the R key) asks every server again, however long it said to keep its copy.
   */
  loadHeadlines(options?: LoadOptions): Promise<LoadedHeadlines>;
  /** The sources about to be read, known before any is (each then has its own spinner). */
  sourceList?: SourceRow[];
  /** The text of the saved articles' copies, by address: what / searches in the saved view. */
  savedTexts?(): Promise<Record<string, string>>;
  /** The article, read whole; `onProgress` is told the pages read so far of a multi-page article, while the rest is read. */
  readArticle(
    url: string,
    onProgress?: (reading: { article: Article; stale: boolean }) => void,
    /** The feed entry it was opened from: the feed's full text is shown when the page cannot be read. */
    entry?: FeedEntryRef,
  ): Promise<{ article: Article; stale: boolean }>;
  /** Warms the cache for links the reader may follow next; `mayFollow` limits the redirects those fetches follow. */
  prefetch(urls: string[], mayFollow: (target: string) => boolean): void;
  /** Opens a page in the browser; `say` is told what happened, for the status line (see open-in-browser.ts). */
  openInBrowser(url: string, say?: (message: string) => void): void;
  /** Read marks, saves and positions from earlier runs. */
  remembered?: ReadingState;
  /** Writes reading changes (what cannot be kept is said through onWarning). */
  persist?(changes: ReadingChange[]): void;
  /** Adds the site of a page to the sources; resolves to what was done, in words. */
  addSite?(pageUrl: string): Promise<string>;
  /** Listens to what goes wrong without stopping the reader (said on the status line); returns the way to stop. */
  onWarning?(listener: WarningListener): () => void;
  /** The reader's settings (config.json: theme, mouse, browser, refresh interval…); the defaults when absent (tests). */
  settings?: Settings;
  /** The headlines of the last load that finished: the list the reader leaves, kept for its next first frame. */
  lastLoaded?(): LoadedHeadlines | undefined;
}

export interface ReaderServiceOptions {
  entries: SourceEntry[];
  openInBrowser: ReaderServices['openInBrowser'];
}

/**
 * The session as the reader sees it: sources read through the cache, articles read once
 * per run (the session's saved-copy rule included), reading marks written to disk, sites
 * added to the sources.
 */
export function createReaderServices(session: Session, { entries, openInBrowser }: ReaderServiceOptions): ReaderServices {
  const articles = new Map<string, ReturnType<Session['readArticle']>>();
  const readAhead = new Set<string>();
  let lastLoaded: LoadedHeadlines | undefined;
  const read = (url: string, onProgress?: (reading: { article: Article; stale: boolean }) => void, entry?: FeedEntryRef) => {
    let pending = articles.get(url);
    if (!pending) {
      pending = session.readArticle(url, { ...(onProgress ? { onProgress } : {}), ...(entry ? { entry } : {}) });
      // A failure is not remembered: going back to the page tries again.
      pending.catch(() => articles.delete(url));
      articles.set(url, pending);
    }
    return pending;
  };

  const keepCopy = async (url: string, saved: boolean) => {
    try {
      if (!saved) return session.savedCopies.drop(url);
      const { article } = await read(url);
      // Unsaved while the page was being read (s pressed twice): no copy is kept for it.
      if (session.readingState().current().saved[url]) session.savedCopies.keep(url, article);
    } catch (error) {
      session.warnings.say(`Saved, but no offline copy could be kept: ${isKiosqueError(error) ? error.message : describeFsError(error)}`);
    }
  };

  // Folders and titles come from config.json, an OPML import or a --sources line, which anyone may have
  // written: cleaned as they come in (the screen cleans again as it draws, see ui/Text.tsx).
  // Keyed as the sources come back from reading them: without credentials.
  const groups = new Map(entries.map((entry) => [displayUrl(entry.url), (entry.group ?? []).map(cleanInline).filter(Boolean)]));
  // A source whose address does not parse is named by the address itself, as written.
  const titleOf = (source: { url: string; title: string }) => cleanInline(source.title) || cleanInline(source.url);
  const failed = (message: string | undefined) => (message === undefined ? null : stripControls(message));
  const rowOf = (s: SourceResult): SourceRow => ({
    url: s.url,
    title: titleOf(s),
    group: groups.get(s.url) ?? [],
    error: failed(s.error?.message),
  });
  // What was kept from last time is read through a client of the same cache that never goes to the network.
  const keptClient = new HttpClient({ cache: session.cache, offline: true });
  /**
   * One source: first what the cache kept (a copy still fresh is the answer, and no server is
   * asked); a copy past its time is shown at once, marked, while the server is asked.
   */
  const loadOne = async (entry: SourceEntry, revalidate: boolean, onSource?: (loaded: SourceLoaded) => void) => {
    if (!revalidate && !session.client.offline) {
      const kept = await readSource(keptClient, entry.url, entry.title);
      if (!kept.error && !kept.stale) {
        onSource?.({ source: rowOf(kept), headlines: kept.headlines, done: true, stale: false });
        return kept;
      }
      if (!kept.error && kept.headlines.length) onSource?.({ source: rowOf(kept), headlines: kept.headlines, done: false, stale: true });
    }
    const result = await readSource(session.client, entry.url, entry.title, { revalidate });
    onSource?.({ source: rowOf(result), headlines: result.headlines, done: true, stale: result.stale });
    return result;
  };
  return {
    settings: session.settings(),
    sourceList: entries.map((entry) => ({
      url: displayUrl(entry.url),
      // Named as configured until it is read (never by an address with its password in it).
      title: cleanInline(entry.title ?? '') || hostOf(entry.url) || displayUrl(entry.url),
      group: groups.get(displayUrl(entry.url)) ?? [],
      error: null,
    })),
    async loadHeadlines({ revalidate = false, onSource } = {}) {
      // Each source on its own: one that is slow or never answers holds none of the others back.
      const sources = await Promise.all(entries.map((entry) => loadOne(entry, revalidate, onSource)));
      return (lastLoaded = {
        headlines: sortNewestFirst(sources.flatMap((source) => source.headlines)),
        errors: sources.filter((s) => s.error).map((s) => ({ source: titleOf(s), message: failed(s.error?.message) ?? '', url: s.url })),
        sources: sources.map(rowOf),
        stale: sources.filter((s) => s.stale).map((s) => s.url),
      });
    },
    lastLoaded: () => lastLoaded,
    savedTexts() {
      const texts: Record<string, string> = {};
      for (const url of Object.keys(session.readingState().current().saved)) {
        const copy = session.savedCopies.get(url);
        if (copy) texts[url] = articleText(copy);
      }
      return Promise.resolve(texts);
    },
    readArticle: read,
    prefetch: (links, mayFollow) => {
      for (const url of links) {
        if (articles.has(url) || readAhead.has(url)) continue;
        // Asked again as a multi-page article shows page after page: read ahead once per run (again only after a failure).
        readAhead.add(url);
        // Kept for the reader once read; a fetch that failed or met a redirect it may not follow is
        // forgotten, and opening the link reads it as any open does.
        // Page 1 and page 2 of a multi-page article; the rest is read when it is opened.
        const reading = session.readArticle(url, { mayFollow, pages: PREFETCH_PAGES });
        reading.then(
          // An article read in part is not kept as the article: opening it reads it whole (its first pages from the cache).
          ({ cutShort }) => cutShort || articles.has(url) || articles.set(url, reading),
          () => readAhead.delete(url),
        );
      }
    },
    openInBrowser,
    remembered: cleanRemembered(session.readingState().current()),
    persist(changes) {
      session.readingState().apply(changes);
      for (const change of changes) if (change.kind === 'save') void keepCopy(change.article.url, change.saved);
    },
    async addSite(pageUrl) {
      if (session.demo) return DEMO_KEEPS_ITS_SOURCES;
      // An article page usually announces its site's feed; if not, the site's home page may.
      const fromPage = await session.findSource(pageUrl).catch(() => undefined);
      const found = fromPage?.via === 'discovered-feed' ? fromPage : await session.findSource(new URL('/', pageUrl).href);
      const { added, entry } = await session.addSource(found);
      const name = entry.title ?? entry.url;
      return added ? `Added ${name} to your sources (${entry.url})` : `${name} is already among your sources`;
    },
    onWarning: (listener) => session.warnings.listen(listener),
  };
}

/** An article's words, for searching: its title, description and every block's text. */
export function articleText(article: Article): string {
  const blocks = article.blocks.map((block) =>
    block.type === 'list' ? block.items.join(' ') : block.type === 'image' ? `${block.alt} ${block.caption}` : block.text,
  );
  return [article.title, article.description ?? '', ...blocks].join(' ');
}

/** state.json is a file on disk anyone may edit: the saved articles' titles and sources are cleaned as they are read. */
function cleanRemembered(state: ReadingState): ReadingState {
  const saved = Object.fromEntries(
    Object.entries(state.saved).map(([url, entry]) => [
      url,
      { ...entry, title: cleanInline(entry.title), source: cleanInline(entry.source) },
    ]),
  );
  return { ...state, saved };
}
