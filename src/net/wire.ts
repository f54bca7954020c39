import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { KiosqueError } from '../errors.js';
import { displayUrl, hostOf, isWebUrl } from '../text/url.js';

/**
 * The request itself, on node:http: one GET, its redirects, its decompression, its size cap, its
 * deadline and one retry of a transient failure. What got did for kiosque, without its start-up:
 * loading got (http2-wrapper, node:http2, tls, its option machinery) took 100–370 ms of a reload
 * of 100 feeds, on the path of the first request, and its per-request work 5–10 times node:http's.
 * The cache rules are not here (http-cache-semantics, in client.ts).
 */

export interface WireResponse {
  statusCode: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Where redirects ended. */
  url: string;
}

export interface WireOptions {
  headers: Record<string, string>;
  /** For the whole of one attempt: connection, answer and body. */
  timeoutMs: number;
  maxBytes: number;
  /** Which redirect targets this request may follow (besides the rules of every request). */
  mayFollow?: ((target: string) => boolean) | undefined;
}

/** A failure of the request, with where it was when it failed (after redirects). */
export interface WireError extends Error {
  code?: string;
  failedAt?: string;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Answers worth one more try, as got retried them. */
const RETRY_STATUSES = new Set([408, 429, 502, 503, 504]);
// Refused connections and unknown hosts are not transient: retrying only delays the message.
const RETRY_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN']);
const RETRY_DELAY_MS = 1_000;
/** A Retry-After longer than this is not waited for: the answer stands. */
const MAX_RETRY_AFTER_MS = 2_000;

// Kept-alive connections, no limit across hosts (client.ts keeps each host to a few requests at once).
// Idle sockets are unreferenced by Node: they never keep kiosque running.
const httpAgent = new http.Agent({ keepAlive: true });

/**
 * node:https (with node:tls) and node:zlib, loaded on first need: a reload whose feeds are all on
 * http, or all answer 304 (no body to decompress), loads neither (some 20 ms of its start).
 */
const requireBuiltin = createRequire(import.meta.url);
let secure: { client: typeof import('node:https'); agent: import('node:https').Agent } | undefined;
function secureClient() {
  if (!secure) {
    const https = requireBuiltin('node:https') as typeof import('node:https');
    secure = { client: https, agent: new https.Agent({ keepAlive: true }) };
  }
  return secure;
}
let zlibLoaded: typeof import('node:zlib') | undefined;
const zlib = () => (zlibLoaded ??= requireBuiltin('node:zlib') as typeof import('node:zlib'));

/** GETs `url`, following redirects; answers of every status are returned, failures thrown (WireError or KiosqueError). */
export async function get(url: string, options: WireOptions): Promise<WireResponse> {
  for (let attempt = 0; ; attempt++) {
    let response: WireResponse;
    try {
      response = await followRedirects(url, options);
    } catch (error) {
      const code = (error as WireError).code ?? '';
      if (attempt === 0 && RETRY_ERRORS.has(code)) {
        await delay(RETRY_DELAY_MS);
        continue;
      }
      throw error;
    }
    if (attempt === 0 && RETRY_STATUSES.has(response.statusCode)) {
      const wait = retryAfter(response.headers['retry-after']);
      if (wait <= MAX_RETRY_AFTER_MS) {
        await delay(wait);
        continue;
      }
    }
    return response;
  }
}

async function followRedirects(url: string, options: WireOptions): Promise<WireResponse> {
  let current = new URL(url);
  // The user's credentials, given with the address: sent as Basic authorization to that host only.
  let authorization = current.username || current.password ? basic(current) : undefined;
  for (let redirects = 0; ; redirects++) {
    const response = await once(current, authorization, options);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode) || !location) return response;
    if (redirects >= MAX_REDIRECTS) throw wireError('ERR_TOO_MANY_REDIRECTS', 'Redirected more than 10 times', current.href);
    let target: URL;
    try {
      target = new URL(location, current);
    } catch {
      throw new KiosqueError('BAD_URL', 'The server redirected to an address that is not one.');
    }
    if (!isWebUrl(target.href)) {
      throw new KiosqueError('BAD_URL', `The server redirected to a ${target.protocol} address, which kiosque does not follow.`);
    }
    if (options.mayFollow && !options.mayFollow(target.href)) {
      throw new KiosqueError('REDIRECTS', `${hostOf(url)} redirected to ${displayUrl(target.href)}, which this fetch may not follow.`, {
        url,
      });
    }
    // Credentials are for the host they were given with, and never go in clear text: a redirect to another
    // host, or from https down to http, goes without them.
    if (target.host !== current.host || (current.protocol === 'https:' && target.protocol === 'http:')) authorization = undefined;
    current = target;
  }
}

/** One request and its whole answer, decompressed, within the deadline and the size cap. */
function once(url: URL, authorization: string | undefined, options: WireOptions): Promise<WireResponse> {
  const target = new URL(url.href);
  target.username = '';
  target.password = '';
  target.hash = '';
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br', ...options.headers };
  if (authorization) headers['authorization'] = authorization;
  const { client, agent } = target.protocol === 'https:' ? secureClient() : { client: http, agent: httpAgent };
  return new Promise<WireResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: WireResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        request.destroy();
        (error as WireError).failedAt ??= url.href;
        reject(error);
      } else resolve(response!);
    };
    const request = client.get(target, { headers, agent }, (response) => {
      read(response, options.maxBytes, url.href).then(
        (body) =>
          finish(undefined, {
            statusCode: response.statusCode ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers: response.headers,
            body,
            url: url.href,
          }),
        (error: Error) => finish(error),
      );
    });
    const timer = setTimeout(
      () => finish(wireError('ETIMEDOUT', `Timeout awaiting the answer for ${options.timeoutMs} ms`, url.href)),
      options.timeoutMs,
    );
    request.on('error', (error) => finish(error));
  });
}

/** The body, decompressed as labelled; stops at `maxBytes` (TOO_LARGE), compressed or not. */
function read(response: IncomingMessage, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge(url, maxBytes));
  }
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  // As got did (decompress-response): zlib's defaults, so a compressed body cut short is an error, not a page.
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate'
      ? zlib().createUnzip()
      : encoding === 'br'
        ? zlib().createBrotliDecompress()
        : undefined;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error) => {
      if (done) return;
      done = true;
      response.destroy();
      decoder?.destroy();
      reject(error);
    };
    const take = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return fail(tooLarge(url, maxBytes));
      chunks.push(chunk);
    };
    const end = () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    // A connection broken in the middle of the body is said as the server breaking it off.
    response.on('aborted', () => fail(wireError('ECONNRESET', 'The connection was broken off', url)));
    response.on('error', (error) => fail(error));
    const source = decoder ? response.pipe(decoder) : response;
    if (decoder) decoder.on('error', (error) => fail(error));
    source.on('data', take);
    source.on('end', () => {
      if (!response.complete) return fail(wireError('ECONNRESET', 'The connection was broken off', url));
      end();
    });
  });
}

function tooLarge(url: string, maxBytes: number): KiosqueError {
  return new KiosqueError('TOO_LARGE', `${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; kiosque stopped reading it.`, {
    url,
  });
}

function wireError(code: string, message: string, failedAt: string): WireError {
  const error: WireError = new Error(message);
  error.code = code;
  if (code === 'ETIMEDOUT') error.name = 'TimeoutError';
  error.failedAt = failedAt;
  return error;
}

function basic(url: URL): string {
  return `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
}

/** Retry-After in ms (seconds or a date); the usual back-off when there is none. */
function retryAfter(value: string | undefined): number {
  if (!value) return RETRY_DELAY_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? RETRY_DELAY_MS : Math.max(0, date - Date.now());
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
