import { open, readFile, readdir, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFsError, KiosqueError } from '../errors.js';
import { isLedgerName, ledgerFileOf } from './cache-ledger.js';

/**
 * The cache folder as kiosque lays it out, and its housekeeping: which files are kiosque's
 * (and so may be counted, pruned and removed), the folder's tag, what killed writers leave.
 * Anything else in the folder is the user's and is never touched. The entries themselves
 * (their format, reading and writing) are cache.ts's.
 *
 *   <dir>/CACHEDIR.TAG                        the tag (only in a folder holding nothing else)
 *   <dir>/ledger                              the cache's size, kept as it changes (cache-ledger.ts)
 *   <dir>/entries/<2 hex>/<64 hex>.entry      one entry per address
 *   <dir>/entries/<2 hex>/<64 hex>.entry.<n>  an unfinished write, or an entry being replaced or evicted
 *   <dir>/corrupt/<64 hex>.entry.<time>       a damaged entry, set aside
 */

/** The first bytes of every entry file kiosque writes: how a file is known to be one. */
export const ENTRY_MAGIC = 'KSQ1\n';

/**
 * The cache folder's tag (https://bford.info/cachedir/): backup tools skip the folder, and
 * `cache clear` knows the folder is kiosque's by the last line.
 */
export const CACHE_TAG = 'CACHEDIR.TAG';
/** The reader's list as it was left, for its next first frame (app/list-snapshot.ts, which names it too). */
export const KEPT_LIST_NAME = 'first-frame.json';
/** The stories of the last headlines grouped, for a reload that brings the same ones (app/story-memo.ts, which names it too). */
export const KEPT_STORIES_NAME = 'stories.json';
/** What kiosque itself puts in its cache folder. */
const OWN_NAMES = new Set([CACHE_TAG, 'entries', 'corrupt', KEPT_LIST_NAME, KEPT_STORIES_NAME]);
const isOwnName = (name: string) =>
  OWN_NAMES.has(name) ||
  isLedgerName(name) ||
  [KEPT_LIST_NAME, KEPT_STORIES_NAME].some((kept) => name.startsWith(`${kept}.`) && name.endsWith('.tmp'));
const TAG_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';
const TAG_TEXT = `${TAG_SIGNATURE}\n# This file is a cache directory tag created by kiosque.\n# kiosque-cache\n`;

/**
 * The only names kiosque writes under entries/: a shard, an entry, and `<entry>.<digits>`: an entry
 * being written, or one claimed to be replaced or evicted (cache.ts), for milliseconds.
 */
const SHARD_NAME = /^[0-9a-f]{2}$/;
const ENTRY_NAME = /^[0-9a-f]{64}\.entry$/;
const UNFINISHED_NAME = /^[0-9a-f]{64}\.entry\.\d+$/;
/** What a damaged entry is set aside as, in corrupt/. */
const SET_ASIDE_NAME = /^[0-9a-f]{64}\.entry\.\d+$/;
/**
 * An unfinished write older than this is a leftover of a process that died: a live writer
 * renames its temporary file within milliseconds, so it is never taken from under it.
 */
export const UNFINISHED_GRACE_MS = 5 * 60 * 1000;

export interface CacheFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ListedFiles {
  entries: CacheFile[];
  unfinished: CacheFile[];
  /** Files under entries/ that kiosque did not write: never counted, pruned or removed. */
  foreign: number;
}

export const entriesDirOf = (dir: string) => path.join(dir, 'entries');
export const setAsideDirOf = (dir: string) => path.join(dir, 'corrupt');

/**
 * Tags the folder as kiosque's cache (what `cache clear` looks for), but only a folder that
 * holds nothing else: a tag makes backup tools skip the whole folder, and `--cache-dir ~`
 * must not take the home folder out of the user's backups.
 */
export async function tagFolder(dir: string): Promise<void> {
  const file = path.join(dir, CACHE_TAG);
  if (await isTagged(dir)) return;
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.some((name) => !isOwnName(name))) return;
  // 'wx': two processes tagging at once both end with the same tag.
  await writeFile(file, TAG_TEXT, { flag: 'wx' }).catch(() => {});
}

function isTagged(dir: string): Promise<boolean> {
  return readFile(path.join(dir, CACHE_TAG), 'utf8').then(
    (text) => text.startsWith(TAG_SIGNATURE) && text.includes('kiosque'),
    () => false,
  );
}

/**
 * The files under entries/, by what they are: entries and unfinished writes (named as kiosque
 * names them) and a count of anything else (never kiosque's: never counted, pruned or removed).
 */
export async function listCacheFiles(dir: string): Promise<ListedFiles> {
  const entriesDir = entriesDirOf(dir);
  const listed: ListedFiles = { entries: [], unfinished: [], foreign: 0 };
  let shards: string[];
  try {
    shards = await readdir(entriesDir);
  } catch {
    return listed;
  }
  for (const shard of shards) {
    const shardDir = path.join(entriesDir, shard);
    let names: string[];
    try {
      names = await readdir(shardDir);
    } catch {
      // A file where a shard would be: not kiosque's.
      listed.foreign++;
      continue;
    }
    if (!SHARD_NAME.test(shard)) {
      listed.foreign += Math.max(1, names.length);
      continue;
    }
    for (const name of names) {
      const kind = !name.startsWith(shard)
        ? undefined
        : ENTRY_NAME.test(name)
          ? 'entries'
          : UNFINISHED_NAME.test(name)
            ? 'unfinished'
            : undefined;
      if (!kind) {
        listed.foreign++;
        continue;
      }
      const file = path.join(shardDir, name);
      try {
        const info = await stat(file);
        if (info.isFile()) listed[kind].push({ path: file, size: info.size, mtimeMs: info.mtimeMs });
        else listed.foreign++;
      } catch {
        // Removed by another process meanwhile.
      }
    }
  }
  return listed;
}

/** Removes unfinished writes older than UNFINISHED_GRACE_MS; returns those left (a live writer's). */
export async function sweepUnfinished(unfinished: CacheFile[]): Promise<CacheFile[]> {
  const cutoff = Date.now() - UNFINISHED_GRACE_MS;
  const kept: CacheFile[] = [];
  for (const file of unfinished) {
    if (file.mtimeMs < cutoff) await unlink(file.path).catch(() => {});
    else kept.push(file);
  }
  return kept;
}

/** Whether the folder exists (false when it does not); a file where the folder should be is said in words. */
export async function checkFolder(dir: string): Promise<boolean> {
  for (const folder of [dir, entriesDirOf(dir)]) {
    try {
      if (!(await stat(folder)).isDirectory()) {
        throw new KiosqueError('CONFIG', `The cache folder ${folder} is a file, not a folder. Check --cache-dir or KIOSQUE_CACHE_DIR.`);
      }
    } catch (error) {
      if (error instanceof KiosqueError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return folder !== dir;
      if (code === 'ENOTDIR') {
        throw new KiosqueError('CONFIG', `The cache folder ${dir} cannot be used: ${describeFsError(error)}.`, { cause: error });
      }
      throw new KiosqueError('CONFIG', `The cache folder ${folder} cannot be read: ${describeFsError(error)}.`, { cause: error });
    }
  }
  return true;
}

/**
 * Removes what kiosque wrote in the folder (entries, unfinished writes, damaged entries set
 * aside) and nothing else. A folder is taken for kiosque's cache by its tag, or (a cache of a
 * version before the tag) by entries kiosque recognises as its own; any other folder with an
 * entries/ in it is refused untouched, for it may be the reader's own.
 */
export async function clearFolder(dir: string): Promise<{ removed: number; leftAlone: number }> {
  if (!(await checkFolder(dir))) return { removed: 0, leftAlone: 0 };
  const { entries, unfinished, foreign } = await listCacheFiles(dir);
  if (!(await isTagged(dir)) && foreign > 0 && !(await anyIsEntry(entries))) {
    throw new KiosqueError(
      'CONFIG',
      `${dir} is not a kiosque cache (no kiosque tag, and its entries folder holds files kiosque did not write): nothing was removed. Check --cache-dir or KIOSQUE_CACHE_DIR.`,
    );
  }
  let removed = 0;
  for (const file of entries) {
    // Named as kiosque names its entries; only removed if it also reads as one (or a damaged one).
    if (await startsWithMagic(file.path)) {
      await unlink(file.path).then(
        () => removed++,
        () => {},
      );
    }
  }
  for (const file of unfinished) await unlink(file.path).catch(() => {});
  await clearSetAside(dir);
  // The size it kept is that of the cache just removed: the next writer counts afresh.
  await unlink(ledgerFileOf(dir)).catch(() => {});
  for (const kept of [KEPT_LIST_NAME, KEPT_STORIES_NAME]) await unlink(path.join(dir, kept)).catch(() => {});
  // Folders kiosque made, if now empty; a folder still holding the reader's files stays.
  const entriesDir = entriesDirOf(dir);
  const shards = await readdir(entriesDir).catch(() => [] as string[]);
  for (const shard of shards) if (SHARD_NAME.test(shard)) await rmdir(path.join(entriesDir, shard)).catch(() => {});
  await rmdir(entriesDir).catch(() => {});
  const left = await listCacheFiles(dir);
  return { removed, leftAlone: left.foreign + left.entries.length };
}

async function clearSetAside(dir: string): Promise<void> {
  const aside = setAsideDirOf(dir);
  const names = await readdir(aside).catch(() => [] as string[]);
  for (const name of names) if (SET_ASIDE_NAME.test(name)) await unlink(path.join(aside, name)).catch(() => {});
  await rmdir(aside).catch(() => {});
}

async function startsWithMagic(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(ENTRY_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, ENTRY_MAGIC.length, 0);
    return head.subarray(0, bytesRead).toString('latin1') === ENTRY_MAGIC;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Whether any of these files is a kiosque entry (the magic header): a cache of a version before the tag. */
async function anyIsEntry(files: CacheFile[]): Promise<boolean> {
  for (const file of files) if (await startsWithMagic(file.path)) return true;
  return false;
}
