import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isKiosqueError, KiosqueError } from '../errors.js';
import type { Article } from '../extract/types.js';
import { readSources, resolveSource, type ResolvedSource, type SourceResult } from '../feeds/sources.js';
import type { Headline, SourceEntry } from '../feeds/types.js';
import { DiskCache } from '../net/cache.js';
import { HttpClient } from '../net/client.js';
import { cacheDir as defaultCacheDir, configDir as defaultConfigDir } from '../store/paths.js';
import { readSettings, type Settings } from '../store/settings.js';
import { openReadingState, type ReadingStateStore } from '../store/reading-state.js';
import { SavedCopies } from '../store/saved-copies.js';
import { webUrl } from '../text/url.js';
import { closeParsersIfLoaded } from '../work/load.js';
import type { SourceStore } from '../store/sources.js';
import type { SiteRules } from '../extract/site-hosts.js';
import type { JoinOptions } from './join-pages.js';
import type { FeedEntryRef } from './feed-entry.js';
import { isEntryAddress } from '../feeds/identity.js';
import { Warnings } from './warnings.js';

export interface SessionOptions {
  /** The cache folder (default: $KIOSQUE_CACHE_DIR, else the XDG cache dir). */
  cacheDir?: string | undefined;
  /** Where the configured sources live (default: $KIOSQUE_CONFIG_DIR, else the XDG config dir). */
  configDir?: string | undefined;
  /** Where reading state and saved copies live (default: $KIOSQUE_DATA_DIR, else the XDG data dir). */
  dataDir?: string | undefined;
  offline?: boolean;
  timeoutMs?: number | undefined;
  /** Serve the built-in demo newsstand on 127.0.0.1 for this session, with its own cache and reading state. */
  demo?: boolean;
}

export interface ArticleReading {
  article: Article;
  /** Not fresh from the web: an expired cache entry or a saved copy. */
  stale: boolean;
  fromCache: boolean;
  fromSavedCopy: boolean;
  /** A multi-page article read only up to the `pages` asked for, with pages left (see app/join-pages.ts). */
  cutShort?: boolean;
}

export interface AddedSource {
  /** False when it was among the sources already. */
  added: boolean;
  entry: SourceEntry;
}

/**
 * One run of kiosque, under either face: the HTTP client and its cache, the
 * configured sources, the reading state and saved copies, the demo newsstand
 * when asked for, and one place where warnings are said. The command line and
 * the reader both start here and build none of these pieces themselves.
 */
export interface Session {
  readonly client: HttpClient;
  readonly cache: DiskCache;
  readonly warnings: Warnings;
  readonly savedCopies: SavedCopies;
  /** Whether this session serves the demo newsstand (whose sources cannot be changed). */
  readonly demo: boolean;
  /** Read marks, saves and positions, opened on first use. */
  readingState(): ReadingStateStore;
  /** The reader's per-site rules (sites.json in the config folder), read once; what cannot be used is said as a warning. */
  siteRules(): Promise<SiteRules>;
  /**
   * The reader's settings from config.json (store/settings.ts), read once, cheaply (no conf): a
   * value of the wrong type is said through `warnings` and its default used.
   */
  settings(): Settings;
  /** Where the sources and the settings are kept. */
  readonly configDir: string;
  /** The configured sources; conf (and its schema validator) loads on first use. */
  sourceStore(): Promise<SourceStore>;
  /** The sources to read: the demo's, else those named, else those in `sourcesFile`, else the configured ones. */
  sourcesToRead(named: string[], sourcesFile: string | undefined): Promise<SourceEntry[]>;
  /** The sources' headlines, cache first; with `revalidate`, every server is asked again, fresh copies or not (a reload). */
  readSources(entries: SourceEntry[], options?: { revalidate?: boolean }): Promise<{ sources: SourceResult[]; headlines: Headline[] }>;
  /**
   * A page's article with its following pages joined (app/join-pages.ts), or its saved copy when
   * the page cannot be read (see the rule inside). `mayFollow` limits the redirects it may follow
   * (reading ahead, see app/prefetch-rule.ts); `pages` how many pages it reads at most.
   */
  readArticle(
    url: string,
    options?: {
      mayFollow?: (target: string) => boolean;
      pages?: number;
      onProgress?: JoinOptions['onProgress'];
      /** The feed entry the page is listed as: its full text in the feed is shown when the page cannot be read. */
      entry?: FeedEntryRef;
    },
  ): Promise<ArticleReading>;
  /** What an address reads as: a feed, a feed its page announces (the `pick`-th), or the page's links. */
  findSource(url: string, pick?: number): Promise<ResolvedSource>;
  /** Adds what an address was found to read as to the configured sources. */
  addSource(found: ResolvedSource): Promise<AddedSource>;
  /**
   * Writes what reading changes are still pending (saying so if it cannot), stops idle parser
   * processes, the demo server, and removes the demo's folder. Safe to call twice.
   */
  close(): Promise<void>;
}

/** Said when a site is to be added to the demo newsstand's fixed sources. */
export const DEMO_KEEPS_ITS_SOURCES = 'The demo newsstand keeps its own sources: run kiosque without --demo to add sites.';

export async function createSession(options: SessionOptions = {}): Promise<Session> {
  const warnings = new Warnings();
  const say = (message: string) => warnings.say(message);
  const demo = options.demo ? await openDemo() : undefined;
  const dataDir = demo ? path.join(demo.dir, 'data') : options.dataDir;
  const configDir = options.configDir ?? defaultConfigDir();
  let settings: Settings | undefined;
  const readSettingsOnce = () => {
    if (!settings) {
      const reading = readSettings(configDir);
      // A file that is not JSON is set aside by the sources store, which says so: one message, not two.
      if (!reading.unreadable) for (const problem of reading.problems) say(problem);
      settings = reading.settings;
    }
    return settings;
  };
  const cache = new DiskCache(options.cacheDir ?? (demo ? path.join(demo.dir, 'cache') : defaultCacheDir()), { onWarning: say });
  let kept: HttpClient | undefined;
  // The same cache, never the network: what the headlines were read from.
  const keptClient = () => (kept ??= new HttpClient({ cache, offline: true }));
  const client = new HttpClient({
    cache,
    offline: options.offline ?? false,
    perHostConcurrency: readSettingsOnce().perHostConcurrency,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const savedCopies = new SavedCopies(dataDir ? path.join(dataDir, 'saved') : undefined);

  let reading: ReadingStateStore | undefined;
  let sources: SourceStore | undefined;
  const sourceStore = async () => {
    if (!sources) {
      const { openSourceStore } = await import('../store/sources.js');
      sources = openSourceStore({ cwd: configDir, onWarning: say });
    }
    return sources;
  };
  const findSource = (url: string, pick?: number) => resolveSource(client, webAddress(url), pick);
  let siteRules: Promise<SiteRules> | undefined;
  // Read with the first article, not at start; checking selectors (only when there is a sites.json) loads css-select.
  const readSiteRules = () =>
    (siteRules ??= (async () => {
      const dir = options.configDir ?? defaultConfigDir();
      // Most readers have no sites.json: the first article is not held up loading the code that reads one.
      if (!existsSync(path.join(dir, 'sites.json'))) return {};
      const { loadSiteRules } = await import('../store/site-rules.js');
      const loaded = await loadSiteRules(dir);
      for (const problem of loaded.problems) say(problem);
      return loaded.rules;
    })());

  return {
    client,
    cache,
    warnings,
    savedCopies,
    demo: demo !== undefined,
    settings: readSettingsOnce,
    configDir,
    readingState: () => (reading ??= openReadingState({ ...(dataDir ? { dir: dataDir } : {}), onWarning: say })),
    sourceStore,
    siteRules: readSiteRules,
    async sourcesToRead(named, sourcesFile) {
      if (demo) return demo.sources;
      const urls = [...named];
      if (sourcesFile) urls.push(...readSourcesFile(sourcesFile));
      return urls.length ? urls.map((url) => ({ url })) : (await sourceStore()).list();
    },
    readSources: (entries, { revalidate = false } = {}) => readSources(client, entries, { revalidate }),
    async readArticle(url, options = {}) {
      // Loaded with the first article, not with the session: a feed entry's text needs the HTML parsers
      // and the extractor's blocks, which a reload (`headlines`) never uses.
      const [{ readPages }, { readArticle }, { feedCopyOf, readLinklessEntry }] = await articleModules();
      // An entry with no link of its own is read from its feed (marked so: Article.fromFeed).
      if (isEntryAddress(url)) {
        try {
          const article = await readLinklessEntry(client, url);
          return { article, stale: false, fromCache: true, fromSavedCopy: false };
        } catch (error) {
          // Gone from its feed, or the feed cannot be read: a saved entry is shown from its copy, as a page would be.
          const copy = isKiosqueError(error) ? savedCopies.get(url) : undefined;
          if (!copy) throw error;
          return { article: copy, stale: true, fromCache: true, fromSavedCopy: true };
        }
      }
      const address = webAddress(url);
      try {
        // The site's rules (sites.json) once for all its pages.
        const rules = await readSiteRules();
        const reading = await readPages(address, (page, fetchOptions) => readArticle(client, page, fetchOptions, rules), {
          maxPages: options.pages,
          mayFollow: options.mayFollow,
          onProgress: options.onProgress,
        });
        // A page of it is missing now (offline, out of the cache), and a saved copy has them all: the copy.
        const copy = reading.article.missingPage ? savedCopies.get(url) : undefined;
        if (copy && !copy.missingPage && (copy.pages?.length ?? 1) > (reading.article.pages?.length ?? 1)) {
          return { article: copy, stale: true, fromCache: true, fromSavedCopy: true };
        }
        return { ...reading, fromSavedCopy: false };
      } catch (error) {
        // The one saved-copy rule, for the reader and `kiosque read` alike. A saved article is shown
        // from its copy whenever its page cannot be read now for a reason the web gives (any
        // KiosqueError): no network and not cached, a timeout, 404 / 410 / 5xx, and also a page that
        // now answers without the article (a paywall, a removed story). The reader saved it to keep
        // it readable through exactly these. A bug (any other error) is never hidden behind a copy.
        const copy = isKiosqueError(error) ? savedCopies.get(url) : undefined;
        if (!copy) {
          // No copy of its own: the full text its feed carries, if it does (a description is not the article).
          const fromFeed = isKiosqueError(error) && options.entry ? await feedCopyOf(keptClient(), url, options.entry) : undefined;
          if (fromFeed) return { article: fromFeed, stale: false, fromCache: true, fromSavedCopy: false };
          throw error;
        }
        // A copy kept before pages were joined says nothing of them: it is the one page it was.
        return {
          article: { ...copy, pages: copy.pages ?? [copy.url], missingPage: copy.missingPage ?? null },
          stale: true,
          fromCache: true,
          fromSavedCopy: true,
        };
      }
    },
    findSource,
    async addSource(found) {
      if (demo) throw new KiosqueError('USAGE', DEMO_KEEPS_ITS_SOURCES);
      const entry: SourceEntry = { url: found.url, title: found.title, ...(found.htmlUrl ? { htmlUrl: found.htmlUrl } : {}) };
      const added = (await sourceStore()).add(entry);
      return { added, entry };
    },
    async close() {
      // What could not be written is said, not lost in silence: the last listener (stderr) hears it.
      const unsaved = reading?.close() ?? 0;
      if (unsaved > 0) {
        say(`${unsaved} reading change${unsaved > 1 ? 's' : ''} (read marks, saves, positions) could not be saved in ${reading?.path}.`);
      }
      // Idle parser processes would not keep the process running (they are unreferenced), but a
      // closed session has nothing more for them to read.
      await closeParsersIfLoaded();
      await demo?.close();
    },
  };
}

let articleModulesLoaded:
  Promise<[typeof import('./join-pages.js'), typeof import('./read-article.js'), typeof import('./feed-entry.js')]> | undefined;
const articleModules = () =>
  (articleModulesLoaded ??= Promise.all([import('./join-pages.js'), import('./read-article.js'), import('./feed-entry.js')]));

/** An address given by the user: http or https only, said plainly otherwise (a usage error, exit 2). */
export function webAddress(url: string): string {
  const address = webUrl(url);
  if (!address) throw new KiosqueError('USAGE', `"${url}" is not an http or https address.`, { url });
  return address;
}

/**
 * --sources FILE: one address a line, `#` starts a comment. Read synchronously, a small file: read through
 * the thread pool, it started the pool's four threads, which a reload answered 304 by every feed needs for nothing else.
 */
function readSourcesFile(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KiosqueError('USAGE', `Cannot read the sources file ${file}.`, { cause: error });
  }
  return sourcesFileAddresses(text, file);
}

/**
 * The addresses of a --sources file: one a line; `#` at the start of a line, or after a space,
 * starts a comment (a `#` inside an address is its fragment). A file with no address is a usage
 * error, not a silent fall back to the configured sources. A line that is not an address is read
 * as a source that fails, named in the list like any other.
 */
export function sourcesFileAddresses(text: string, file: string): string[] {
  const addresses = text
    .split(/\r?\n/)
    .map((line) => line.replace(/(?:^|\s)#.*$/, '').trim())
    .filter(Boolean);
  if (addresses.length === 0) {
    throw new KiosqueError('USAGE', `The sources file ${file} lists no address (one URL a line, # starts a comment): nothing to read.`);
  }
  return addresses;
}

interface OpenDemo {
  dir: string;
  sources: SourceEntry[];
  close(): Promise<void>;
}

/**
 * The demo newsstand, served in-process on a free 127.0.0.1 port. Its addresses change every
 * run, so its pages and reading marks live in a temporary folder of their own, removed when the
 * session closes, and also when the process exits or is ended by a signal without closing it.
 */
async function openDemo(): Promise<OpenDemo> {
  const { startDemoServer } = await import('../demo/server.js');
  // The folder first: if it cannot be made, no server is left listening.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-demo-'));
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  try {
    server = await startDemoServer();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const removeFolder = () => rmSync(dir, { recursive: true, force: true });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    removeFolder();
    // Then end as the signal would have: the handler is gone, so the default action applies.
    process.kill(process.pid, signal);
  };
  process.once('exit', removeFolder);
  for (const signal of signals) process.once(signal, onSignal);
  let closing: Promise<void> | undefined;
  return {
    dir,
    sources: server.sources.map((url) => ({ url })),
    close: () =>
      (closing ??= server.close().finally(() => {
        removeFolder();
        process.off('exit', removeFolder);
        for (const signal of signals) process.off(signal, onSignal);
      })),
  };
}
