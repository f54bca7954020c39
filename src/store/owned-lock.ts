import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A lock on a file that says who holds it, so that a lock left by a kiosque that was killed
 * is taken over at once instead of blocking every later write.
 *
 * The lock is `FILE.lock`, a small file naming its owner (pid, host, a token). It is made
 * whole in a temporary file first and then hard-linked into place: the link either fails
 * (someone holds the lock) or puts a complete owner record there in one step, so there is
 * never a lock without an owner to check (a folder plus an owner file written after it
 * would leave such a moment, and a kill in it).
 *
 * A lock is taken over at once when its owner is gone: same host and the pid no longer
 * exists. Any lock older than `staleMs` is taken over too, as proper-lockfile did: holders keep
 * it for the milliseconds of one read-merge-write, so that age means a dead holder even when
 * the owner cannot be checked (another host sharing the folder, a pid given to another program
 * since, or a lock folder left by an older kiosque, which used proper-lockfile's `FILE.lock`).
 *
 * Known limit: two kiosques taking over the same dead lock while a third locks in between can,
 * in a window of microseconds, both believe they hold it (see takeOverIfAbandoned); without a
 * kernel lock (flock) in Node, proper-lockfile had the same window after its 10 s.
 */

export interface LockOptions {
  /** A lock this old (ms) is taken over whoever holds it; one whose owner is gone, at once. */
  staleMs?: number;
  /** How long to keep trying, synchronously, before giving up with ELOCKED (ms). */
  waitMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

/** Tokens of the locks this process holds now: a lock with our pid and another token was left by an earlier process with that pid. */
const held = new Set<string>();

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const token = () => randomBytes(8).toString('hex');

export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

/**
 * Takes the lock on `file` (which need not exist), waiting up to `waitMs` with backoff while a
 * live kiosque holds it. Returns the release. Throws an error with code ELOCKED when it stays
 * held, or the file-system error that prevented locking (a read-only folder, a full disk).
 */
export function lockFile(file: string, { staleMs = 10_000, waitMs = 1_500 }: LockOptions = {}): () => void {
  const lockPath = lockPathOf(file);
  const owner: Owner = { pid: process.pid, host: os.hostname(), token: token() };
  const record = JSON.stringify(owner) + '\n';
  const temp = `${lockPath}.${owner.token}.tmp`;
  writeFileSync(temp, record, { flag: 'wx' });
  try {
    const deadline = Date.now() + waitMs;
    let takenOver = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        place(temp, lockPath, record);
        held.add(owner.token);
        if (takenOver > 0) sweepLeftovers(file, staleMs);
        return () => release(lockPath, owner.token, record);
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
      // Bounded, in case two kiosques keep taking over from each other's dead predecessors.
      if (takenOver < 10 && takeOverIfAbandoned(lockPath, staleMs)) {
        takenOver++;
        continue;
      }
      if (Date.now() >= deadline) throw Object.assign(new Error(`${file} is locked by another kiosque`), { code: 'ELOCKED' });
      // Backoff with jitter: two waiting kiosques do not retry in step.
      sleep(Math.min(5 * 2 ** attempt, 100) * (0.5 + Math.random()));
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone: nothing to clean.
    }
  }
}

/** Puts the owner record in place as the lock, or fails with EEXIST. */
function place(temp: string, lockPath: string, record: string): void {
  try {
    linkSync(temp, lockPath);
  } catch (error) {
    // A file system without hard links (FAT, some network shares): an exclusive create, whose
    // record is written a moment later; until then the lock reads as one whose owner cannot be told.
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(codeOf(error) ?? '')) throw error;
    writeFileSync(lockPath, record, { flag: 'wx' });
  }
}

function release(lockPath: string, ownToken: string, record: string): void {
  held.delete(ownToken);
  try {
    // Only our own lock: if it was taken over (we looked dead or too old), it is someone else's now.
    if (readFileSync(lockPath, 'utf8') === record) unlinkSync(lockPath);
  } catch {
    // Gone already.
  }
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner> | null;
    if (value && Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.token === 'string') return value as Owner;
  } catch {
    // Not an owner record.
  }
  return undefined;
}

/** Whether the process that holds a lock is still there; undefined when this host cannot tell. */
function ownerAlive(owner: Owner): boolean | undefined {
  if (owner.host !== os.hostname()) return undefined;
  if (owner.pid === process.pid) return held.has(owner.token);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Removes the lock if its holder is gone (or, when that cannot be told, if it is older than
 * `staleMs`). Returns true when the place is free to try again. The lock is first moved
 * aside and then compared with what was judged abandoned: when another kiosque took it over
 * and locked again in between, that new lock is put back rather than removed.
 */
function takeOverIfAbandoned(lockPath: string, staleMs: number): boolean {
  let seen: string | undefined;
  let abandoned: boolean;
  try {
    const stat = lstatSync(lockPath);
    const owner = stat.isFile() ? parseOwner((seen = readFileSync(lockPath, 'utf8'))) : undefined;
    const alive = owner ? ownerAlive(owner) : undefined;
    // A holder keeps the lock for one write, milliseconds: one older than staleMs is abandoned
    // whatever its pid says (that pid may have been given to another program since).
    abandoned = alive === false || Date.now() - stat.mtimeMs > staleMs;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return true; // released meanwhile
    throw error;
  }
  if (!abandoned) return false;
  const aside = `${lockPath}.stale-${token()}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return true;
    throw error;
  }
  if (seen === undefined) {
    // A lock folder of an older kiosque (or an unreadable lock), judged by its age alone.
    rmSync(aside, { recursive: true, force: true });
    return true;
  }
  let moved: string | undefined;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    moved = undefined;
  }
  if (moved !== seen) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // The place was taken again meanwhile; the lock we moved is its holder's to lose.
    }
  }
  rmSync(aside, { force: true });
  return moved === seen;
}

/**
 * What killed kiosques leave next to `file`: the lock's temporary and set-aside files, and the
 * temporary copies write-file-atomic writes before renaming (`FILE.<number>`, as big as the
 * file). Each lives for milliseconds while its writer runs, so one older than `staleMs` is
 * a dead writer's: removed.
 */
export function sweepLeftovers(file: string, staleMs = 10_000): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const lockPrefix = `${path.basename(lockPathOf(file))}.`;
  const isLeftover = (name: string) =>
    name.startsWith(lockPrefix)
      ? name.endsWith('.tmp') || name.includes('.stale-')
      : name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1));
  try {
    for (const name of readdirSync(dir)) {
      if (!isLeftover(name)) continue;
      const full = path.join(dir, name);
      try {
        if (Date.now() - statSync(full).mtimeMs > staleMs) rmSync(full, { recursive: true, force: true });
      } catch {
        // Removed by another kiosque meanwhile.
      }
    }
  } catch {
    // A folder that cannot be listed keeps its leftovers; the lock itself works.
  }
}
