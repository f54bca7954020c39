import { KiosqueError } from '../errors.js';
import type { FetchedResource, FetchOptions, HttpClient } from '../net/client.js';
import { displayUrl, hostOf, sameAddress } from '../text/url.js';
import { sortNewestFirst } from './order.js';
import type { FeedChoice } from './reading.js';
import { prepareReading, readingOf, readingToKeep } from './reading-memo.js';
import type { Headline } from './types.js';

export type { FeedChoice } from './reading.js';

export function looksLikeFeed(resource: Pick<FetchedResource, 'contentType' | 'text'>): boolean {
  if (/(?:rss|atom|rdf|feed)\+(?:xml|json)|\/(?:xml|json)\b/i.test(resource.contentType)) return true;
  const start = resource.text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512);
  if (/^<!doctype html|^<html/i.test(start)) return false;
  return /^<\?xml|^<rss|^<feed|^<rdf:RDF|^\{/i.test(start);
}

/** What an address reads as: the one answer for the reader's sources and for "sources add". */
export interface ResolvedSource {
  /** Where the headlines come from: the address is a feed, a feed its page announces, or the page's own links. */
  via: 'feed' | 'discovered-feed' | 'page';
  /** The address to subscribe to: the feed (after redirects) or the page. */
  url: string;
  /** For a discovered feed: the page that announced it. */
  htmlUrl: string | undefined;
  title: string;
  headlines: Headline[];
  /** Every feed the page announces, main feed first; empty when the address is a feed or a page without one. */
  choices: FeedChoice[];
  /** Which choice was taken (1-based), when there were choices. */
  picked: number | undefined;
  stale: boolean;
  /** A discovered feed that could not be read: the page says where the feed is, the feed itself failed. */
  feedError: KiosqueError | undefined;
}

/**
 * Reads an address as a source: a feed is read as it is; a site's page is looked at for
 * the feeds it announces (the main one, or the `pick`-th) and that feed is read; a site
 * with no feed gives the article links of its page. Readings are kept with the cached
 * bodies (reading-memo), so a warm start parses nothing.
 */
export async function resolveSource(client: HttpClient, url: string, pick?: number, fetch: FetchOptions = {}): Promise<ResolvedSource> {
  // The reading is worked out before the body is written: the cache writes both at once.
  const keep = (fetched: FetchedResource) => readingToKeep(fetched, looksLikeFeed(fetched) ? 'feed' : 'page', url);
  const resource = await client.fetch(url, { ...fetch, keep, onUncached: prepareReading });
  const reading = await readingOf(client, resource, looksLikeFeed(resource) ? 'feed' : 'page', url);
  if (reading.kind === 'headlines') {
    if (pick !== undefined && (reading.via === 'page' || pick !== 1)) {
      const why = reading.via === 'feed' ? 'is a feed itself: there is nothing to pick' : 'announces no feed to pick from';
      throw new KiosqueError('USAGE', `${url} ${why}.`, { url });
    }
    const { via, title, headlines } = reading;
    return {
      via,
      // Not redirected: the address as given, credentials included (finalUrl is without them).
      url: sameAddress(resource.finalUrl, url) ? url : resource.finalUrl,
      htmlUrl: undefined,
      title,
      headlines,
      choices: [],
      picked: undefined,
      stale: resource.stale,
      feedError: undefined,
    };
  }
  const choices = reading.feeds;
  const index = (pick ?? 1) - 1;
  const choice = choices[index];
  if (!choice) {
    const count = `${choices.length} feed${choices.length > 1 ? 's' : ''}`;
    throw new KiosqueError('USAGE', `--pick ${pick}: ${url} offers ${count} (1 to ${choices.length}).`, { url });
  }
  const found = { via: 'discovered-feed', url: choice.url, htmlUrl: resource.finalUrl, choices, picked: index + 1 } as const;
  // Until the feed is read, the link's title or the site's name will do.
  const fallbackTitle = choice.title || reading.siteName || hostOf(choice.url);
  try {
    const feedResource = await client.fetch(choice.url, {
      ...fetch,
      keep: (fetched) => readingToKeep(fetched, 'feed', choice.url),
    });
    const feed = await readingOf(client, feedResource, 'feed', choice.url);
    if (feed.kind !== 'headlines') throw new KiosqueError('BAD_FEED', `${choice.url} is not a feed kiosque can read.`, { url: choice.url });
    return { ...found, title: feed.title || fallbackTitle, headlines: feed.headlines, stale: feedResource.stale, feedError: undefined };
  } catch (error) {
    return { ...found, title: fallbackTitle, headlines: [], stale: false, feedError: asKiosqueError(error, choice.url) };
  }
}

/**
 * The feed a source is read from, as fetched (through the cache: what the headlines were read
 * from): the address itself when it is a feed, else the main feed its page announces.
 */
export async function feedResourceOf(client: HttpClient, url: string, fetch: FetchOptions = {}): Promise<FetchedResource> {
  const resource = await client.fetch(url, fetch);
  if (looksLikeFeed(resource)) return resource;
  const reading = await readingOf(client, resource, 'page', url);
  const choice = reading.kind === 'feed-links' ? reading.feeds[0] : undefined;
  if (!choice) throw new KiosqueError('BAD_FEED', `${url} is read from its page's links, not from a feed.`, { url });
  return client.fetch(choice.url, fetch);
}

export interface SourceResult {
  /** The address as configured, as it may be shown: without credentials (the headlines' sourceUrl too). */
  url: string;
  title: string;
  headlines: Headline[];
  via: ResolvedSource['via'];
  stale: boolean;
  error: KiosqueError | null;
}

/** Reads one configured source into headlines; never throws. */
export async function readSource(client: HttpClient, url: string, name?: string, fetch: FetchOptions = {}): Promise<SourceResult> {
  // What is shown of the source (--json, the sources view): never its password.
  const shown = displayUrl(url);
  try {
    const resolved = await resolveSource(client, url, undefined, fetch);
    // The reader's own name for a source (sources rename) wins over the feed's; headlines point back to the source as configured.
    const title = name || resolved.title;
    // Copied only when that changes them: they are this call's own (a kept reading is read anew for each).
    const headlines = resolved.headlines.map((headline) =>
      headline.source === title && headline.sourceUrl === shown ? headline : { ...headline, source: title, sourceUrl: shown },
    );
    return { url: shown, title, headlines, via: resolved.via, stale: resolved.stale, error: resolved.feedError ?? null };
  } catch (error) {
    return { url: shown, title: name || hostOf(url), headlines: [], via: 'feed', stale: false, error: asKiosqueError(error, url) };
  }
}

/** All sources at once; one failing source leaves the others standing. `fetch.revalidate`: ask every server again (a reload). */
export async function readSources(
  client: HttpClient,
  entries: Array<string | { url: string; title?: string | undefined }>,
  fetch: FetchOptions = {},
): Promise<{ sources: SourceResult[]; headlines: Headline[] }> {
  const sources = await Promise.all(
    entries.map((entry) =>
      typeof entry === 'string' ? readSource(client, entry, undefined, fetch) : readSource(client, entry.url, entry.title, fetch),
    ),
  );
  return { sources, headlines: sortNewestFirst(sources.flatMap((source) => source.headlines)) };
}

function asKiosqueError(error: unknown, url: string): KiosqueError {
  return error instanceof KiosqueError
    ? error
    : new KiosqueError('BAD_FEED', `Could not read ${url}: ${String((error as Error)?.message ?? error)}`, { url, cause: error });
}
