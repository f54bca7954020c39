import { readFile } from 'node:fs/promises';
import { KiosqueError } from '../errors.js';
import { cacheDir } from '../store/paths.js';
import type { SourceEntry } from '../store/sources.js';
import { DiskCache } from '../net/cache.js';
import { HttpClient } from '../net/client.js';
import type { GlobalOptions } from '../cli/args.js';

export interface AppContext {
  client: HttpClient;
  cache: DiskCache;
  warnings: string[];
}

/** The client and cache every command and the reader share. */
export function createContext(options: Pick<GlobalOptions, 'cacheDir' | 'offline' | 'timeoutMs'>): AppContext {
  const warnings: string[] = [];
  const cache = new DiskCache(cacheDir(options.cacheDir), { onWarning: (message) => warnings.push(message) });
  const client = new HttpClient({ cache, offline: options.offline, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  return { client, cache, warnings };
}

/** Sources named on the command line, else in --sources FILE, else the configured ones (with their names and folders). */
export async function resolveSources(positional: string[], sourcesFile: string | undefined, onWarning: (message: string) => void): Promise<SourceEntry[]> {
  const urls = [...positional];
  if (sourcesFile) {
    let text: string;
    try {
      text = await readFile(sourcesFile, 'utf8');
    } catch (error) {
      throw new KiosqueError('USAGE', `Cannot read the sources file ${sourcesFile}.`, { cause: error });
    }
    urls.push(...text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#')));
  }
  if (urls.length) return urls.map((url) => ({ url }));
  // conf (and the schema validator it brings) loads only when the configured sources are wanted.
  const { openSourceStore } = await import('../store/sources.js');
  return openSourceStore({ onWarning }).list();
}
