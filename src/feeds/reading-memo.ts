import type { FetchedResource, HttpClient } from '../net/client.js';
import { stripControls } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import type { FeedChoice, SourceReading } from './reading.js';
import type { Headline } from './types.js';
import { isWebUrl } from '../text/url.js';

/**
 * Readings of a source are kept with the cached body they came from (HttpClient.derive),
 * under a name that changes with kiosque's version and with READING_REVISION: bump it
 * whenever parsing or discovery would read the same bytes differently.
 */
const READING_REVISION = 2;
const kindOf = (as: 'feed' | 'page') => `reading-as-${as}@${VERSION}.${READING_REVISION}`;

/**
 * How `resource` reads as a feed or as a site's page: the reading kept with its cached
 * body when there is one, else parsed now (the parsers load only then) and kept.
 */
export async function readingOf(client: HttpClient, resource: FetchedResource, as: 'feed' | 'page', url: string): Promise<SourceReading> {
  const kind = kindOf(as);
  const kept = keptReading(resource.derived[kind]);
  if (kept) return kept;
  const { readAsFeed, readAsPage } = await import('./reading.js');
  const reading = as === 'feed' ? readAsFeed(resource) : readAsPage(resource, url);
  await client.derive(resource, kind, reading);
  return reading;
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** A kept reading is read back like any file: anything not of the expected shape is ignored (and parsed again). */
export function keptReading(value: unknown): SourceReading | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const reading = value as Record<string, unknown>;
  if (reading['kind'] === 'feed-links') return keptFeedLinks(reading);
  if (reading['kind'] !== 'headlines' || !isText(reading['title']) || !Array.isArray(reading['headlines'])) return undefined;
  if (reading['via'] !== 'feed' && reading['via'] !== 'page') return undefined;
  const headlines: Headline[] = [];
  for (const item of reading['headlines'] as unknown[]) {
    const headline = keptHeadline(item);
    if (!headline) return undefined;
    headlines.push(headline);
  }
  return { kind: 'headlines', via: reading['via'], title: stripControls(reading['title']), headlines };
}

function keptHeadline(value: unknown): Headline | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { source, sourceUrl, title, url, published, author, summary } = value as Record<string, unknown>;
  if (!isText(source) || !isText(sourceUrl) || !isText(title) || !isText(url) || !isWebUrl(url)) return undefined;
  if (!isTextOrNull(published) || !isTextOrNull(author) || !isTextOrNull(summary)) return undefined;
  // Written by kiosque from sanitized text; stripped again all the same, since it comes back from disk.
  const clean = (text: string | null) => (text === null ? null : stripControls(text));
  return {
    source: stripControls(source),
    sourceUrl,
    title: stripControls(title),
    url,
    published,
    author: clean(author),
    summary: clean(summary),
  };
}

function keptFeedLinks(reading: Record<string, unknown>): SourceReading | undefined {
  const { feeds, siteName } = reading;
  if (!Array.isArray(feeds) || feeds.length === 0 || !isTextOrNull(siteName)) return undefined;
  const choices: FeedChoice[] = [];
  for (const feed of feeds as unknown[]) {
    const { url, title } = (feed ?? {}) as Record<string, unknown>;
    if (!isText(url) || !isWebUrl(url) || !isText(title)) return undefined;
    choices.push({ url, title: stripControls(title) });
  }
  return { kind: 'feed-links', feeds: choices, siteName: siteName === null ? null : stripControls(siteName) };
}
