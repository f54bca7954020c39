import { KiosqueError } from '../errors.js';
import type { FetchedResource, HttpClient } from '../net/client.js';
import { hostOf } from '../text/url.js';
import { sortNewestFirst } from './order.js';
import { readingOf } from './reading-memo.js';
import type { Headline } from './types.js';

export interface SourceResult {
  /** The address as configured. */
  url: string;
  title: string;
  headlines: Headline[];
  /** Where the headlines came from: the feed itself, a discovered feed, or the page's links. */
  via: 'feed' | 'discovered-feed' | 'page';
  stale: boolean;
  error: KiosqueError | null;
}

export function looksLikeFeed(resource: Pick<FetchedResource, 'contentType' | 'text'>): boolean {
  if (/(?:rss|atom|rdf|feed)\+(?:xml|json)|\/(?:xml|json)\b/i.test(resource.contentType)) return true;
  const start = resource.text.replace(/^\uFEFF/, '').trimStart().slice(0, 512);
  if (/^<!doctype html|^<html/i.test(start)) return false;
  return /^<\?xml|^<rss|^<feed|^<rdf:RDF|^\{/i.test(start);
}

/** Reads one source (a feed or a site's page) into headlines; never throws. */
export async function readSource(client: HttpClient, url: string, name?: string): Promise<SourceResult> {
  const result = await readUnnamed(client, url);
  // The reader's own name for a source (sources rename) wins over the feed's; headlines point back to the source as configured.
  const title = name || result.title;
  return { ...result, title, headlines: result.headlines.map((headline) => ({ ...headline, source: title, sourceUrl: url })) };
}

async function readUnnamed(client: HttpClient, url: string): Promise<SourceResult> {
  try {
    const resource = await client.fetch(url);
    const reading = await readingOf(client, resource, looksLikeFeed(resource) ? 'feed' : 'page', url);
    if (reading.kind === 'headlines') {
      return { url, title: reading.title, headlines: reading.headlines, via: reading.via, stale: resource.stale, error: null };
    }
    const feedResource = await client.fetch(reading.url);
    const feed = await readingOf(client, feedResource, 'feed', reading.url);
    if (feed.kind !== 'headlines') throw new KiosqueError('BAD_FEED', `${reading.url} is not a feed kiosque can read.`, { url: reading.url });
    return { url, title: feed.title, headlines: feed.headlines, via: 'discovered-feed', stale: feedResource.stale, error: null };
  } catch (error) {
    const failure = error instanceof KiosqueError ? error : new KiosqueError('BAD_FEED', `Could not read ${url}: ${String((error as Error)?.message ?? error)}`, { url, cause: error });
    return { url, title: hostOf(url), headlines: [], via: 'feed', stale: false, error: failure };
  }
}

/** All sources at once; one failing source leaves the others standing. */
export async function readSources(client: HttpClient, entries: Array<string | { url: string; title?: string | undefined }>): Promise<{ sources: SourceResult[]; headlines: Headline[] }> {
  const sources = await Promise.all(entries.map((entry) => (typeof entry === 'string' ? readSource(client, entry) : readSource(client, entry.url, entry.title))));
  return { sources, headlines: sortNewestFirst(sources.flatMap((source) => source.headlines)) };
}
