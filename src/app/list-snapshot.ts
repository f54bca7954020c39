import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheDir, dataDir } from '../store/paths.js';
import { configFile } from '../store/settings.js';
import type { ListModel, ListRow } from './list-model.js';

/**
 * The headline list as the reader left it, kept in the cache folder so that the next start
 * paints its first frame from one small file, before it loads what reads the cache, the sources
 * and the reading state (most of a start-up after Node's own).
 *
 * It is a memo, never a source of truth: it is used only when nothing it was made from has
 * changed since. Each file it depends on is stamped (modification time and size): the cache's
 * ledger (every write to the cache appends to it: a reload, an article read, another kiosque),
 * the reading state (read marks, saves), config.json (sources, keys, theme, mouse) and the
 * --sources file; and it belongs to one command line (the sources named, the sources file,
 * --offline). Anything else, or a file that is not a snapshot, and the reader starts as it
 * would without one. Its strings are cleaned like any other on their way to the screen
 * (headline-row.ts, failure-line.ts), whatever wrote the file.
 */

export const SNAPSHOT_NAME = 'first-frame.json';
const FORMAT = 'kiosque-first-frame 1';

/** The settings the first frame depends on (the rest of config.json is stamped, not kept). */
export interface SnapshotSettings {
  theme: Record<string, string>;
  mouse: boolean;
  browser: string | undefined;
  keys: Record<string, string[]>;
}

export interface ListSnapshot {
  settings: SnapshotSettings;
  model: ListModel;
}

/** A file as a snapshot saw it: its path, modification time and size (null: it did not exist). */
type Stamp = [file: string, mtimeMs: number | null, size: number | null];

export interface SnapshotPlace {
  /** The snapshot's file (SNAPSHOT_NAME in the cache folder). */
  file: string;
  /** The command line it belongs to (see snapshotKey). */
  key: string;
  /** The files whose change makes it stale. */
  dependsOn: string[];
}

/**
 * The cache's ledger (net/cache-ledger.ts, LEDGER_NAME) and the reading state's file
 * (store/reading-state.ts), named here rather than imported: importing them would load what
 * this file exists to spare the first frame (tests/kept-first-frame.test.ts checks the names).
 */
export const LEDGER_FILE = 'ledger';
export const READING_STATE_FILE = 'state.json';

/** How the reader was started: what a snapshot belongs to. */
export interface ReaderStart {
  /** --cache-dir, else $KIOSQUE_CACHE_DIR, else the XDG cache folder (store/paths.ts). */
  cacheDir: string | undefined;
  named: readonly string[];
  sourcesFile: string | undefined;
  offline: boolean;
}

/** Where this start's snapshot is, what identifies the start, and the files it depends on. */
export function snapshotPlace(start: ReaderStart): SnapshotPlace {
  const cache = cacheDir(start.cacheDir);
  const sourcesFile = start.sourcesFile ? path.resolve(start.sourcesFile) : null;
  return {
    file: path.join(cache, SNAPSHOT_NAME),
    key: JSON.stringify({ named: start.named, sourcesFile, offline: start.offline }),
    dependsOn: [
      path.join(cache, LEDGER_FILE),
      path.join(dataDir(), READING_STATE_FILE),
      configFile(),
      ...(sourcesFile ? [sourcesFile] : []),
    ],
  };
}

function stampOf(file: string): Stamp {
  try {
    const stat = statSync(file);
    return [file, stat.mtimeMs, stat.size];
  } catch {
    return [file, null, null];
  }
}

/** The snapshot kept for this start, or undefined when there is none, it is not one, or anything it depends on changed. */
export function readListSnapshot(place: SnapshotPlace): ListSnapshot | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(place.file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(raw) || raw['format'] !== FORMAT || raw['key'] !== place.key || !Array.isArray(raw['stamps'])) return undefined;
  const stamps = raw['stamps'] as unknown[];
  if (stamps.length !== place.dependsOn.length) return undefined;
  for (const [index, file] of place.dependsOn.entries()) {
    const now = stampOf(file);
    const then = stamps[index];
    if (!Array.isArray(then) || then[0] !== now[0] || then[1] !== now[1] || then[2] !== now[2]) return undefined;
  }
  const settings = settingsOf(raw['settings']);
  const model = modelOf(raw['model']);
  return settings && model ? { settings, model } : undefined;
}

/**
 * Keeps the list for the next start, stamped with the files it depends on as they are now
 * (written last: after the reading state and the cache are). Written aside, then renamed: a
 * reader killed while writing leaves the old snapshot or none. Best effort: a start without a
 * snapshot is only slower, so a failure here is not worth a message.
 */
export function writeListSnapshot(place: SnapshotPlace, snapshot: ListSnapshot): void {
  const aside = `${place.file}.${process.pid}.tmp`;
  try {
    const stamps = place.dependsOn.map(stampOf);
    writeFileSync(aside, JSON.stringify({ format: FORMAT, key: place.key, stamps, ...snapshot }));
    renameSync(aside, place.file);
  } catch {
    try {
      unlinkSync(aside);
    } catch {
      // Never written.
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === 'string';

function settingsOf(value: unknown): SnapshotSettings | undefined {
  if (!isRecord(value) || !isRecord(value['theme']) || !isRecord(value['keys']) || typeof value['mouse'] !== 'boolean') return undefined;
  const browser = value['browser'];
  if (browser !== undefined && !isString(browser)) return undefined;
  const theme = Object.entries(value['theme']);
  const keys = Object.entries(value['keys']);
  if (!theme.every(([, colour]) => isString(colour))) return undefined;
  if (!keys.every(([, chars]) => Array.isArray(chars) && chars.every(isString))) return undefined;
  return {
    theme: Object.fromEntries(theme) as Record<string, string>,
    mouse: value['mouse'],
    browser,
    keys: Object.fromEntries(keys) as Record<string, string[]>,
  };
}

function modelOf(value: unknown): ListModel | undefined {
  if (!isRecord(value) || typeof value['loaded'] !== 'boolean') return undefined;
  const { stories, unread, errors, rows } = value;
  if (!Number.isInteger(stories) || !Number.isInteger(unread) || !Array.isArray(errors) || !Array.isArray(rows)) return undefined;
  if (!errors.every((error) => isRecord(error) && isString(error['source']) && isString(error['message']))) return undefined;
  if (!rows.every(isRow)) return undefined;
  return {
    loaded: value['loaded'],
    stories: stories as number,
    unread: unread as number,
    errors: (errors as Record<string, string>[]).map(({ source, message }) => ({ source: source!, message: message! })),
    rows,
  };
}

function isRow(row: unknown): row is ListRow {
  if (!isRecord(row) || !isRecord(row['headline'])) return false;
  const { title, source, published } = row['headline'];
  return (
    isString(title) &&
    isString(source) &&
    (published === null || isString(published)) &&
    Number.isInteger(row['others']) &&
    typeof row['read'] === 'boolean' &&
    typeof row['saved'] === 'boolean'
  );
}
