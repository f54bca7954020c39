import { parseFeed as parseAnyFeed } from 'feedsmith';
import { KiosqueError } from '../errors.js';
import { normalizeDate } from '../text/dates.js';
import { parseHtml, resolveLink, textOf } from '../html/dom.js';
import { cleanInline } from '../text/sanitize.js';
import { sortNewestFirst } from './order.js';
import type { Headline, ParsedFeed } from './types.js';
import { isWebUrl } from '../text/url.js';

/**
 * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed through feedsmith, then
 * normalised into headlines: entities and HTML in titles decoded to plain text,
 * links made absolute (xml:base, then the feed's URL), dates to ISO 8601,
 * newest first.
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  let parsed: ReturnType<typeof parseAnyFeed>;
  try {
    parsed = parseAnyFeed(prepareXml(text));
  } catch (error) {
    throw new KiosqueError('BAD_FEED', `${feedUrl} is not a feed kiosque can read (RSS, Atom or JSON Feed).`, {
      url: feedUrl,
      cause: error,
    });
  }
  const feed = parsed.feed as Record<string, any>;
  const base = resolveLink(feed['xml']?.base, feedUrl) ?? feedUrl;
  let title: string;
  let items: RawItem[];
  switch (parsed.format) {
    case 'atom':
      title = plain(feed['title']?.value ?? feed['title']);
      items = (feed['entries'] ?? []).map((entry: Record<string, any>) => fromAtom(entry, base));
      break;
    case 'json':
      title = plain(feed['title']);
      items = (feed['items'] ?? []).map((item: Record<string, any>) => fromJson(item, base, feed));
      break;
    default:
      title = plain(feed['title']);
      items = (feed['items'] ?? []).map((item: Record<string, any>) => fromRss(item, base));
  }
  const source = title || new URL(feedUrl).host;
  const seen = new Set<string>();
  const headlines: Headline[] = [];
  for (const item of items) {
    if (!item.url || seen.has(item.url)) continue;
    seen.add(item.url);
    headlines.push({
      source,
      sourceUrl: feedUrl,
      title: item.title || item.summary?.slice(0, 80) || item.url,
      url: item.url,
      published: normalizeDate(item.date)?.iso ?? null,
      author: item.author || null,
      summary: item.summary || null,
    });
  }
  return { title: source, format: parsed.format, headlines: sortNewestFirst(headlines) };
}

interface RawItem {
  title: string;
  url: string | undefined;
  date: string | undefined;
  author: string;
  summary: string;
}

/**
 * A DOCTYPE is never needed by a feed and is how entity bombs and external
 * entities get in: it is dropped before parsing, so they are never resolved.
 */
/** Without its DOCTYPE: internal entities (billion laughs) and external ones are never expanded. */
export function prepareXml(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  return trimmed.replace(/<!DOCTYPE(?:[^[>]|\[[^\]]*\])*>/gi, '');
}

const MAX_SUMMARY = 600;

/** HTML or entity-laden text to one clean line. */
function plain(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const text = /[<&]/.test(value) ? textOf(parseHtml(value)) : value;
  return cleanInline(text);
}

function summaryOf(value: unknown): string {
  const text = plain(value);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) {
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

function fromRss(item: Record<string, any>, base: string): RawItem {
  const guid = item['guid'];
  const guidLink = guid?.isPermaLink !== false && isWebUrl(guid?.value) ? guid.value : undefined;
  return {
    title: plain(item['title']),
    url: resolveLink(firstString(item['link'], item['atom']?.links?.[0]?.href, guidLink), base),
    date: firstString(item['pubDate'], item['dc']?.dates, item['dc']?.date, item['atom']?.updated),
    author: plain(firstString(item['dc']?.creators, item['dc']?.creator, item['authors'], item['author']) ?? ''),
    summary: summaryOf(item['description'] ?? item['content']?.encoded),
  };
}

function fromAtom(entry: Record<string, any>, base: string): RawItem {
  const links: Array<Record<string, string>> = entry['links'] ?? [];
  const alternate = links.find((link) => !link['rel'] || link['rel'] === 'alternate') ?? links[0];
  const entryBase = resolveLink(entry['xml']?.base, base) ?? base;
  return {
    title: plain(entry['title']?.value ?? entry['title']),
    url: resolveLink(alternate?.['href'], entryBase),
    date: firstString(entry['published'], entry['updated'], entry['dc']?.dates),
    author: plain(
      (entry['authors'] ?? [])
        .map((author: { name?: string }) => author.name)
        .filter(Boolean)
        .join(', '),
    ),
    summary: summaryOf(entry['summary']?.value ?? entry['summary'] ?? entry['content']?.value),
  };
}

function fromJson(item: Record<string, any>, base: string, feed: Record<string, any>): RawItem {
  const authors: Array<{ name?: string }> = item['authors'] ?? (item['author'] ? [item['author']] : (feed['authors'] ?? []));
  return {
    title: plain(item['title']),
    url: resolveLink(firstString(item['url'], item['external_url']), base),
    date: firstString(item['date_published'], item['date_modified']),
    author: plain(
      authors
        .map((author) => author?.name)
        .filter(Boolean)
        .join(', '),
    ),
    summary: summaryOf(item['summary'] ?? item['content_text'] ?? item['content_html']),
  };
}
