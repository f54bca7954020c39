import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import writeFileAtomic from 'write-file-atomic';
import { describeFsError, KiosqueError } from '../errors.js';
import { dataDir } from './paths.js';

/** An article the reader kept, with enough to list it without the network. */
export interface SavedArticle {
  url: string;
  title: string;
  source: string;
  savedAt: string;
}

/** Where the reader stopped in an article: the block at the top of the view, which survives re-wrapping. */
export interface ReadingPosition {
  block: number;
  at: string;
}

export interface ReadingState {
  /** URL → when it was marked read (ISO 8601). */
  read: Record<string, string>;
  saved: Record<string, SavedArticle>;
  positions: Record<string, ReadingPosition>;
}

/** One change, applied to the file as it is on disk at the time, so two processes do not undo each other. */
export type ReadingChange =
  | { kind: 'read'; urls: string[]; read: boolean }
  | { kind: 'save'; article: Omit<SavedArticle, 'savedAt'>; saved: boolean }
  | { kind: 'position'; url: string; block: number };

export interface ReadingStateStore {
  readonly path: string;
  /** The state as last read or written. */
  current(): ReadingState;
  /** Applies changes and writes them at once (locked, atomic). */
  apply(changes: ReadingChange[]): ReadingState;
}

// Marks and positions are kept for the most recent articles only: the file stays small for a reader who reads for years.
const MAX_READ = 20_000;
const MAX_POSITIONS = 2_000;

const empty = (): ReadingState => ({ read: {}, saved: {}, positions: {} });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keeps only well-formed entries: a file edited by hand loses its bad lines, not the good ones. */
function normalize(raw: unknown): ReadingState {
  if (!isRecord(raw)) throw new Error('not a JSON object');
  const state = empty();
  if (isRecord(raw['read'])) {
    for (const [url, at] of Object.entries(raw['read'])) if (typeof at === 'string') state.read[url] = at;
  }
  if (isRecord(raw['saved'])) {
    for (const [url, entry] of Object.entries(raw['saved'])) {
      if (isRecord(entry) && typeof entry['title'] === 'string') {
        state.saved[url] = {
          url,
          title: entry['title'],
          source: typeof entry['source'] === 'string' ? entry['source'] : '',
          savedAt: typeof entry['savedAt'] === 'string' ? entry['savedAt'] : new Date(0).toISOString(),
        };
      }
    }
  }
  if (isRecord(raw['positions'])) {
    for (const [url, entry] of Object.entries(raw['positions'])) {
      if (isRecord(entry) && Number.isInteger(entry['block'])) {
        state.positions[url] = {
          block: entry['block'] as number,
          at: typeof entry['at'] === 'string' ? entry['at'] : new Date(0).toISOString(),
        };
      }
    }
  }
  return state;
}

function newest<T>(record: Record<string, T>, limit: number, when: (value: T) => string): Record<string, T> {
  const entries = Object.entries(record);
  if (entries.length <= limit) return record;
  return Object.fromEntries(entries.sort((a, b) => when(b[1]).localeCompare(when(a[1]))).slice(0, limit));
}

export function applyChanges(state: ReadingState, changes: ReadingChange[], now = new Date()): ReadingState {
  const next: ReadingState = { read: { ...state.read }, saved: { ...state.saved }, positions: { ...state.positions } };
  const at = now.toISOString();
  for (const change of changes) {
    if (change.kind === 'read') {
      for (const url of change.urls) {
        if (change.read) next.read[url] = next.read[url] ?? at;
        else delete next.read[url];
      }
    } else if (change.kind === 'save') {
      if (change.saved) next.saved[change.article.url] = { ...change.article, savedAt: next.saved[change.article.url]?.savedAt ?? at };
      else delete next.saved[change.article.url];
    } else if (change.block > 0) {
      next.positions[change.url] = { block: change.block, at };
    } else {
      delete next.positions[change.url];
    }
  }
  next.read = newest(next.read, MAX_READ, (value) => value);
  next.positions = newest(next.positions, MAX_POSITIONS, (value) => value.at);
  return next;
}

/**
 * Read marks, saved articles and reading positions, in state.json under the
 * data directory. Every change is written at once: locked against another
 * kiosque, merged with what that one wrote, replaced atomically. A file that
 * cannot be read is set aside (never deleted) and the reader starts afresh.
 */
export function openReadingState(options: { dir?: string; onWarning?: (message: string) => void } = {}): ReadingStateStore {
  const dir = options.dir ?? dataDir();
  const file = path.join(dir, 'state.json');
  const warn = options.onWarning ?? (() => {});

  const load = (): ReadingState => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
      throw new KiosqueError('CONFIG', `Cannot read the reading state ${file}: ${(error as Error).message}`, { cause: error });
    }
    try {
      return normalize(JSON.parse(text));
    } catch {
      const backup = `${file}.corrupt-${Date.now()}`;
      try {
        renameSync(file, backup);
        warn(`The reading state ${file} could not be read; it was kept as ${backup} and kiosque starts with no read marks.`);
      } catch {
        warn(`The reading state ${file} could not be read; kiosque starts with no read marks.`);
      }
      return empty();
    }
  };

  let state = safely(load, empty, warn);
  return {
    path: file,
    current: () => state,
    apply(changes) {
      // Apply in memory first: the reader keeps working even if the disk says no.
      state = applyChanges(state, changes);
      try {
        mkdirSync(dir, { recursive: true });
        if (!existsSync(file)) writeFileAtomic.sync(file, '{}\n');
        const release = lockWithRetry(file);
        try {
          state = applyChanges(load(), changes);
          writeFileAtomic.sync(file, JSON.stringify(state) + '\n');
        } finally {
          release();
        }
      } catch (error) {
        warn(`Could not save the reading state in ${file}: ${describeFsError(error)}. It is kept for this session only.`);
      }
      return state;
    },
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** proper-lockfile's sync lock does not retry; another kiosque holds it for a millisecond or two, so wait a little. */
function lockWithRetry(file: string): () => void {
  for (let attempt = 0; ; attempt++) {
    try {
      return lockfile.lockSync(file, { stale: 10_000, realpath: false });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= 100) throw error;
      Atomics.wait(sleeper, 0, 0, 10 + Math.floor(Math.random() * 10));
    }
  }
}

function safely<T>(run: () => T, fallback: () => T, warn: (message: string) => void): T {
  try {
    return run();
  } catch (error) {
    warn((error as Error).message);
    return fallback();
  }
}
