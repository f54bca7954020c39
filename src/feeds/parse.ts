import { KiosqueError } from '../errors.js';
import { normalizeDate } from '../text/dates.js';
import { resolveLink } from '../html/resolve-link.js';
import { htmlText } from '../html/text.js';
import { htmlLine } from './html-line.js';
import { cleanInline } from '../text/sanitize.js';
import { sortNewestFirst } from './order.js';
import { escapeXml, readXmlFeed, type XmlField, type XmlFields } from './xml-feed.js';
import { entryAddress, entryIdentity } from './identity.js';
import type { Headline, ParsedFeed } from './types.js';
import { isWebUrl } from '../text/url.js';

/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 (feeds/xml-feed.ts) and JSON Feed, read in kiosque's own
 * process, then normalised into headlines: entities and HTML in titles decoded to plain text,
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
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  let format: ParsedFeed['format'];
  let title: string;
  let items: RawItem[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const feed = jsonFeedOf(trimmed, feedUrl);
    format = 'json';
    title = plain(feed['title']);
    items = (feed['items'] as unknown[]).map((item) => fromJson(asObject(item), feedUrl, feed));
  } else {
    const feed = readXmlFeed(trimmed, feedUrl);
    format = feed.format;
    if (feed.format === 'atom') {
      title = atomText(first(feed.fields, 'atom:title'));
      items = feed.entries.map(fromAtom);
    } else {
      title = plain(valueOf(first(feed.fields, 'title') ?? first(feed.fields, 'dc:title')));
      items = feed.entries.map(fromRss);
    }
  }
  return { title: title || new URL(feedUrl).host, format, entries: entriesOf(items, feedUrl) };
}

/** A JSON Feed's top object: parsed whole (the download is capped), read only as far as it has the expected shape. */
function jsonFeedOf(text: string, feedUrl: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw notAFeed(feedUrl, error);
  }
  const feed = asObject(value);
  if (!Array.isArray(feed['items'])) throw notAFeed(feedUrl);
  return feed;
}

function notAFeed(feedUrl: string, cause?: unknown): KiosqueError {
  return new KiosqueError('BAD_FEED', `${feedUrl} is not a feed kiosque can read (RSS, Atom or JSON Feed).`, {
    url: feedUrl,
    ...(cause === undefined ? {} : { cause }),
  });
}

const asObject = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

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
  /** The last rank given to entries alike in title and date: the next one counts on from it, not from 2 (20,000 alike took 66 s counting from 2). */
  const lastRank = new Map<string, number>();
  const entries: FeedEntry[] = [];
  for (const item of items) {
    let id = entryIdentity(item.id, item.url, item.title, item.date);
    if (seen.has(id)) {
      if (item.id || item.url) continue;
      const alike = id;
      let rank = lastRank.get(alike) ?? 1;
      do rank++;
      while (seen.has(`${alike}#${rank}`));
      lastRank.set(alike, rank);
      id = `${alike}#${rank}`;
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

const MAX_SUMMARY = 600;

/**
 * HTML or entity-laden text to one clean line (of which more than `atMost` characters are enough):
 * simple HTML read by feeds/html-line.ts, anything else by the HTML parser (htmlText).
 */
function plain(value: unknown, atMost?: number): string {
  if (typeof value !== 'string' || !value) return '';
  if (!/[<&]/.test(value)) return cleanInline(value);
  return htmlLine(value, atMost) ?? cleanInline(htmlText(value));
}

/** The first of a field, if any. */
function first(fields: XmlFields, key: string): XmlField | undefined {
  return fields.get(key)?.[0];
}

/** The first of these fields that says something, trimmed. */
function firstValue(fields: XmlFields, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const field of fields.get(key) ?? []) {
      const value = valueOf(field).trim();
      if (value) return value;
    }
  }
  return undefined;
}

/** What a field holds: its markup when it holds elements (HTML given unescaped, Atom xhtml), else its text; Atom 0.3 base64 decoded. */
function valueOf(field: XmlField | undefined): string {
  if (!field) return '';
  if (field.attributes['mode']?.toLowerCase() === 'base64') return Buffer.from(field.text.replace(/\s+/g, ''), 'base64').toString('utf8');
  // Atom's xhtml: the content of the one <div> that wraps it (RFC 4287 §3.1.1.3), not the wrapper.
  if (field.markup !== undefined && field.childCount === 1 && field.attributes['type'] === 'xhtml') {
    return /^\s*<(?:[\w.-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?div>\s*$/.exec(field.markup)?.[1] ?? field.markup;
  }
  return field.markup ?? field.text;
}

/**
 * An Atom text construct as one plain line: `html` and `xhtml` are markup, read for their text;
 * `text` (the default) is text as it is, "a <b> c" included.
 */
function atomText(field: XmlField | undefined): string {
  if (!field) return '';
  const type = field.attributes['type']?.toLowerCase();
  const value = valueOf(field);
  return type === 'html' || type === 'xhtml' || type === 'text/html' || field.markup !== undefined ? plain(value) : cleanInline(value);
}

function summaryOf(value: unknown): string {
  const text = plain(value, MAX_SUMMARY);
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** A link element's address (Atom's href, else RSS's text), absolute against its own xml:base. */
function linkOf(field: XmlField): string | undefined {
  const href = field.attributes['href'] ?? valueOf(field);
  return resolveLink(href.trim() || undefined, field.base);
}

/**
 * The entry's page among Atom links: rel="alternate" (or no rel), an HTML one first. An enclosure,
 * a "self" or a "replies" link is no page to read: an entry with only those has no link.
 */
function alternateOf(links: XmlField[] | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => {
    const rel = link.attributes['rel']?.trim();
    return !rel || rel === 'alternate' || rel === 'http://www.iana.org/assignments/relation/alternate';
  });
  const html = alternates.find((link) => /^(?:text\/html|application\/xhtml\+xml)\b/i.test(link.attributes['type'] ?? ''));
  for (const link of html ? [html, ...alternates] : alternates) {
    const url = linkOf(link);
    if (url) return url;
  }
  return undefined;
}

function fromRss(item: XmlFields): RawItem {
  const guid = first(item, 'guid');
  const guidValue = guid ? valueOf(guid).trim() : undefined;
  const permalink = guid && guid.attributes['isPermaLink']?.trim().toLowerCase() !== 'false';
  const guidLink = permalink && guidValue ? resolveLink(guidValue, guid.base) : undefined;
  const link = (item.get('link') ?? []).map(linkOf).find(Boolean);
  return {
    id: guidValue || firstValue(item, 'dc:identifier'),
    title: plain(firstValue(item, 'title', 'dc:title', 'atom:title') ?? ''),
    url: link ?? alternateOf(item.get('atom:link')) ?? (guidLink && isWebUrl(guidValue) ? guidLink : undefined),
    date: firstValue(item, 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published', 'atom:updated', 'dcterms:modified'),
    author: plain(firstValue(item, 'dc:creator', 'author') ?? authorsOf(item)),
    summary: summaryOf(firstValue(item, 'description', 'dc:description', 'content:encoded')),
    content: firstValue(item, 'content:encoded'),
    description: firstValue(item, 'description', 'dc:description'),
  };
}

/** Atom authors' names, joined. */
function authorsOf(entry: XmlFields): string {
  return (entry.get('atom:author') ?? [])
    .map((author) => author.children.get('atom:name')?.trim() ?? '')
    .filter(Boolean)
    .join(', ');
}

function fromAtom(entry: XmlFields): RawItem {
  const summary = first(entry, 'atom:summary');
  const content = first(entry, 'atom:content');
  return {
    id: firstValue(entry, 'atom:id'),
    title: atomText(first(entry, 'atom:title') ?? first(entry, 'dc:title')),
    url: alternateOf(entry.get('atom:link')),
    date: firstValue(entry, 'atom:published', 'atom:issued', 'atom:created', 'atom:updated', 'atom:modified', 'dc:date'),
    author: plain(authorsOf(entry) || (firstValue(entry, 'dc:creator') ?? '')),
    summary: summaryOf(valueOf(summary).trim() || valueOf(content).trim()),
    content: valueOf(content).trim() || undefined,
    description: valueOf(summary).trim() || undefined,
  };
}

function fromJson(item: Record<string, unknown>, base: string, feed: Record<string, unknown>): RawItem {
  const authors = [item['authors'], item['author'] && [item['author']], feed['authors'], feed['author'] && [feed['author']]].find(
    Array.isArray,
  ) as unknown[] | undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const id = item['id'];
  return {
    id: typeof id === 'number' ? String(id) : text(id),
    title: plain(item['title']),
    url: resolveLink(text(item['url']) ?? text(item['external_url']), base),
    date: text(item['date_published']) ?? text(item['date_modified']),
    author: plain(
      (authors ?? [])
        .map((author) => text(asObject(author)['name']))
        .filter(Boolean)
        .join(', '),
    ),
    summary: summaryOf(item['summary'] ?? item['content_text'] ?? item['content_html']),
    content: text(item['content_html']) ?? (text(item['content_text']) && textAsHtml(text(item['content_text'])!)),
    description: text(item['summary']) && textAsHtml(text(item['summary'])!),
  };
}

/** Plain text as HTML that says it as it is, a paragraph per blank-line-separated part. */
function textAsHtml(text: string): string {
  const escaped = escapeXml(text);
  return escaped
    .split(/\n\s*\n/)
    .map((part) => `<p>${part}</p>`)
    .join('');
}
