import CachePolicy from 'http-cache-semantics';
import pLimit, { type LimitFunction } from 'p-limit';
import { KiosqueError } from '../errors.js';
import { USER_AGENT } from '../version.js';
import { bodyDigest, type DiskCache, type StoredResponse } from './cache.js';
import { decodeLater } from './charset.js';
import { describeNetworkError } from './describe-error.js';
import { get, type WireError, type WireResponse } from './wire.js';
import { displayUrl, hostOf, isWebUrl } from '../text/url.js';

export interface FetchedResource {
  /** The URL asked for. */
  url: string;
  /** Where redirects ended, without credentials (displayUrl): it is shown, and links are resolved against it. */
  finalUrl: string;
  status: number;
  contentType: string;
  bytes: Buffer;
  /** The body decoded (decoded on first use). */
  readonly text: string;
  charset: string;
  /** Served from the disk cache without a full download. */
  fromCache: boolean;
  /** The copy is older than its freshness lifetime and could not be revalidated. */
  stale: boolean;
  /** What was derived from these very bytes before and kept with them in the cache, by kind (see HttpClient.derive). */
  derived: Record<string, unknown>;
}

export interface HttpClientOptions {
  cache?: DiskCache;
  /** Read only from the cache; never touch the network. */
  offline?: boolean;
  /** Upper bound for one resource, retries included. */
  timeoutMs?: number;
  maxBytes?: number;
  perHostConcurrency?: number;
}

export interface FetchOptions {
  /**
   * Ask the server even when the cached copy is still fresh (a conditional request when the
   * copy has validators, a full one otherwise): the reader's "reload", which a feed served
   * with a year-long max-age must not defeat. Offline, the cache still answers.
   */
  revalidate?: boolean;
  /**
   * Which redirect targets this fetch may follow (besides the rules of every fetch). Reading
   * ahead passes its own rule here, so that a link on the page's site cannot send the reader,
   * by a redirect, where the link itself could not (another site, the local network).
   */
  mayFollow?: (target: string) => boolean;
  /**
   * What to keep with a body just downloaded (or revalidated), worked out before it is written, so
   * that the cache writes it once, body and reading together (see `derive`, which writes it again).
   * Handed the resource as it will be returned; resolves to the kinds to add to its `derived`.
   */
  keep?: (resource: FetchedResource) => Promise<Record<string, unknown>>;
  /**
   * Told, before the request goes out, that there is no cached copy at all: a full body is coming,
   * and whatever `keep` needs (parser processes) can get ready while the server answers.
   */
  onUncached?: () => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * How long a request keeps its place among a host's few at once while the server has not
 * answered: then the next request to that host starts beside it. A host's silent feed holds
 * back the others of that host a second at most, never until its timeout.
 */
export const SLOT_PATIENCE_MS = 1_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const ACCEPT =
  'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5';

/**
 * The one HTTP client of kiosque: wire.ts for the request (timeouts, one retry of a transient
 * failure, redirects, decompression, size cap) and http-cache-semantics for the rules of
 * the disk cache (freshness, conditional revalidation, 304s).
 */
export class HttpClient {
  readonly offline: boolean;
  private readonly cache: DiskCache | undefined;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly perHostConcurrency: number;
  private readonly inFlight = new Map<string, Promise<FetchedResource>>();
  private readonly hostLimits = new Map<string, LimitFunction>();

  constructor(options: HttpClientOptions = {}) {
    this.cache = options.cache;
    this.offline = options.offline ?? false;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.perHostConcurrency = options.perHostConcurrency ?? 4;
  }

  /**
   * Keeps `value` with the cached copy of `resource`, as what was derived of kind
   * `kind` from its body (e.g. the headlines of a feed): the next fetch that serves
   * the same bytes hands it back in `derived`. Best effort: a cache that cannot be
   * written only means deriving again next time.
   */
  async derive(resource: FetchedResource, kind: string, value: unknown): Promise<void> {
    if (!this.cache) return;
    await this.cache.derive(resource.url, bodyDigest(resource.bytes), kind, value).catch(() => {});
  }

  /** Fetches a URL through the cache. Concurrent calls for one URL (and the same `revalidate`) share one fetch. */
  fetch(url: string, options: FetchOptions = {}): Promise<FetchedResource> {
    const revalidate = options.revalidate ?? false;
    const { mayFollow, keep } = options;
    let normalized: string;
    try {
      normalized = normalizeUrl(url);
    } catch (error) {
      // normalizeUrl throws a KiosqueError (BAD_URL); a bug would be an Error too.
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    // A reload does not join a cache-first fetch already under way: that one may answer from a fresh copy.
    // Nor does a fetch that may follow any redirect join one that may not (its refusal is not the page's).
    // One that keeps a reading with the body does not join one that does not (its body would be written without it).
    const key = `${revalidate ? 'revalidate ' : ''}${mayFollow ? 'guarded ' : ''}${keep ? 'keeping ' : ''}${normalized}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    // The cache answers without waiting for the host's turn: only requests that go out take one.
    const task = this.fetchThroughCache(normalized, revalidate, mayFollow, keep, options.onUncached).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, task);
    return task;
  }

  private async fetchThroughCache(
    url: string,
    revalidate: boolean,
    mayFollow?: (target: string) => boolean,
    keep?: FetchOptions['keep'],
    onUncached?: () => void,
  ): Promise<FetchedResource> {
    // As the cache policy knows the request (and keeps it, in the cache folder): without credentials.
    const request = { url: displayUrl(url), method: 'GET', headers: { accept: ACCEPT } };
    // A caller that keeps readings of bodies (a feed's headlines) seldom needs the body itself: left on disk until used.
    const cached = await this.cache?.get(url, { bodyLater: keep !== undefined });
    const policy = cached ? CachePolicy.fromObject(cached.policy) : undefined;

    if (cached && !revalidate && policy?.satisfiesWithoutRevalidation(request)) {
      return fromStored(url, cached, policy, { stale: false });
    }
    if (this.offline) {
      if (cached && policy) return fromStored(url, cached, policy, { stale: policy.stale() });
      throw new KiosqueError('OFFLINE_MISS', `Offline, and ${url} is not in the cache.`, { url });
    }

    if (!cached) onUncached?.();
    const headers = policy ? (policy.revalidationHeaders(request) as Record<string, string>) : request.headers;
    let response: WireResponse;
    try {
      response = await this.download(url, headers, mayFollow);
    } catch (error) {
      // The network failed: an old copy is better than nothing, marked as such.
      if (cached && policy && !(error instanceof KiosqueError && error.code === 'TOO_LARGE')) {
        return fromStored(url, cached, policy, { stale: true });
      }
      throw error;
    }

    const responseForPolicy = { status: response.statusCode, headers: response.headers };
    if (response.statusCode === 304 && !('if-none-match' in headers || 'if-modified-since' in headers)) {
      // "Not modified" since nothing: the request named no copy to compare with. Not a page, but a
      // server error, and like one (a 5xx) it leaves an old copy standing, marked as such.
      if (cached && policy) return fromStored(url, cached, policy, { stale: true });
      throw new KiosqueError(
        'HTTP_STATUS',
        `${hostOf(response.url)} answered 304 Not Modified for ${url}, but the request named no copy to compare with: a server error.`,
        { url },
      );
    }
    if (cached && policy && response.statusCode === 304) {
      const { policy: updated } = policy.revalidatedPolicy(request, responseForPolicy);
      const resource = await fromStored(url, cached, updated, { stale: false });
      const added = await keptWith(resource, keep);
      // Same bytes: what was derived from them still holds. Written again only if that tells a later run
      // something new: a lifetime to serve it without asking, other validators, a new reading. A feed
      // answering `max-age=0` and the same ETag (most reloads) costs no write.
      const changed =
        Object.keys(added).length > 0 ||
        // Kept by an earlier version, without how its body decodes: written once more with it, so that later 304s leave the body on disk.
        cached.decoded === undefined ||
        updated.timeToLive() > 0 ||
        JSON.stringify(updated.revalidationHeaders(request)) !== JSON.stringify(policy.revalidationHeaders(request));
      if (changed) await this.store(url, cached.finalUrl, updated, () => cached.body, resource.derived, decodedOf(resource));
      return resource;
    }
    if (response.statusCode >= 400) {
      if (cached && policy && response.statusCode >= 500) {
        return fromStored(url, cached, policy, { stale: true });
      }
      throw new KiosqueError(
        'HTTP_STATUS',
        `The server answered ${response.statusCode}${response.statusMessage ? ` ${response.statusMessage}` : ''} for ${url}.`,
        { url },
      );
    }
    const finalUrl = displayUrl(response.url);
    const newPolicy = new CachePolicy(request, responseForPolicy, { shared: false });
    const resource = await toResource(url, finalUrl, response.statusCode, String(response.headers['content-type'] ?? ''), response.body, {
      fromCache: false,
      stale: false,
      derived: {},
    });
    // Pages without validators or lifetimes are still kept: reading offline and going back need them.
    if (response.statusCode === 200) {
      await keptWith(resource, keep);
      await this.store(url, finalUrl, newPolicy, () => response.body, resource.derived, decodedOf(resource));
    }
    return resource;
  }

  /** Runs a request among its host's few at once (politeness), giving its place up after SLOT_PATIENCE_MS without an answer. */
  private inHostTurn<T>(url: string, work: () => Promise<T>): Promise<T> {
    const host = new URL(url).host;
    let limit = this.hostLimits.get(host);
    if (!limit) {
      limit = pLimit(this.perHostConcurrency);
      this.hostLimits.set(host, limit);
    }
    let running: Promise<T> | undefined;
    const turn = limit(
      () =>
        new Promise<void>((release) => {
          running = work();
          const timer = setTimeout(release, SLOT_PATIENCE_MS);
          // The request itself keeps the process alive as long as it must; this timer never does.
          timer.unref();
          const done = () => {
            clearTimeout(timer);
            release();
          };
          running.then(done, done);
        }),
    );
    return turn.then(() => running!);
  }

  private async store(
    url: string,
    finalUrl: string,
    policy: CachePolicy,
    body: () => Buffer,
    derived: Record<string, unknown>,
    decoded: StoredResponse['decoded'],
  ): Promise<void> {
    if (!this.cache) return;
    try {
      const kept = Object.keys(derived).length > 0 ? { derived } : {};
      // The body of a 304 is the cached one, read from disk only now (it throws if that copy is gone or damaged: nothing written).
      await this.cache.put({ url, finalUrl, policy: policy.toObject(), body: body(), decoded, ...kept });
    } catch {
      // A read-only or full disk must not stop reading: the page is still shown.
    }
  }

  /**
   * The request itself, at most `perHostConcurrency` at once per host (politeness to one site), and
   * no limit across hosts: feeds on a hundred sites are asked at once, and a slow site holds up only
   * its own requests. Only the request waits its turn, not the cache or the parsing around it.
   */
  private download(url: string, headers: Record<string, string>, mayFollow?: (target: string) => boolean): Promise<WireResponse> {
    // A request without an answer gives its turn up after SLOT_PATIENCE_MS: a silent feed never holds its host's others back.
    return this.inHostTurn(url, () => this.request(url, headers, mayFollow));
  }

  private async request(url: string, headers: Record<string, string>, mayFollow?: (target: string) => boolean): Promise<WireResponse> {
    try {
      return await get(url, {
        headers: { 'user-agent': USER_AGENT, accept: ACCEPT, ...headers },
        timeoutMs: this.timeoutMs,
        maxBytes: this.maxBytes,
        mayFollow,
      });
    } catch (error) {
      if (error instanceof KiosqueError && error.code === 'TOO_LARGE') {
        throw new KiosqueError(
          'TOO_LARGE',
          `${url} is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB; kiosque stopped reading it.`,
          {
            url,
            cause: error,
          },
        );
      }
      if (error instanceof KiosqueError) throw error;
      // The address being fetched when it failed (after redirects) names the host that failed.
      throw describeNetworkError(error, url, this.timeoutMs, (error as WireError).failedAt);
    }
  }
}

/** Adds what `keep` makes of `resource` to its `derived`, and returns the additions; a keep that fails adds nothing. */
async function keptWith(resource: FetchedResource, keep: FetchOptions['keep']): Promise<Record<string, unknown>> {
  if (!keep) return {};
  const added = await keep(resource).catch(() => ({}));
  Object.assign(resource.derived, added);
  return added;
}

function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KiosqueError('BAD_URL', `"${url}" is not a web address.`, { url });
  }
  if (!isWebUrl(parsed.href)) {
    throw new KiosqueError('BAD_URL', `Only http and https addresses can be read, not ${parsed.protocol}.`, { url });
  }
  parsed.hash = '';
  return parsed.href;
}

function fromStored(url: string, stored: StoredResponse, policy: CachePolicy, flags: { stale: boolean }): Promise<FetchedResource> {
  const contentType = String(policy.responseHeaders()['content-type'] ?? '');
  const derived = { ...stored.derived };
  if (stored.decoded?.charset === 'UTF-8' && stored.decoded.contentType === contentType) {
    // Known to decode as UTF-8 under this Content-Type (decodeLater's text is then TextDecoder's): its bytes
    // stay on disk until used. A warm start uses the kept reading only: the bodies of 100 feeds, 4.2 MB,
    // were read, checked (sha1) and scanned for their encoding for nothing.
    let text: string | undefined;
    return Promise.resolve({
      url,
      finalUrl: stored.finalUrl,
      status: 200,
      contentType,
      get bytes() {
        return stored.body;
      },
      get text() {
        return (text ??= new TextDecoder('utf-8').decode(stored.body));
      },
      charset: 'UTF-8',
      fromCache: true,
      stale: flags.stale,
      derived,
    });
  }
  return toResource(url, stored.finalUrl, 200, contentType, stored.body, { fromCache: true, stale: flags.stale, derived });
}

/** How a resource's body decoded, kept with it in the cache (see fromStored). */
const decodedOf = (resource: FetchedResource): StoredResponse['decoded'] => ({
  charset: resource.charset,
  contentType: resource.contentType,
});

async function toResource(
  url: string,
  finalUrl: string,
  status: number,
  contentType: string,
  bytes: Buffer,
  flags: { fromCache: boolean; stale: boolean; derived: Record<string, unknown> },
): Promise<FetchedResource> {
  // Decoded on first use: a warm start reads kept readings and never needs the text of 100 feeds.
  const { text, charset } = await decodeLater(bytes, contentType);
  return {
    url,
    finalUrl,
    status,
    contentType,
    bytes,
    get text() {
      return text();
    },
    charset,
    ...flags,
  };
}
