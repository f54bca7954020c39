import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { KiosqueError } from '../errors.js';
import type { SourceEntry } from '../feeds/types.js';
import { hasCredentials, sameAddress } from '../text/url.js';
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
    options.onWarning?.(`The configuration could not be read; it was kept as ${backup} and the default sources are used.`);
    conf = open();
  }
  const file = conf.path;
  /** The stored list as it is, for changes: entries kiosque cannot read are kept as they are, not dropped. */
  const stored = (): unknown[] => {
    const sources: unknown = conf.get('sources');
    if (Array.isArray(sources)) return sources as unknown[];
    throw new KiosqueError('CONFIG', `"sources" in ${file} is not a list: correct it, or remove the file to start again.`);
  };
  const urlOf = (value: unknown) => entryOf(value)?.url;
  /**
   * Whether a stored source is the one an address names: the same address, or, for an address
   * typed without credentials, the same place (`sources list` and the completions show addresses
   * without them, and what they show must be removable and renamable as shown).
   */
  const names = (url: string) => (value: unknown) => {
    const stored = urlOf(value);
    return stored !== undefined && (stored === url || (!hasCredentials(url) && sameAddress(stored, url)));
  };
  let toldIgnored = false;
  return {
    path: file,
    list() {
      const sources: unknown = conf.get('sources');
      // A "sources" that is not a list: the starter sources are read, and the file left as written (changes are refused, see stored).
      const raw = Array.isArray(sources) ? (sources as unknown[]) : DEFAULT_SOURCES;
      const entries = raw.map(entryOf).filter((entry): entry is SourceEntry => entry !== undefined);
      const ignored = Array.isArray(sources) ? raw.length - entries.length : 1;
      if (ignored > 0 && !toldIgnored) {
        toldIgnored = true;
        options.onWarning?.(
          Array.isArray(sources)
            ? `${ignored} source${ignored > 1 ? 's' : ''} in ${file} could not be read (no address) and ${ignored > 1 ? 'are' : 'is'} left out.`
            : `"sources" in ${file} is not a list: the starter sources are read instead (the file is left as it is).`,
        );
      }
      return entries;
    },
    add(entry) {
      const sources = stored();
      if (sources.some((source) => urlOf(source) === entry.url)) return false;
      conf.set('sources', [...sources, entry] as SourceEntry[]);
      return true;
    },
    addAll(entries) {
      // An imported list replaces the starter sources a reader never changed.
      const untouched = JSON.stringify(conf.get('sources')) === JSON.stringify(DEFAULT_SOURCES);
      const sources = untouched ? [] : [...stored()];
      const known = new Set(sources.map(urlOf));
      let added = 0;
      for (const entry of entries) {
        if (known.has(entry.url)) continue;
        known.add(entry.url);
        sources.push(entry);
        added++;
      }
      if (added) conf.set('sources', sources as SourceEntry[]);
      return added;
    },
    rename(url, title) {
      const sources = stored();
      const isIt = names(url);
      if (!sources.some(isIt)) return false;
      conf.set('sources', sources.map((source) => (isIt(source) ? { ...(source as SourceEntry), title } : source)) as SourceEntry[]);
      return true;
    },
    remove(url) {
      const sources = stored();
      const isIt = names(url);
      const kept = sources.filter((source) => !isIt(source));
      conf.set('sources', kept as SourceEntry[]);
      return kept.length !== sources.length;
    },
  };
}

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * One configured source as kiosque reads it, whatever a hand-edited file holds: an address is
 * needed; a name, folders (a single folder name is taken as one folder), the site's page and
 * OPML attributes are kept when they have the right type and left out otherwise.
 */
export function entryOf(value: unknown): SourceEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { url, title, group, htmlUrl, attributes } = value as Record<string, unknown>;
  if (!isText(url) || !url.trim()) return undefined;
  const folders = isText(group) ? [group] : Array.isArray(group) ? group.filter(isText) : [];
  const kept =
    typeof attributes === 'object' && attributes !== null
      ? Object.fromEntries(Object.entries(attributes).filter((pair): pair is [string, string] => isText(pair[1])))
      : {};
  return {
    url,
    ...(isText(title) ? { title } : {}),
    ...(folders.length ? { group: folders } : {}),
    ...(isText(htmlUrl) ? { htmlUrl } : {}),
    ...(Object.keys(kept).length ? { attributes: kept } : {}),
  };
}
