import path from 'node:path';
import { readArticle } from './read-article.js';
import { openReadingState, type ReadingChange } from '../store/reading-state.js';
import { SavedCopies } from '../store/saved-copies.js';
import type { SourceEntry } from '../store/sources.js';
import { describeFsError, isKiosqueError } from '../errors.js';
import { readSources } from '../feeds/sources.js';
import type { HttpClient } from '../net/client.js';
import { stripControls } from '../text/sanitize.js';
import type { ReaderServices } from '../ui/services.js';

export interface ReaderServiceOptions {
  client: HttpClient;
  entries: SourceEntry[];
  /** Where reading state and saved copies live (default: the data directory). */
  dataDir?: string | undefined;
  /** Where the configured sources live (default: the config directory). */
  configDir?: string | undefined;
  /** The demo keeps its own sources. */
  canAddSources: boolean;
  openInBrowser: (url: string) => void;
  /** Said once on the status line when the reader opens (e.g. a configuration set aside). */
  startupWarnings?: string[];
}

/**
 * The outside world as the reader sees it: sources read through the cache,
 * articles read once per run (a saved copy when the web and the cache fail),
 * reading marks written to disk, sites added to the sources.
 */
export function createReaderServices(options: ReaderServiceOptions): ReaderServices {
  const { client, entries } = options;
  const warnings: string[] = [...(options.startupWarnings ?? [])];
  const warn = (message: string) => warnings.push(message);
  const reading = openReadingState({ ...(options.dataDir ? { dir: options.dataDir } : {}), onWarning: warn });
  const copies = new SavedCopies(options.dataDir ? path.join(options.dataDir, 'saved') : undefined);

  const articles = new Map<string, ReturnType<typeof readArticle>>();
  const read = (url: string) => {
    let pending = articles.get(url);
    if (!pending) {
      pending = readArticle(client, url).catch((error: unknown) => {
        // A saved article stays readable when neither the network nor the cache has it.
        const copy = copies.get(url);
        if (copy && isKiosqueError(error)) return { article: copy, stale: true, fromCache: true };
        throw error;
      });
      // A failure is not remembered: going back to the page tries again.
      pending.catch(() => articles.delete(url));
      articles.set(url, pending);
    }
    return pending;
  };

  const keepCopies = async (changes: ReadingChange[]): Promise<string | undefined> => {
    for (const change of changes) {
      if (change.kind !== 'save') continue;
      const url = change.article.url;
      try {
        if (change.saved) copies.keep(url, (await read(url)).article);
        else copies.drop(url);
      } catch (error) {
        return `Saved, but no offline copy could be kept: ${isKiosqueError(error) ? error.message : describeFsError(error)}`;
      }
    }
    return undefined;
  };

  const services: ReaderServices = {
    async loadHeadlines() {
      const { sources, headlines } = await readSources(client, entries);
      const groups = new Map(entries.map((entry) => [entry.url, entry.group ?? []]));
      return {
        headlines,
        errors: sources.filter((s) => s.error).map((s) => ({ source: s.title, message: stripControls(s.error?.message ?? '') })),
        sources: sources.map((s) => ({ url: s.url, title: s.title, group: groups.get(s.url) ?? [], error: s.error ? stripControls(s.error.message) : null })),
      };
    },
    readArticle: read,
    prefetch: (links) => {
      for (const url of links) read(url).catch(() => {});
    },
    openInBrowser: options.openInBrowser,
    remembered: { state: reading.current(), ...(warnings.length ? { warning: stripControls(warnings.join(' ')) } : {}) },
    async persist(changes) {
      const problems: string[] = [];
      reading.apply(changes);
      problems.push(...warnings.splice(0));
      const copyProblem = await keepCopies(changes);
      if (copyProblem) problems.push(copyProblem);
      return problems.length ? problems.join(' ') : undefined;
    },
    async addSite(pageUrl) {
      if (!options.canAddSources) return 'The demo newsstand keeps its own sources: run kiosque without --demo to add sites.';
      // An article page usually announces its site's feed; if not, the site's home page may.
      const { findSource } = await import('./add-source.js');
      const fromPage = await findSource(client, pageUrl).catch(() => undefined);
      const found = fromPage?.via === 'discovered-feed' ? fromPage : await findSource(client, new URL('/', pageUrl).href);
      const { openSourceStore } = await import('../store/sources.js');
      const store = openSourceStore({ ...(options.configDir ? { cwd: options.configDir } : {}), onWarning: warn });
      const added = store.add(found.entry);
      const name = found.entry.title ?? found.entry.url;
      return added ? `Added ${name} to your sources (${found.entry.url})` : `${name} is already among your sources`;
    },
  };
  // What was to be said at start is in `remembered`; later warnings are the next writes' own.
  warnings.length = 0;
  return services;
}
