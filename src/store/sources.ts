import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { KiosqueError } from '../errors.js';
import type { SourceEntry } from '../feeds/types.js';
import { configDir } from './paths.js';

export type { SourceEntry } from '../feeds/types.js';

interface ConfigShape {
  sources: SourceEntry[];
}

/**
 * Shown on a first run, before the reader has chosen anything. Real public
 * feeds, French and international; `kiosque sources remove` / `add` replace them.
 */
export const DEFAULT_SOURCES: SourceEntry[] = [
  { url: 'https://www.lemonde.fr/rss/une.xml', title: 'Le Monde' },
  { url: 'https://www.francetvinfo.fr/titres.rss', title: 'franceinfo' },
  { url: 'https://feeds.bbci.co.uk/news/world/rss.xml', title: 'BBC News World' },
  { url: 'https://www.theguardian.com/world/rss', title: 'The Guardian World' },
];

export interface SourceStore {
  list(): SourceEntry[];
  add(entry: SourceEntry): boolean;
  /** Adds those not already there, in order (replacing the first-run defaults if untouched); returns how many were added. */
  addAll(entries: SourceEntry[]): number;
  remove(url: string): boolean;
  rename(url: string, title: string): boolean;
  readonly path: string;
}

/** The reader's sources, kept with conf in the config directory. */
export function openSourceStore(options: { cwd?: string; onWarning?: (message: string) => void } = {}): SourceStore {
  const cwd = options.cwd ?? configDir();
  const open = () => new Conf<ConfigShape>({ projectName: 'kiosque', cwd, configName: 'config', defaults: { sources: DEFAULT_SOURCES } });
  let conf: Conf<ConfigShape>;
  try {
    conf = open();
  } catch (error) {
    // A hand-edited or half-written file: keep it aside, start again, say so.
    const file = path.join(cwd, 'config.json');
    if (!existsSync(file)) throw new KiosqueError('CONFIG', `Cannot open the configuration in ${cwd}.`, { cause: error });
    const backup = `${file}.corrupt-${Date.now()}`;
    renameSync(file, backup);
    options.onWarning?.(`The configuration file ${file} could not be read; it was kept as ${backup} and the default sources are used.`);
    conf = open();
  }
  return {
    path: conf.path,
    list: () => (Array.isArray(conf.get('sources')) ? conf.get('sources').filter((entry) => typeof entry?.url === 'string') : []),
    add(entry) {
      const sources = conf.get('sources');
      if (sources.some((source) => source.url === entry.url)) return false;
      conf.set('sources', [...sources, entry]);
      return true;
    },
    addAll(entries) {
      // An imported list replaces the starter sources a reader never changed.
      const untouched = JSON.stringify(conf.get('sources')) === JSON.stringify(DEFAULT_SOURCES);
      const sources = untouched ? [] : [...conf.get('sources')];
      const known = new Set(sources.map((source) => source.url));
      let added = 0;
      for (const entry of entries) {
        if (known.has(entry.url)) continue;
        known.add(entry.url);
        sources.push(entry);
        added++;
      }
      if (added) conf.set('sources', sources);
      return added;
    },
    rename(url, title) {
      const sources = conf.get('sources');
      if (!sources.some((source) => source.url === url)) return false;
      conf.set(
        'sources',
        sources.map((source) => (source.url === url ? { ...source, title } : source)),
      );
      return true;
    },
    remove(url) {
      const sources = conf.get('sources');
      const kept = sources.filter((source) => source.url !== url);
      conf.set('sources', kept);
      return kept.length !== sources.length;
    },
  };
}
