import { createHash, scryptSync } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rmdir, stat, utimes, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type CachePolicy from 'http-cache-semantics';
import { describeFsError, KiosqueError } from '../errors.js';
import { credentialsOf, displayUrl } from '../text/url.js';

/** One cached response: its cache policy, its body and what was made of that body. */
export interface StoredResponse {
  url: string;
  finalUrl: string;
  policy: CachePolicy.CachePolicyObject;
  storedAt: number;
  body: Buffer;
  /**
   * What kiosque made of this very body, by kind (e.g. the headlines parsed from a
   * feed): reading the same bytes again skips the work. Gone with the body.
   */
  derived?: Record<string, unknown>;
}

interface EntryHeader {
  format: 1;
  /** The address without its credentials (displayUrl): a password is never written down. */
  url: string;
  finalUrl: string;
  /** For an address with credentials: a digest of them, so that another account's copy is never served. */
  account?: string;
  policy: CachePolicy.CachePolicyObject;
  storedAt: number;
  bodyLength: number;
  bodySha1: string;
  derived?: Record<string, unknown>;
}

export interface CacheInfo {
  dir: string;
  entries: number;
  /** Entries and unfinished writes together: what the cache takes on disk. */
  bytes: number;
  maxBytes: number;
  /** Temporary files of writes that never finished (a process killed mid-write); swept once old. */
  unfinished: number;
}

export interface DiskCacheOptions {
  /** Least-recently-used entries are evicted past this size. */
  maxBytes?: number;
  /** Told about entries found damaged and set aside. */
  onWarning?: (message: string) => void;
}

const MAGIC = 'KSQ1\n';
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The cache folder's tag (https://bford.info/cachedir/): backup tools skip the folder, and
 * `cache clear` knows the folder is kiosque's by the last line.
 */
export const CACHE_TAG = 'CACHEDIR.TAG';
/** What kiosque itself puts in its cache folder. */
const OWN_NAMES = new Set([CACHE_TAG, 'entries', 'corrupt']);
const TAG_SIGNATURE = 'Signature: 8a477f597d28d172789f06886806bc55';
const TAG_TEXT = `${TAG_SIGNATURE}\n# This file is a cache directory tag created by kiosque.\n# kiosque-cache\n`;

/** The only names kiosque writes under entries/: a shard, an entry, write-file-atomic's temporary file of one. */
const SHARD_NAME = /^[0-9a-f]{2}$/;
const ENTRY_NAME = /^[0-9a-f]{64}\.entry$/;
const UNFINISHED_NAME = /^[0-9a-f]{64}\.entry\.\d+$/;
/** What quarantine() sets aside in corrupt/. */
const SET_ASIDE_NAME = /^[0-9a-f]{64}\.entry\.\d+$/;
/**
 * An unfinished write older than this is a leftover of a process that died: a live writer
 * renames its temporary file within milliseconds, so it is never taken from under it.
 */
export const UNFINISHED_GRACE_MS = 5 * 60 * 1000;

interface CacheFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * A persistent HTTP cache on disk: one file per URL, written atomically
 * (temporary file + rename), so a crash mid-write leaves the old entry or none,
 * never half of one. Each file is a header line of JSON (the cache policy and a
 * checksum of the body) followed by the raw body bytes, so reading an entry
 * back needs no re-encoding and a truncated or altered file is detected.
 */
export class DiskCache {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly onWarning: (message: string) => void;
  /** Bytes on disk as far as this process knows; undefined until first listed. */
  private knownBytes: number | undefined;
  private toldWriteFailure = false;
  private tagged = false;

  constructor(dir: string, options: DiskCacheOptions = {}) {
    this.dir = dir;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.onWarning = options.onWarning ?? (() => {});
  }

  private entriesDir(): string {
    return path.join(this.dir, 'entries');
  }

  private fileFor(url: string): string {
    // An address without credentials keys as it always did (entries of earlier versions still serve);
    // one with credentials keys on its digest of them, never on the password itself.
    const { address, account } = identity(url);
    const key = createHash('sha256')
      .update(account ? `${address}\n${account}` : address)
      .digest('hex');
    return path.join(this.entriesDir(), key.slice(0, 2), `${key}.entry`);
  }

  /** The stored entry for `url`, as the entry of `url` itself (credentials included, as asked). */
  private async read(url: string): Promise<{ file: string; raw: Buffer; entry: StoredResponse | undefined }> {
    const file = this.fileFor(url);
    const raw = await readFile(file);
    const parsed = parseEntry(raw);
    const { address, account } = identity(url);
    const mine = parsed && parsed.header.url === address && (parsed.header.account ?? '') === (account ?? '');
    return { file, raw, entry: mine ? { ...parsed.entry, url } : undefined };
  }

  async get(url: string): Promise<StoredResponse | undefined> {
    let found: Awaited<ReturnType<DiskCache['read']>>;
    try {
      found = await this.read(url);
    } catch {
      return undefined;
    }
    if (!found.entry) {
      await this.quarantine(found.file, url);
      return undefined;
    }
    // Reading refreshes the entry's place in the least-recently-used order.
    const now = new Date();
    await utimes(found.file, now, now).catch(() => {});
    return found.entry;
  }

  async put(entry: Omit<StoredResponse, 'storedAt'> & { storedAt?: number }): Promise<void> {
    const { address, account } = identity(entry.url);
    const header: EntryHeader = {
      format: 1,
      url: address,
      finalUrl: displayUrl(entry.finalUrl),
      ...(account ? { account } : {}),
      policy: entry.policy,
      storedAt: entry.storedAt ?? Date.now(),
      bodyLength: entry.body.length,
      bodySha1: sha1(entry.body),
      ...(entry.derived && Object.keys(entry.derived).length ? { derived: entry.derived } : {}),
    };
    const file = this.fileFor(entry.url);
    const data = Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), entry.body]);
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await this.tag();
      await writeFileAtomic(file, data);
    } catch (error) {
      // Said once: a read-only or full disk stops the caching, not the reading.
      if (!this.toldWriteFailure) {
        this.toldWriteFailure = true;
        this.onWarning(`Pages cannot be kept in the cache ${this.dir} (${describeFsError(error)}); reading goes on without it.`);
      }
      throw error;
    }
    // Listing 50,000 entries after every few writes would make filling the cache quadratic: keep
    // a running estimate of its size (from one listing) and list again only when it says "full".
    this.knownBytes = (this.knownBytes ?? (await this.listedBytes())) + data.length;
    if (this.knownBytes > this.maxBytes) await this.prune();
  }

  /**
   * Keeps `value` as what was derived of kind `kind` from the body stored for `url`,
   * if that body is still the one with digest `bodySha1` (another process may have
   * replaced it meanwhile, and a derivation belongs to its bytes only).
   */
  async derive(url: string, bodySha1: string, kind: string, value: unknown): Promise<void> {
    let found: Awaited<ReturnType<DiskCache['read']>>;
    try {
      found = await this.read(url);
    } catch {
      return;
    }
    const { entry, raw } = found;
    if (!entry || sha1(entry.body) !== bodySha1) return;
    await this.put({ ...entry, derived: { ...entry.derived, [kind]: value } });
    // put counted the new file; the one it replaced is gone.
    if (this.knownBytes !== undefined) this.knownBytes -= raw.length;
  }

  /**
   * Tags the folder as kiosque's cache, once per process (what `cache clear` looks for), but only
   * a folder that holds nothing else: a tag makes backup tools skip the whole folder, and
   * `--cache-dir ~` must not take the home folder out of the user's backups.
   */
  private async tag(): Promise<void> {
    if (this.tagged) return;
    this.tagged = true;
    const file = path.join(this.dir, CACHE_TAG);
    const present = await readFile(file, 'utf8').then(isKiosqueTag, () => false);
    if (present) return;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    if (names.some((name) => !OWN_NAMES.has(name))) return;
    // 'wx': two processes tagging at once both end with the same tag.
    await writeFile(file, TAG_TEXT, { flag: 'wx' }).catch(() => {});
  }

  /** What the cache takes on disk; sweeps what dead writers left on the way (the first listing of a run). */
  private async listedBytes(): Promise<number> {
    const { entries, unfinished } = await this.listFiles();
    const kept = await this.sweepUnfinished(unfinished);
    return [...entries, ...kept].reduce((sum, file) => sum + file.size, 0);
  }

  /** Removes unfinished writes older than UNFINISHED_GRACE_MS; returns those left (a live writer's). */
  private async sweepUnfinished(unfinished: CacheFile[]): Promise<CacheFile[]> {
    const cutoff = Date.now() - UNFINISHED_GRACE_MS;
    const kept: CacheFile[] = [];
    for (const file of unfinished) {
      if (file.mtimeMs < cutoff) await unlink(file.path).catch(() => {});
      else kept.push(file);
    }
    return kept;
  }

  /** Drops what dead writers left, then least-recently-used entries until the cache fits in `maxBytes`. */
  async prune(maxBytes = this.maxBytes): Promise<number> {
    const listed = await this.listFiles();
    const unfinished = await this.sweepUnfinished(listed.unfinished);
    const files = listed.entries;
    let total = [...files, ...unfinished].reduce((sum, file) => sum + file.size, 0);
    this.knownBytes = total;
    if (total <= maxBytes) return 0;
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let removed = 0;
    for (const file of files) {
      if (total <= maxBytes) break;
      await unlink(file.path).catch(() => {});
      total -= file.size;
      removed++;
    }
    this.knownBytes = total;
    return removed;
  }

  async info(): Promise<CacheInfo> {
    await this.checkFolder();
    const { entries, unfinished } = await this.listFiles();
    return {
      dir: this.dir,
      entries: entries.length,
      bytes: [...entries, ...unfinished].reduce((sum, file) => sum + file.size, 0),
      maxBytes: this.maxBytes,
      unfinished: unfinished.length,
    };
  }

  /**
   * Removes what kiosque wrote in the folder (entries, unfinished writes, damaged entries set
   * aside) and nothing else. A folder is taken for kiosque's cache by its tag, or (a cache of a
   * version before the tag) by entries kiosque recognises as its own; any other folder with an
   * entries/ in it is refused untouched, for it may be the reader's own.
   */
  async clear(): Promise<{ removed: number; leftAlone: number }> {
    if (!(await this.checkFolder())) return { removed: 0, leftAlone: 0 };
    const { entries, unfinished, foreign } = await this.listFiles();
    const tagged = await readFile(path.join(this.dir, CACHE_TAG), 'utf8').then(isKiosqueTag, () => false);
    if (!tagged && foreign > 0 && !(await anyIsEntry(entries))) {
      throw new KiosqueError(
        'CONFIG',
        `${this.dir} is not a kiosque cache (no kiosque tag, and its entries folder holds files kiosque did not write): nothing was removed. Check --cache-dir or KIOSQUE_CACHE_DIR.`,
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
    await this.clearSetAside();
    // Folders kiosque made, if now empty; a folder still holding the reader's files stays.
    const shards = await readdir(this.entriesDir()).catch(() => [] as string[]);
    for (const shard of shards) if (SHARD_NAME.test(shard)) await rmdir(path.join(this.entriesDir(), shard)).catch(() => {});
    await rmdir(this.entriesDir()).catch(() => {});
    this.knownBytes = undefined;
    const left = await this.listFiles();
    return { removed, leftAlone: left.foreign + left.entries.length };
  }

  /** Whether the folder exists; a file where the folder should be is said in words. */
  private async checkFolder(): Promise<boolean> {
    for (const dir of [this.dir, this.entriesDir()]) {
      try {
        if (!(await stat(dir)).isDirectory()) {
          throw new KiosqueError('CONFIG', `The cache folder ${dir} is a file, not a folder. Check --cache-dir or KIOSQUE_CACHE_DIR.`);
        }
      } catch (error) {
        if (error instanceof KiosqueError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return dir !== this.dir;
        if (code === 'ENOTDIR') {
          throw new KiosqueError('CONFIG', `The cache folder ${this.dir} cannot be used: ${describeFsError(error)}.`, { cause: error });
        }
        throw new KiosqueError('CONFIG', `The cache folder ${dir} cannot be read: ${describeFsError(error)}.`, { cause: error });
      }
    }
    return true;
  }

  private async clearSetAside(): Promise<void> {
    const aside = path.join(this.dir, 'corrupt');
    const names = await readdir(aside).catch(() => [] as string[]);
    for (const name of names) if (SET_ASIDE_NAME.test(name)) await unlink(path.join(aside, name)).catch(() => {});
    await rmdir(aside).catch(() => {});
  }

  /**
   * The files under entries/, by what they are: entries and unfinished writes (named as kiosque
   * names them) and a count of anything else (never kiosque's: never counted, pruned or removed).
   */
  private async listFiles(): Promise<{ entries: CacheFile[]; unfinished: CacheFile[]; foreign: number }> {
    const listed = { entries: [] as CacheFile[], unfinished: [] as CacheFile[], foreign: 0 };
    let shards: string[];
    try {
      shards = await readdir(this.entriesDir());
    } catch {
      return listed;
    }
    for (const shard of shards) {
      const shardDir = path.join(this.entriesDir(), shard);
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

  /** A damaged entry is moved aside (kept for inspection), never served. */
  private async quarantine(file: string, url: string): Promise<void> {
    const aside = path.join(this.dir, 'corrupt');
    try {
      await mkdir(aside, { recursive: true });
      await rename(file, path.join(aside, `${path.basename(file)}.${Date.now()}`));
      this.onWarning(`A damaged cache entry for ${displayUrl(url)} was set aside in ${aside}; the page will be fetched again.`);
    } catch {
      // Another process moved it first; nothing is lost either way.
    }
  }
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** What an address is kept under: the address as it may be written down, and a digest of its credentials if any. */
function identity(url: string): { address: string; account: string | undefined } {
  const credentials = credentialsOf(url);
  return { address: displayUrl(url), account: credentials ? accountDigest(credentials.username, credentials.password) : undefined };
}

const accounts = new Map<string, string>();

/**
 * A slow digest (scrypt), not a plain hash: whoever reads the cache folder cannot try a
 * dictionary of passwords against it at hash speed. Worked out once per account and run.
 */
function accountDigest(username: string, password: string): string {
  const key = `${username}\n${password}`;
  let digest = accounts.get(key);
  if (!digest) {
    digest = scryptSync(password, `kiosque cache account\n${username}`, 32).toString('hex');
    accounts.set(key, digest);
  }
  return digest;
}

function isKiosqueTag(text: string): boolean {
  return text.startsWith(TAG_SIGNATURE) && text.includes('kiosque');
}

async function startsWithMagic(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, MAGIC.length, 0);
    return head.subarray(0, bytesRead).toString('latin1') === MAGIC;
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

function parseEntry(raw: Buffer): { header: EntryHeader; entry: StoredResponse } | undefined {
  if (raw.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return undefined;
  const headerEnd = raw.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) return undefined;
  let header: EntryHeader;
  try {
    header = JSON.parse(raw.subarray(MAGIC.length, headerEnd).toString('utf8')) as EntryHeader;
  } catch {
    return undefined;
  }
  const body = raw.subarray(headerEnd + 1);
  if (header.format !== 1 || typeof header.url !== 'string' || typeof header.policy !== 'object') return undefined;
  if (body.length !== header.bodyLength || sha1(body) !== header.bodySha1) return undefined;
  const derived = header.derived && typeof header.derived === 'object' && !Array.isArray(header.derived) ? { derived: header.derived } : {};
  return {
    header,
    entry: { url: header.url, finalUrl: header.finalUrl, policy: header.policy, storedAt: header.storedAt, body, ...derived },
  };
}

export function bodyDigest(bytes: Buffer): string {
  return sha1(bytes);
}
