import { type ErrorCode, isKiosqueError, KiosqueError } from '../errors.js';
import type { FetchedResource, HttpClient } from '../net/client.js';
import { stripControls } from '../text/sanitize.js';
import { sketchTitles } from './group.js';
import { VERSION } from '../version.js';
import { IN_PROCESS_FEED, loadParsers } from '../work/load.js';
import type { FeedChoice, SourceReading } from './reading.js';
import type { Headline } from './types.js';
import { isWebUrl } from '../text/url.js';

/**
 * Readings of a source are kept with the cached body they came from (HttpClient.derive),
 * under a name that changes with kiosque's version and with READING_REVISION: bump it
 * whenever parsing or discovery would read the same bytes differently.
 */
const READING_REVISION = 4;
const kindOf = (as: 'feed' | 'page') => `reading-as-${as}@${VERSION}.${READING_REVISION}`;

/**
 * How `resource` reads as a feed or as a site's page: the reading kept with its cached
 * body when there is one, else parsed now (a site's page in a parser process, src/work/pool.ts)
 * and kept. A body that cannot be read is a
 * fault of those bytes: the fault is kept in the same place, so a later start (--offline
 * too) says it again without parsing again.
 */
export async function readingOf(client: HttpClient, resource: FetchedResource, as: 'feed' | 'page', url: string): Promise<SourceReading> {
  const kind = kindOf(as);
  const keptValue = resource.derived[kind];
  const fault = keptFault(keptValue, url);
  if (fault) throw fault;
  const kept = keptReading(keptValue);
  if (kept) return kept;
  let reading: SourceReading;
  try {
    reading = await parse(resource, as, url);
  } catch (error) {
    const said = await contentFault(error, as, url);
    if (!said) throw error;
    await client.derive(resource, kind, { kind: 'fault', code: said.code, message: said.message } satisfies KeptFault);
    throw said;
  }
  await client.derive(resource, kind, reading);
  return reading;
}

/**
 * Told that a body is on its way with no cached copy (HttpClient's `onUncached`): the feed parsers load
 * while the server answers. Loaded when the first body had come, they held every body of a cold reload
 * back until then (all of them came meanwhile), and the network wait was idle.
 */
export function prepareReading(): void {
  // A load that fails is said where the reading is asked for (the same import, again): not here, as an unhandled rejection.
  import('./reading-feed.js').catch(() => undefined);
}

/**
 * What to keep with a body just fetched (HttpClient's `keep`): its reading, or its fault, worked out
 * before the body is written, so that the cache writes the two at once. Nothing when a reading is
 * kept already, or the parser failed for a reason not the body's (readingOf then tries again).
 */
export async function readingToKeep(resource: FetchedResource, as: 'feed' | 'page', url: string): Promise<Record<string, unknown>> {
  const kind = kindOf(as);
  // Kept already (a 304): checked by readingOf, once, not here too (3,000 headlines checked twice cost 60 ms).
  if (resource.derived[kind] !== undefined) return {};
  try {
    return { [kind]: await parse(resource, as, url) };
  } catch (error) {
    const said = await contentFault(error, as, url);
    return said ? { [kind]: { kind: 'fault', code: said.code, message: said.message } satisfies KeptFault } : {};
  }
}

/**
 * A feed is read here, in kiosque's own process (feeds/xml-feed.ts: one linear pass, bounded by the
 * text), unless it is larger than IN_PROCESS_FEED; a site's page in a parser process (src/work/pool.ts:
 * the process starts only then).
 */
async function parse(resource: FetchedResource, as: 'feed' | 'page', url: string): Promise<SourceReading> {
  let reading: SourceReading;
  if (as === 'feed' && resource.text.length <= IN_PROCESS_FEED) {
    reading = (await import('./reading-feed.js')).readAsFeed(resource);
  } else {
    const { runParseJob } = await loadParsers();
    const job = { task: as, text: resource.text, finalUrl: resource.finalUrl, url } as const;
    reading = await runParseJob<SourceReading>(job, async () =>
      as === 'feed' ? (await import('./reading-feed.js')).readAsFeed(resource) : (await import('./reading.js')).readAsPage(resource, url),
    );
  }
  // Grouped at the end of the reload: its titles are sketched now, while other sources are on the wire.
  if (reading.kind === 'headlines') sketchTitles(reading.headlines);
  return reading;
}

/** A fault of the bytes themselves, kept in place of their reading. */
interface KeptFault {
  kind: 'fault';
  code: ErrorCode;
  message: string;
}

/** What a body that cannot be read says, whoever reads it again: these are kept. */
const CONTENT_FAULTS: ReadonlySet<ErrorCode> = new Set(['BAD_FEED', 'NO_FEED', 'TOO_COMPLEX']);

/**
 * `error` as the fault of the body, if it is one: a feed that is not a feed, a page with
 * nothing to read, or a parser limit (memory, deadline, nesting). Undefined for anything
 * else (a parser process that crashed for another reason, a bug): those are not kept.
 */
async function contentFault(error: unknown, as: 'feed' | 'page', url: string): Promise<KiosqueError | undefined> {
  if (isKiosqueError(error)) return CONTENT_FAULTS.has(error.code) ? error : undefined;
  const { ParseLimitError } = await loadParsers();
  if (!(error instanceof ParseLimitError) || error.reason === 'crash') return undefined;
  const what = as === 'feed' ? 'This feed' : 'This page';
  return new KiosqueError('TOO_COMPLEX', `${what} could not be read (${url}): ${error.message}.`, { url, cause: error });
}

/** A kept fault, read back like any file: only the codes kiosque keeps, with a message. */
function keptFault(value: unknown, url: string): KiosqueError | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, code, message } = value as Record<string, unknown>;
  if (kind !== 'fault' || !isText(message) || !CONTENT_FAULTS.has(code as ErrorCode)) return undefined;
  return new KiosqueError(code as ErrorCode, stripControls(message), { url });
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
  const { source, sourceUrl, title, url, id, published, author, summary } = value as Record<string, unknown>;
  if (!isText(source) || !isText(sourceUrl) || !isText(title) || !isText(url) || !isWebUrl(url)) return undefined;
  if (id !== undefined && !isText(id)) return undefined;
  if (!isTextOrNull(published) || !isTextOrNull(author) || !isTextOrNull(summary)) return undefined;
  // Written by kiosque from sanitized text; stripped again all the same, since it comes back from disk.
  const clean = (text: string | null) => (text === null ? null : stripControls(text));
  return {
    source: stripControls(source),
    sourceUrl,
    title: stripControls(title),
    url,
    ...(id === undefined ? {} : { id }),
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
