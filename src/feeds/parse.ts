import { parseFeed as parseAnyFeed } from 'feedsmith';
import { KiosqueError } from '../errors.js';
import { normalizeDate } from '../text/dates.js';
import { resolveLink } from '../html/resolve-link.js';
import { htmlText } from '../html/text.js';
import { cleanInline } from '../text/sanitize.js';
import { sortNewestFirst } from './order.js';
import { escapeXml, rewriteWellFormed } from './forgiving-xml.js';
import { entryAddress, entryIdentity } from './identity.js';
import type { Headline, ParsedFeed } from './types.js';
import { isWebUrl } from '../text/url.js';

/**
 * RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed through feedsmith, then
 * normalised into headlines: entities and HTML in titles decoded to plain text,
 * links made absolute (xml:base, then the feed's URL), dates to ISO 8601,
 * newest first.
 */
export function parseFeed(text: string, feedUrl: string): ParsedFeed {
  const feed = readFeed(text, feedUrl);
  const headlines: Headline[] = feed.entries.map((entry) => ({
    source: feed.title,
    sourceUrl: feedUrl,
    title: entry.title,
    url: entry.url,
    id: entry.id,
    published: entry.published,
    author: entry.author,
    summary: entry.summary,
  }));
  return { title: feed.title, format: feed.format, headlines: sortNewestFirst(headlines) };
}

/** A feed's title and its entries, in the feed's order, with their content. */
export function readFeed(text: string, feedUrl: string): { title: string; format: ParsedFeed['format']; entries: FeedEntry[] } {
  const parsed = parseLeniently(prepareXml(text), feedUrl);
  const feed = parsed.feed as Record<string, any>;
  const base = resolveLink(feed['xml']?.base, feedUrl) ?? feedUrl;
  let title: string;
  let items: RawItem[];
  switch (parsed.format) {
    case 'atom':
      title = atomText(feed['title']);
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
  return { title: title || new URL(feedUrl).host, format: parsed.format, entries: entriesOf(items, feedUrl) };
}

/** An entry as the feed gives it, its content included (HTML, not cleaned yet: the reader's pane cleans it). */
export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  /** Whether `url` is the entry's own link (else an address inside the feed: feeds/identity.ts). */
  linked: boolean;
  published: string | null;
  author: string | null;
  summary: string | null;
  /** The entry's full text (HTML), when the feed carries it (content:encoded, Atom content, JSON content_html). */
  content: string | null;
  /** Its description or summary (HTML), as given. */
  description: string | null;
}

/**
 * Every entry, none dropped: one with no link is given an address inside the feed, two sharing one
 * link stay two. An identity given twice (the same entry listed twice) is one entry; two entries
 * with neither id nor link, alike in title and date, are told apart by their rank among them.
 */
function entriesOf(items: RawItem[], feedUrl: string): FeedEntry[] {
  const seen = new Set<string>();
  const entries: FeedEntry[] = [];
  for (const item of items) {
    let id = entryIdentity(item.id, item.url, item.title, item.date);
    if (seen.has(id)) {
      if (item.id || item.url) continue;
      let rank = 2;
      while (seen.has(`${id}#${rank}`)) rank++;
      id = `${id}#${rank}`;
    }
    seen.add(id);
    entries.push({
      id,
      title: item.title || item.summary.slice(0, 80) || item.url || 'Untitled',
      url: item.url ?? entryAddress(feedUrl, id),
      linked: item.url !== undefined,
      published: normalizeDate(item.date)?.iso ?? null,
      author: item.author || null,
      summary: item.summary || null,
      content: item.content || null,
      description: item.description || null,
    });
  }
  return entries;
}

/**
 * feedsmith first (strict XML); what it refuses is read again by the forgiving tokenizer
 * (feeds/forgiving-xml.ts) and mapped the same way.
 */
function parseLeniently(prepared: string, feedUrl: string): ReturnType<typeof parseAnyFeed> {
  let strictError: unknown;
  try {
    return parseAnyFeed(prepared);
  } catch (error) {
    strictError = error;
  }
  if (prepared.startsWith('<')) {
    // A feed nested too deep is refused here (TOO_COMPLEX), with its own message.
    const rewritten = rewriteWellFormed(prepared, feedUrl);
    try {
      return parseAnyFeed(rewritten);
    } catch {
      // Said below, with the strict parser's reason.
    }
  }
  throw new KiosqueError('BAD_FEED', `${feedUrl} is not a feed kiosque can read (RSS, Atom or JSON Feed).`, {
    url: feedUrl,
    cause: strictError,
  });
}

interface RawItem {
  /** The guid / id the feed gives it, if any. */
  id: string | undefined;
  title: string;
  url: string | undefined;
  date: string | undefined;
  author: string;
  summary: string;
  /** The full text (HTML), when the feed carries it. */
  content: string | undefined;
  /** The description or summary (HTML), as given. */
  description: string | undefined;
}

/**
 * A DOCTYPE is never needed by a feed and is how entity bombs and external
 * entities get in: it is dropped before parsing, so they are never resolved.
 */
/** Without its DOCTYPE: internal entities (billion laughs) and external ones are never expanded. */
export function prepareXml(text: string): string {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return trimmed;
  return linkBases(decodeBase64Constructs(trimmed.replace(/<!DOCTYPE(?:[^[>]|\[[^\]]*\])*>/gi, '')));
}

/**
 * xml:base on a link element itself, which feedsmith does not keep: an absolute one is applied to
 * the link's href here (a relative one is left to the entry's and the feed's, read as usual).
 */
function linkBases(xml: string): string {
  if (!xml.includes('xml:base')) return xml;
  return xml.replace(
    /<((?:[\w.-]+:)?link)\b([^>]*\bxml:base\s*=\s*["']([^"']*)["'][^>]*)>/gi,
    (whole, name: string, attributes: string, base: string) => {
      const href = /\bhref\s*=\s*(["'])([^"']*)\1/i.exec(attributes);
      if (!href || !/^https?:/i.test(base)) return whole;
      let resolved: string;
      try {
        resolved = new URL(href[2]!.replace(/&amp;/g, '&'), base.replace(/&amp;/g, '&')).href;
      } catch {
        return whole;
      }
      const escaped = resolved.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
      return `<${name}${attributes.replace(href[0], `href="${escaped}"`)}>`;
    },
  );
}

/**
 * Atom 0.3 may carry a title, summary or content base64-encoded (mode="base64"), which feedsmith
 * does not decode: decoded here, into the element as escaped text, its type kept.
 */
function decodeBase64Constructs(xml: string): string {
  if (!/\bmode\s*=\s*["']base64["']/i.test(xml)) return xml;
  return xml.replace(
    /<((?:[\w.-]+:)?(?:title|subtitle|tagline|summary|content|info|copyright))(\s[^>]*?)\bmode\s*=\s*["']base64["']([^>]*)>([^<]*)<\/\1\s*>/gi,
    (_whole, name: string, before: string, after: string, encoded: string) => {
      const text = Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8');
      return `<${name}${before}${after}>${escapeXml(text)}</${name}>`;
    },
  );
}

const MAX_SUMMARY = 600;

/** HTML or entity-laden text to one clean line. */
function plain(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const text = /[<&]/.test(value) ? htmlText(value) : value;
  return cleanInline(text);
}

/**
 * An Atom text construct as one plain line: `html` and `xhtml` are markup, read for their text;
 * `text` (the default) is text as it is, "a <b> c" included.
 */
function atomText(construct: unknown): string {
  if (typeof construct === 'string') return plain(construct);
  const { value, type } = (construct ?? {}) as { value?: unknown; type?: unknown };
  if (typeof value !== 'string') return '';
  return type === 'html' || type === 'xhtml' || type === 'text/html' ? plain(value) : cleanInline(value);
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
    id: firstString(guid?.value, item['dc']?.identifier),
    title: plain(firstString(item['title'], item['dc']?.titles, item['dc']?.title) ?? ''),
    url: resolveLink(firstString(item['link'], item['atom']?.links?.[0]?.href, guidLink), base),
    date: firstString(item['pubDate'], item['dc']?.dates, item['dc']?.date, item['atom']?.updated),
    author: plain(firstString(item['dc']?.creators, item['dc']?.creator, item['authors'], item['author']) ?? ''),
    summary: summaryOf(item['description'] ?? item['content']?.encoded),
    content: firstString(item['content']?.encoded),
    description: firstString(item['description']),
  };
}

function fromAtom(entry: Record<string, any>, base: string): RawItem {
  const links: Array<Record<string, string>> = entry['links'] ?? [];
  // The entry's page: rel="alternate" (or no rel), an HTML one first. An enclosure, a "self" or a
  // "replies" link is no page to read: an entry with only those has no link.
  const alternates = links.filter((link) => !link['rel'] || link['rel'] === 'alternate');
  const alternate = alternates.find((link) => /^(?:text\/html|application\/xhtml\+xml)\b/i.test(link['type'] ?? '')) ?? alternates[0];
  const entryBase = resolveLink(entry['xml']?.base, base) ?? base;
  return {
    id: firstString(entry['id']),
    title: atomText(entry['title']),
    url: resolveLink(alternate?.['href'], entryBase),
    date: firstString(entry['published'], entry['updated'], entry['dc']?.dates),
    author: plain(
      (entry['authors'] ?? [])
        .map((author: { name?: string }) => author.name)
        .filter(Boolean)
        .join(', '),
    ),
    summary: summaryOf(entry['summary']?.value ?? entry['summary'] ?? entry['content']?.value),
    content: firstString(entry['content']?.value),
    description: firstString(entry['summary']?.value),
  };
}

function fromJson(item: Record<string, any>, base: string, feed: Record<string, any>): RawItem {
  const authors: Array<{ name?: string }> = item['authors'] ?? (item['author'] ? [item['author']] : (feed['authors'] ?? []));
  return {
    id: typeof item['id'] === 'number' ? String(item['id']) : firstString(item['id']),
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
    content: firstString(item['content_html'], item['content_text'] && textAsHtml(item['content_text'])),
    description: firstString(item['summary'] && textAsHtml(item['summary'])),
  };
}

/** Plain text as HTML that says it as it is, a paragraph per blank-line-separated part. */
function textAsHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n\s*\n/)
    .map((part) => `<p>${part}</p>`)
    .join('');
}
