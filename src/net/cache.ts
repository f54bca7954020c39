import { createHash, scryptSync } from 'node:crypto';
import { mkdir, readFile, rename, utimes, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
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

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

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

  private fileFor(url: string): string {
    // An address without credentials keys as it always did (entries of earlier versions still serve);
    // one with credentials keys on its digest of them, never on the password itself.
    const { address, account } = identity(url);
    const key = createHash('sha256')
      .update(account ? `${address}\n${account}` : address)
      .digest('hex');
    return path.join(entriesDirOf(this.dir), key.slice(0, 2), `${key}.entry`);
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
      if (!this.tagged) {
        this.tagged = true;
        await tagFolder(this.dir);
      }
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

  /** What the cache takes on disk; sweeps what dead writers left on the way (the first listing of a run). */
  private async listedBytes(): Promise<number> {
    const { entries, unfinished } = await listCacheFiles(this.dir);
    const kept = await sweepUnfinished(unfinished);
    return [...entries, ...kept].reduce((sum, file) => sum + file.size, 0);
  }

  /** Drops what dead writers left, then least-recently-used entries until the cache fits in `maxBytes`. */
  async prune(maxBytes = this.maxBytes): Promise<number> {
    const listed = await listCacheFiles(this.dir);
    const unfinished = await sweepUnfinished(listed.unfinished);
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
    this.knownBytes = undefined;
    return result;
  }

  /** A damaged entry is moved aside (kept for inspection), never served. */
  private async quarantine(file: string, url: string): Promise<void> {
    const aside = setAsideDirOf(this.dir);
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
