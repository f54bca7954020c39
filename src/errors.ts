import { displayUrl, hideCredentials } from './text/url.js';

/**
 * Every failure a user can cause or meet (bad arguments, dead hosts, pages we
 * cannot read) is a KiosqueError with a stable `code`, a plain-words message,
 * the URL concerned and the underlying `cause`. The command line maps codes to
 * exit statuses; the screen shows the message. Anything else is a bug.
 */
export type ErrorCode =
  | 'USAGE'
  | 'BAD_URL'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'HTTP_STATUS'
  | 'TOO_LARGE'
  | 'REDIRECTS'
  | 'OFFLINE_MISS'
  | 'NOT_HTML'
  | 'NO_ARTICLE'
  | 'BAD_FEED'
  | 'NO_FEED'
  /** The parser gave up on it: out of memory, past its deadline or nested too deeply (src/work/pool.ts). */
  | 'TOO_COMPLEX'
  /** A cached body left on disk was replaced or removed (another kiosque, eviction) before it was used: read again. */
  | 'CACHE_CHANGED'
  | 'CONFIG';

/**
 * Said here, where every failure passes: the message and the URL of an error never carry the
 * credentials of an address (http://alice:secret@host/ is shown as http://host/), whichever
 * layer wrote the message and whatever a library put in it.
 */
export class KiosqueError extends Error {
  override name = 'KiosqueError';
  readonly code: ErrorCode;
  readonly url: string | undefined;

  constructor(code: ErrorCode, message: string, options: { url?: string; cause?: unknown } = {}) {
    super(hideCredentials(message), { cause: options.cause });
    this.code = code;
    this.url = options.url === undefined ? undefined : displayUrl(options.url);
  }
}

export function isKiosqueError(error: unknown): error is KiosqueError {
  return error instanceof KiosqueError;
}

/** Exit statuses of the command line, one per family of failure. */
export const EXIT = { ok: 0, internal: 1, usage: 2, network: 3, unreadable: 4 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'CONFIG':
      return EXIT.usage;
    case 'NOT_HTML':
    case 'NO_ARTICLE':
    case 'BAD_FEED':
    case 'NO_FEED':
    case 'TOO_COMPLEX':
      return EXIT.unreadable;
    default:
      return EXIT.network;
  }
}

/** A file-system failure in words a reader can act on. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'the folder is not writable';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where the folder should be';
    case 'ELOCKED':
      return 'another kiosque is holding the file';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
