import { createHash, scryptSync } from 'node:crypto';
import { link, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type CachePolicy from 'http-cache-semantics';
import { describeFsError } from '../errors.js';
import { credentialsOf, displayUrl } from '../text/url.js';
import {
  checkFolder,
  clearFolder,
  ENTRY_MAGIC as MAGIC,
  entriesDirOf,
  listCacheFiles,
  setAsideDirOf,
  sweepUnfinished,
  tagFolder,
} from './cache-folder.js';
import { CacheLedger } from './cache-ledger.js';
import { type BodyDecoding, type EntryHeader, readEntry, sha1 } from './cache-entry.js';

export { CACHE_TAG, UNFINISHED_GRACE_MS } from './cache-folder.js';

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
  /** How the body decodes (charset.ts decodeLater) under the Content-Type named: kept so that a body known to be UTF-8 stays on disk until used. */
  decoded?: BodyDecoding;
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

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/**
 * Past its limit, the cache is pruned to this share of it: the listing eviction needs (the one
 * listing left) then happens once per tenth of the cache written, not after every write.
 */
const PRUNE_TO = 0.9;
/** Names of files being written or claimed (`<entry>.<digits>`, see cache-folder.ts): unique in this process. */
let nextTemp = 0;
// The pid at a fixed width (Linux's largest is 7 digits): two processes never make the same name.
const tempOf = (file: string) => `${file}.${String(process.pid).padStart(7, '0')}${String(++nextTemp).padStart(6, '0')}`;
/** link() refused by a file system without hard links (FAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * A persistent HTTP cache on disk: one file per URL, written whole under another name and then
 * put in place in one step, so a crash mid-write leaves the old entry or none, never half of one.
 * Each file is a header line of JSON (the cache policy and a checksum of the body) followed by the
 * raw body bytes, so reading an entry back needs no re-encoding and a truncated or altered file is
 * detected. Its size is kept in a ledger (cache-ledger.ts): writing never lists the cache.
 */
export class DiskCache {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly onWarning: (message: string) => void;
  private readonly ledger: CacheLedger;
  private toldWriteFailure = false;
  private tagged = false;
  private pruning: Promise<unknown> | undefined;

  constructor(dir: string, options: DiskCacheOptions = {}) {
    this.dir = dir;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.onWarning = options.onWarning ?? (() => {});
    this.ledger = new CacheLedger(dir, () => this.listedBytes());
  }

  private fileFor(url: string): string {
    // An address without credentials keys as it always did (entries of earlier versions still serve);
    // one with credentials keys on its digest of them, never on the password itself.
    const { address, account } = identity(url);
    const key = createHash('sha256')
      .update(account ? `${address}\n${account}` : address)
      .digest('hex');
    return path.join(entriesDirOf(this.dir), key.slice(0, 2), `${key}.entry`);
  }

  /**
   * The stored entry for `url`, as the entry of `url` itself (credentials included, as asked). With
   * `touch`, the file is marked used on the way (its place in the least-recently-used order).
   */
  private read(url: string, touch = false, wholeBody = false): { file: string; entry: StoredResponse | undefined } {
    const file = this.fileFor(url);
    const found = readEntry(file, touch, wholeBody);
    const { address, account } = identity(url);
    const header = found?.header;
    if (!found || !header || header.url !== address || (header.account ?? '') !== (account ?? '')) return { file, entry: undefined };
    const derived =
      header.derived && typeof header.derived === 'object' && !Array.isArray(header.derived) ? { derived: header.derived } : {};
    const decoded = isDecoded(header.decoded) ? { decoded: header.decoded } : {};
    const entry = { url, finalUrl: header.finalUrl, policy: header.policy, storedAt: header.storedAt, ...derived, ...decoded };
    if (found.body) return { file, entry: { ...entry, body: found.body } };
    // Left on disk: read (and checked) when first asked for; one that changed since throws CACHE_CHANGED (cache-entry.ts).
    const later = found.bodyLater!;
    const setAside = () => void this.quarantine(file, url);
    return {
      file,
      entry: {
        ...entry,
        get body() {
          return later(setAside);
        },
      },
    };
  }

  /**
   * The entry stored for `url`, checked whole (a damaged one is set aside). With `bodyLater`, for a caller that
   * mostly uses what was derived from the body (a feed's kept reading), a body known to decode as UTF-8 is left on
   * disk until `body` is first read: it is checked then, and throws CACHE_CHANGED if the entry no longer holds
   * the body its header described (replaced by another kiosque, evicted).
   */
  async get(url: string, { bodyLater = false }: { bodyLater?: boolean } = {}): Promise<StoredResponse | undefined> {
    let found: ReturnType<DiskCache['read']>;
    try {
      // Reading refreshes the entry's place in the least-recently-used order.
      found = this.read(url, true, !bodyLater);
    } catch {
      return undefined;
    }
    if (!found.entry) {
      await this.quarantine(found.file, url);
      return undefined;
    }
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
      ...(isDecoded(entry.decoded) ? { decoded: entry.decoded } : {}),
    };
    const file = this.fileFor(entry.url);
    const data = Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), entry.body]);
    try {
      if (!this.tagged) {
        this.tagged = true;
        await mkdir(this.dir, { recursive: true });
        await tagFolder(this.dir);
      }
      await this.ledger.change((count) => this.replace(file, data, count));
    } catch (error) {
      // Said once: a read-only or full disk stops the caching, not the reading.
      if (!this.toldWriteFailure) {
        this.toldWriteFailure = true;
        this.onWarning(`Pages cannot be kept in the cache ${this.dir} (${describeFsError(error)}); reading goes on without it.`);
      }
      throw error;
    }
    // Other kiosques' writes count too: the ledger is read again when one wrote (one stat tells).
    const size = await this.ledger.refresh();
    if (size > this.maxBytes) {
      this.pruning ??= this.prune(Math.floor(this.maxBytes * PRUNE_TO)).finally(() => (this.pruning = undefined));
      await this.pruning;
    }
  }

  /**
   * Puts `data` in place as `file`, telling `count` what it adds and what it displaces. The entry
   * it replaces is first claimed (renamed aside) and only then the new one linked in, which fails
   * if another kiosque put one there meanwhile (then that one is claimed in turn): each entry that
   * goes is subtracted by exactly one writer, and the ledger stays right with two kiosques writing
   * the same address. No fsync: an entry torn by a power cut fails its checksum and is fetched again.
   */
  private async replace(file: string, data: Buffer, count: (bytes: number) => void): Promise<void> {
    const temp = tempOf(file);
    await writeNew(temp, data);
    try {
      for (let attempt = 0; ; attempt++) {
        count(-(await this.claim(file)));
        try {
          await link(temp, file);
          break;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (code === 'EEXIST' && attempt < 10) continue;
          if (!NO_LINKS.has(code)) throw error;
        }
        // No hard links here: a rename, which replaces silently what another kiosque put there meanwhile
        // (a race of microseconds, counted as if it had not happened; the next listing makes it right).
        await rename(temp, file);
        break;
      }
      count(data.length);
    } finally {
      // Linked: its other name goes. Not: the file written goes, uncounted (a crash before this leaves
      // it as an unfinished write, which the rebuilt ledger counts and a listing sweeps once old).
      await unlink(temp).catch(() => {});
    }
  }

  /**
   * Takes `file` away (renamed aside, then removed) and returns its size: 0 when there is none, or
   * another kiosque took it first. The size is that of the very file taken, whoever wrote it.
   */
  private async claim(file: string): Promise<number> {
    const aside = tempOf(file);
    try {
      await rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let size: number;
    try {
      size = (await lstat(aside)).size;
    } catch {
      // Taken, and its size unknown: the ledger is rebuilt by the next start.
      this.ledger.doubt();
      return 0;
    }
    try {
      await unlink(aside);
    } catch {
      // Still there under its other name (counted by a listing as an unfinished write): the ledger is rebuilt by the next start.
      this.ledger.doubt();
    }
    return size;
  }

  /**
   * Keeps `value` as what was derived of kind `kind` from the body stored for `url`,
   * if that body is still the one with digest `bodySha1` (another process may have
   * replaced it meanwhile, and a derivation belongs to its bytes only).
   */
  async derive(url: string, bodySha1: string, kind: string, value: unknown): Promise<void> {
    let found: ReturnType<DiskCache['read']>;
    try {
      found = this.read(url, false, true);
    } catch {
      return;
    }
    const { entry } = found;
    if (!entry || sha1(entry.body) !== bodySha1) return;
    await this.put({ ...entry, derived: { ...entry.derived, [kind]: value } });
  }

  /** What the cache takes on disk; sweeps what dead writers left on the way (the first listing of a run). */
  private async listedBytes(): Promise<number> {
    const { entries, unfinished } = await listCacheFiles(this.dir);
    const kept = await sweepUnfinished(unfinished);
    return [...entries, ...kept].reduce((sum, file) => sum + file.size, 0);
  }

  /**
   * Drops what dead writers left, then least-recently-used entries until the cache fits in
   * `maxBytes`. The one place besides a rebuilt ledger where the cache is listed (the order of
   * use is known only from the files): the listing sets the ledger right on the way.
   */
  async prune(maxBytes = this.maxBytes, { ledgerWrong = false } = {}): Promise<number> {
    const mark = await this.ledger.beforeListing();
    const listed = await listCacheFiles(this.dir);
    const unfinished = await sweepUnfinished(listed.unfinished);
    const files = listed.entries;
    let total = [...files, ...unfinished].reduce((sum, file) => sum + file.size, 0);
    // Set right on the way; a ledger known to be wrong that cannot be set right now (others are
    // writing) is left open, and rebuilt by the next start.
    if (!(await this.ledger.listed(total, mark)) && ledgerWrong) this.ledger.doubt();
    if (total <= maxBytes) return 0;
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let removed = 0;
    await this.ledger.change(async (count) => {
      for (const file of files) {
        if (total <= maxBytes) break;
        // Claimed, not unlinked by name: what goes is what another kiosque may have just put there, and counted as such.
        const size = await this.claim(file.path);
        count(-size);
        total -= file.size;
        if (size > 0) removed++;
      }
    });
    return removed;
  }

  async info(): Promise<CacheInfo> {
    await checkFolder(this.dir);
    const { entries, unfinished } = await listCacheFiles(this.dir);
    return {
      dir: this.dir,
      entries: entries.length,
      bytes: [...entries, ...unfinished].reduce((sum, file) => sum + file.size, 0),
      maxBytes: this.maxBytes,
      unfinished: unfinished.length,
    };
  }

  /** Removes what kiosque wrote in the folder and nothing else (see cache-folder.ts clearFolder). */
  async clear(): Promise<{ removed: number; leftAlone: number }> {
    const result = await clearFolder(this.dir);
    await this.ledger.forget();
    return result;
  }

  /** A damaged entry is moved aside (kept for inspection, not counted in the cache's size), never served. */
  private async quarantine(file: string, url: string): Promise<void> {
    const aside = setAsideDirOf(this.dir);
    const target = path.join(aside, `${path.basename(file)}.${Date.now()}`);
    try {
      await mkdir(aside, { recursive: true });
      await this.ledger.change(async (count) => {
        await rename(file, target);
        const size = await lstat(target).then(
          (info) => info.size,
          () => undefined,
        );
        if (size === undefined) this.ledger.doubt();
        else count(-size);
      });
      // What the ledger counted for it was the entry as written, not the damaged file: a listing sets it right.
      await this.prune(this.maxBytes, { ledgerWrong: true });
      this.onWarning(`A damaged cache entry for ${displayUrl(url)} was set aside in ${aside}; the page will be fetched again.`);
    } catch {
      // Another process moved it first; nothing is lost either way.
    }
  }

  /** The cache's size as its ledger keeps it (other kiosques' writes included), without listing it. */
  async size(): Promise<number> {
    return this.ledger.refresh();
  }

  /** Says in the ledger that this process is done writing (also done at exit; see cache-ledger.ts). */
  close(): void {
    this.ledger.close();
  }
}

/** Writes a file that must not exist yet, making its shard folder on first need (one mkdir per shard, not per write). */
async function writeNew(file: string, data: Buffer): Promise<void> {
  let handle;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true });
    handle = await open(file, 'wx');
  }
  try {
    await handle.writeFile(data);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(file).catch(() => {});
    throw error;
  }
  await handle.close();
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

export function bodyDigest(bytes: Buffer): string {
  return sha1(bytes);
}

const isDecoded = (value: unknown): value is BodyDecoding =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>)['charset'] === 'string' &&
  typeof (value as Record<string, unknown>)['contentType'] === 'string';
