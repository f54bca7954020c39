import { createHash } from 'node:crypto';
import { closeSync, fstatSync, futimesSync, openSync, readSync } from 'node:fs';
import type CachePolicy from 'http-cache-semantics';
import { KiosqueError } from '../errors.js';
import { ENTRY_MAGIC as MAGIC } from './cache-folder.js';

/**
 * One cache entry's file, as read back: a header line of JSON (the cache policy, a checksum of the
 * body, what was derived from it) and the raw body bytes after it (see cache.ts for the writing).
 */
export interface EntryHeader {
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
  /**
   * How the body decodes (net/charset.ts decodeLater), for the Content-Type it was decoded under:
   * a body known to be UTF-8 is left on disk until its bytes or its text are asked for.
   */
  decoded?: BodyDecoding;
}

/** How a body decodes: its charset, for the Content-Type it was decoded under. */
export interface BodyDecoding {
  charset: string;
  contentType: string;
}

/** An entry read: its header, and its body, or how to read it when asked for (`bodyLater`). */
export interface EntryRead {
  header: EntryHeader;
  /** The body, read with the header and checked. */
  body?: Buffer;
  /**
   * The body left on disk (a header that says it decodes as UTF-8): read and checked on first call; throws
   * CACHE_CHANGED if the entry no longer holds it, after calling `onDamaged` if the file is damaged.
   */
  bodyLater?: (onDamaged: () => void) => Buffer;
}

/** What is read of an entry at first: its header nearly always (a feed's 30 kept headlines take some 25 KB). */
const FIRST_READ = 32 * 1024;
/** The shared buffer is kept between reads up to this size. */
const KEPT_SCRATCH = 1024 * 1024;

/**
 * Entries are read into this one buffer, grown as needed: only the header is kept from it (as a
 * string), and a body that came with it is copied out. Each entry read into a buffer of its own,
 * whole, made 6.5 MB of fresh memory for a reload of 100 feeds, the 4.2 MB of their bodies never
 * used when the feeds answer 304: some 1,600 page faults, a costly thing in a virtual machine.
 */
let scratch: Buffer | undefined;

/**
 * An entry's file, header first, read synchronously (open, size, read, close), and with `touch` its
 * time set to now (futimes, on the open file). An entry is a few tens of KB, in the page cache nearly
 * always: read through the thread pool, each of these steps was a round trip of its own. The body is
 * read with it only when the header says nothing of how the body decodes, or the file is small enough
 * to come whole in the first read; `wholeBody` asks for it in every case.
 */
export function readEntry(file: string, touch: boolean, wholeBody = false): EntryRead | undefined {
  const fd = openSync(file, 'r');
  let size: number;
  let filled = 0;
  let headerEnd = -1;
  let header: EntryHeader | undefined;
  try {
    size = fstatSync(fd).size;
    for (let want = Math.min(size, FIRST_READ); ;) {
      if (!scratch || scratch.length < want) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(want, FIRST_READ));
        if (scratch && filled > 0) scratch.copy(bigger, 0, 0, filled);
        scratch = bigger;
      }
      const before = filled;
      while (filled < want) {
        const count = readSync(fd, scratch, filled, want - filled, filled);
        if (count === 0) break;
        filled += count;
      }
      // Cut short (the file shrank under us): the length check below tells it is not whole.
      if (filled < want) break;
      if (headerEnd < 0) {
        headerEnd = scratch.subarray(0, filled).indexOf(0x0a, Math.max(MAGIC.length, before));
        if (headerEnd >= 0) {
          header = parseHeader(scratch, headerEnd);
          if (!header) break;
        }
      }
      // The body is read with the header when asked for, or when how it decodes is not known (decided from its bytes).
      const bodyNow = wholeBody || (header !== undefined && header.decoded?.charset !== 'UTF-8');
      if (filled >= size || (header && !bodyNow)) break;
      want = header ? size : Math.min(size, want * 2);
    }
    if (touch) {
      const now = new Date();
      try {
        futimesSync(fd, now, now);
      } catch {
        // Not marked used (a read-only cache): evicted a little sooner, nothing more.
      }
    }
  } finally {
    closeSync(fd);
  }
  const read = scratch;
  // A page of megabytes read whole is not kept in the shared buffer for the rest of the session.
  if (scratch && scratch.length > KEPT_SCRATCH) scratch = undefined;
  if (!header || !read) return undefined;
  const bodyStart = headerEnd + 1;
  // Cut short or grown (a torn write, or altered): the length tells before any body is read.
  if (size - bodyStart !== header.bodyLength) return undefined;
  if (filled === size) {
    // Come whole: checked now, and copied out of the shared buffer.
    const body = Buffer.from(read.subarray(bodyStart, filled));
    return sha1(body) === header.bodySha1 ? { header, body } : undefined;
  }
  let body: Buffer | undefined;
  let failure: KiosqueError | undefined;
  const known = header;
  const bodyLater = (onDamaged: () => void) => {
    if (failure !== undefined) throw failure;
    try {
      return (body ??= readBody(file, known, onDamaged));
    } catch (error) {
      failure = error instanceof KiosqueError ? error : new KiosqueError('CACHE_CHANGED', String(error), { cause: error });
      throw failure;
    }
  };
  return { header, bodyLater };
}

/** The header of an entry read into `bytes`, ending at `headerEnd`; undefined if it is not one. */
function parseHeader(bytes: Buffer, headerEnd: number): EntryHeader | undefined {
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.toString('utf8', MAGIC.length, headerEnd)) as EntryHeader;
  } catch {
    return undefined;
  }
  if (!header || header.format !== 1 || typeof header.url !== 'string' || typeof header.policy !== 'object') return undefined;
  if (typeof header.bodyLength !== 'number' || typeof header.bodySha1 !== 'string') return undefined;
  return header;
}

/**
 * A body left on disk, read now: the very bytes the header read earlier describes (its checksum). The
 * entry is read again whole, as it is now: another kiosque may have put it back in the meantime with the
 * same body under another header (a reading of its own), which serves as well. Otherwise (replaced by
 * another copy, removed by eviction, damaged) it throws a CACHE_CHANGED KiosqueError naming the address,
 * not the file; the entry is left where it is, for the next look-up to judge as it judges any.
 */
function readBody(file: string, header: EntryHeader, onDamaged: () => void): Buffer {
  let now: EntryRead | undefined;
  let there = true;
  try {
    now = readEntry(file, false, true);
  } catch {
    there = false; // Gone (evicted) or unreadable: said below.
  }
  if (now?.body && now.header.bodySha1 === header.bodySha1) return now.body;
  // There, but no entry as it stands (torn, altered): the caller sets it aside, as any look-up would.
  if (there && !now) onDamaged();
  throw new KiosqueError(
    'CACHE_CHANGED',
    `The cached copy of ${header.url} changed while it was in use (another kiosque, or the cache's clean-up); reading it again fetches it anew.`,
    { url: header.url },
  );
}

export function sha1(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}
