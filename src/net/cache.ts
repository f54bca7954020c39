import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type CachePolicy from 'http-cache-semantics';
import { describeFsError } from '../errors.js';

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
  url: string;
  finalUrl: string;
  policy: CachePolicy.CachePolicyObject;
  storedAt: number;
  bodyLength: number;
  bodySha1: string;
  derived?: Record<string, unknown>;
}

export interface CacheInfo {
  dir: string;
  entries: number;
  bytes: number;
  maxBytes: number;
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

  constructor(dir: string, options: DiskCacheOptions = {}) {
    this.dir = dir;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.onWarning = options.onWarning ?? (() => {});
  }

  private entriesDir(): string {
    return path.join(this.dir, 'entries');
  }

  private fileFor(url: string): string {
    const key = createHash('sha256').update(url).digest('hex');
    return path.join(this.entriesDir(), key.slice(0, 2), `${key}.entry`);
  }

  async get(url: string): Promise<StoredResponse | undefined> {
    const file = this.fileFor(url);
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch {
      return undefined;
    }
    const entry = parseEntry(raw);
    if (!entry || entry.url !== url) {
      await this.quarantine(file, url);
      return undefined;
    }
    // Reading refreshes the entry's place in the least-recently-used order.
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
    return entry;
  }

  async put(entry: Omit<StoredResponse, 'storedAt'> & { storedAt?: number }): Promise<void> {
    const header: EntryHeader = {
      format: 1,
      url: entry.url,
      finalUrl: entry.finalUrl,
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
    let raw: Buffer;
    try {
      raw = await readFile(this.fileFor(url));
    } catch {
      return;
    }
    const entry = parseEntry(raw);
    if (!entry || entry.url !== url || sha1(entry.body) !== bodySha1) return;
    await this.put({ ...entry, derived: { ...entry.derived, [kind]: value } });
    // put counted the new file; the one it replaced is gone.
    if (this.knownBytes !== undefined) this.knownBytes -= raw.length;
  }

  private async listedBytes(): Promise<number> {
    return (await this.listEntries()).reduce((sum, file) => sum + file.size, 0);
  }

  /** Drops least-recently-used entries until the cache fits in `maxBytes`. */
  async prune(maxBytes = this.maxBytes): Promise<number> {
    const files = await this.listEntries();
    let total = files.reduce((sum, file) => sum + file.size, 0);
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
    const files = await this.listEntries();
    return {
      dir: this.dir,
      entries: files.length,
      bytes: files.reduce((sum, file) => sum + file.size, 0),
      maxBytes: this.maxBytes,
    };
  }

  async clear(): Promise<number> {
    const { entries } = await this.info();
    await rm(this.entriesDir(), { recursive: true, force: true });
    return entries;
  }

  private async listEntries(): Promise<Array<{ path: string; size: number; mtimeMs: number }>> {
    const out: Array<{ path: string; size: number; mtimeMs: number }> = [];
    let shards: string[];
    try {
      shards = await readdir(this.entriesDir());
    } catch {
      return out;
    }
    for (const shard of shards) {
      const shardDir = path.join(this.entriesDir(), shard);
      let names: string[];
      try {
        names = await readdir(shardDir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (!name.endsWith('.entry')) continue;
        const file = path.join(shardDir, name);
        try {
          const info = await stat(file);
          out.push({ path: file, size: info.size, mtimeMs: info.mtimeMs });
        } catch {
          // Removed by another process meanwhile.
        }
      }
    }
    return out;
  }

  /** A damaged entry is moved aside (kept for inspection), never served. */
  private async quarantine(file: string, url: string): Promise<void> {
    const aside = path.join(this.dir, 'corrupt');
    try {
      await mkdir(aside, { recursive: true });
      await rename(file, path.join(aside, `${path.basename(file)}.${Date.now()}`));
      this.onWarning(`A damaged cache entry for ${url} was set aside in ${aside}; the page will be fetched again.`);
    } catch {
      // Another process moved it first; nothing is lost either way.
    }
  }
}

function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function parseEntry(raw: Buffer): StoredResponse | undefined {
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
  return { url: header.url, finalUrl: header.finalUrl, policy: header.policy, storedAt: header.storedAt, body, ...derived };
}

export function bodyDigest(bytes: Buffer): string {
  return sha1(bytes);
}
