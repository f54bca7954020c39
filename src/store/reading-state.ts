import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { describeFsError, KiosqueError } from '../errors.js';
import { markKey } from '../feeds/identity.js';
import { lockFile, sweepLeftovers } from './owned-lock.js';
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
  /**
   * Mark key (feeds/identity.ts: markKey; an address, for what earlier versions marked) → when it
   * was marked read (ISO 8601).
   */
  read: Record<string, string>;
  /** Mark key → when it was marked unread (ISO 8601): it stays unread even where a source's "all read" covers it. */
  unread: Record<string, string>;
  /**
   * Source URL → "all read" (M): everything it published up to `through` is read, one entry
   * however many headlines it had (`at`: when it was pressed). Headlines published later are unread.
   */
  readThrough: Record<string, ReadThrough>;
  saved: Record<string, SavedArticle>;
  positions: Record<string, ReadingPosition>;
}

export interface ReadThrough {
  /** ISO 8601: headlines of the source published up to this time are read. */
  through: string;
  at: string;
}

/** One change, applied to the file as it is on disk at the time, so two processes do not undo each other. */
export type ReadingChange =
  /** Marks read, or unread (an unread mark also overrides a source's "all read"); `urls`: mark keys (markKey). */
  | { kind: 'read'; urls: string[]; read: boolean }
  /** Everything the source published up to `through` (ISO 8601) is read; a later `through` than the one kept wins. */
  | { kind: 'readThrough'; source: string; through: string }
  | { kind: 'save'; article: Omit<SavedArticle, 'savedAt'>; saved: boolean }
  | { kind: 'position'; url: string; block: number };

export interface ReadingStateStore {
  readonly path: string;
  /** The state as last read or written, with the changes not written yet. */
  current(): ReadingState;
  /**
   * Applies changes and writes them at once (locked, atomic). Changes that cannot be written
   * now stay pending, in memory and in every later write, and are tried again until they are.
   */
  apply(changes: ReadingChange[]): ReadingState;
  /** One last write of what is still pending; says how many changes could not be saved (0 when all are on disk). */
  close(): number;
}

/** What decides whether a headline reads as read, in the file and in the reader's state alike. */
export interface ReadMarks {
  read: Readonly<Record<string, unknown>>;
  unread: Readonly<Record<string, unknown>>;
  readThrough: Readonly<Record<string, { through: string }>>;
}

/** A headline as far as its read mark goes. */
export interface MarkedHeadline {
  url: string;
  sourceUrl: string;
  published: string | null;
  /** Its identity in its source (feeds/types.ts). */
  id?: string | undefined;
}

/** Whether a source's "all read" covers the headline: it was published, with a date, no later than that. */
export function coveredByReadThrough(marks: ReadMarks, headline: MarkedHeadline): boolean {
  const through = Object.hasOwn(marks.readThrough, headline.sourceUrl) ? marks.readThrough[headline.sourceUrl] : undefined;
  if (!through || !headline.published) return false;
  const published = Date.parse(headline.published);
  return !Number.isNaN(published) && published <= Date.parse(through.through);
}

/**
 * The one rule for "is this headline read", for the list's dots, the sources' unread counts and
 * `headlines --unread` / `--json`: marked read itself, else not if marked unread, else read when
 * its source's "all read" covers it.
 */
export function isRead(marks: ReadMarks, headline: MarkedHeadline): boolean {
  const key = markKey(headline);
  if (Object.hasOwn(marks.read, key)) return true;
  if (Object.hasOwn(marks.unread, key)) return false;
  // Marked by its address (as earlier versions marked everything): a mark of the reader's is never lost.
  if (key !== headline.url) {
    if (Object.hasOwn(marks.read, headline.url)) return true;
    if (Object.hasOwn(marks.unread, headline.url)) return false;
  }
  return coveredByReadThrough(marks, headline);
}

// Marks and positions are kept for the most recent articles only: the file stays small for a reader who reads for years.
// "All read" on a source needs no mark per headline (readThrough), so these bound only marks made one by one.
const MAX_READ = 20_000;
const MAX_UNREAD = 2_000;
const MAX_READ_THROUGH = 5_000;
const MAX_POSITIONS = 2_000;

/** After a failed write: tried again after this long, doubling up to the maximum. */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

const empty = (): ReadingState => ({ read: {}, unread: {}, readThrough: {}, saved: {}, positions: {} });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keeps only well-formed entries: a file edited by hand loses its bad lines, not the good ones. */
function normalize(raw: unknown): ReadingState {
  if (!isRecord(raw)) throw new Error('not a JSON object');
  const state = empty();
  if (isRecord(raw['read'])) {
    for (const [url, at] of Object.entries(raw['read'])) if (typeof at === 'string') state.read[url] = at;
  }
  if (isRecord(raw['unread'])) {
    for (const [url, at] of Object.entries(raw['unread'])) if (typeof at === 'string') state.unread[url] = at;
  }
  if (isRecord(raw['readThrough'])) {
    for (const [source, entry] of Object.entries(raw['readThrough'])) {
      if (isRecord(entry) && typeof entry['through'] === 'string' && !Number.isNaN(Date.parse(entry['through']))) {
        state.readThrough[source] = { through: entry['through'], at: typeof entry['at'] === 'string' ? entry['at'] : entry['through'] };
      }
    }
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

/** A change and when it was made: a change written late (after a failed write) keeps its own time. */
interface TimedChange {
  change: ReadingChange;
  at: string;
}

export function applyChanges(state: ReadingState, changes: ReadingChange[], now = new Date()): ReadingState {
  const at = now.toISOString();
  return applyTimed(
    state,
    changes.map((change) => ({ change, at })),
  );
}

function applyTimed(state: ReadingState, changes: TimedChange[]): ReadingState {
  const next: ReadingState = {
    read: { ...state.read },
    unread: { ...state.unread },
    readThrough: { ...state.readThrough },
    saved: { ...state.saved },
    positions: { ...state.positions },
  };
  for (const { change, at } of changes) {
    if (change.kind === 'read') {
      for (const url of change.urls) {
        if (change.read) {
          next.read[url] = next.read[url] ?? at;
          delete next.unread[url];
        } else {
          delete next.read[url];
          next.unread[url] = at;
        }
      }
    } else if (change.kind === 'readThrough') {
      const kept = next.readThrough[change.source];
      const later = kept && Date.parse(kept.through) > Date.parse(change.through) ? kept.through : change.through;
      next.readThrough[change.source] = { through: later, at };
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
  next.unread = newest(next.unread, MAX_UNREAD, (value) => value);
  next.readThrough = newest(next.readThrough, MAX_READ_THROUGH, (value) => value.at);
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
        warn(`The reading state could not be read; it was kept as ${backup} and kiosque starts with no read marks.`);
      } catch {
        warn(`The reading state ${file} could not be read; kiosque starts with no read marks.`);
      }
      return empty();
    }
  };

  // `written`: the file as last read or written. `pending`: changes made since, not on disk yet.
  // What the reader sees is always both: a change leaves `pending` only once it is written.
  let written = safely(load, empty, warn);
  sweepLeftovers(file);
  let pending: TimedChange[] = [];
  let state = written;
  let failing = false;
  let retryDelay = FIRST_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;

  /** Writes the pending changes onto the file as it is now; false (and they stay pending) when it cannot. */
  const flush = (): boolean => {
    try {
      mkdirSync(dir, { recursive: true });
      // The lock needs no file to exist: a fresh folder is locked like any other, nothing is written outside it.
      const release = lockFile(file);
      try {
        const next = applyTimed(load(), pending);
        writeFileAtomic.sync(file, JSON.stringify(next) + '\n');
        written = next;
      } finally {
        release();
      }
    } catch (error) {
      if (!failing) {
        warn(
          `Could not save the reading state in ${file}: ${describeFsError(error)}. It is kept for this session only until it can be written; kiosque keeps trying.`,
        );
      }
      failing = true;
      scheduleRetry();
      return false;
    }
    pending = [];
    state = written;
    if (failing) warn(`The reading state is saved again in ${file}.`);
    failing = false;
    stopRetrying();
    return true;
  };

  // On exit (a quit, or Ctrl-C with the process ending normally), one last try for what is still pending.
  const onExit = () => {
    if (pending.length > 0) flush();
  };
  function scheduleRetry() {
    if (retryTimer) return;
    if (!process.listeners('exit').includes(onExit)) process.on('exit', onExit);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
      if (pending.length > 0) flush();
    }, retryDelay);
    // The retry never keeps a finished command alive; the exit hook has the last word.
    retryTimer.unref();
  }
  function stopRetrying() {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    retryDelay = FIRST_RETRY_MS;
    process.off('exit', onExit);
  }

  return {
    path: file,
    current: () => state,
    apply(changes) {
      const at = new Date().toISOString();
      const timed = changes.map((change) => ({ change, at }));
      // In memory first: the reader keeps working even if the disk says no.
      state = applyTimed(state, timed);
      pending = [...pending, ...timed];
      flush();
      return state;
    },
    close() {
      if (pending.length > 0) flush();
      stopRetrying();
      return pending.length;
    },
  };
}

function safely<T>(run: () => T, fallback: () => T, warn: (message: string) => void): T {
  try {
    return run();
  } catch (error) {
    warn((error as Error).message);
    return fallback();
  }
}
