import { cleanInline } from '../text/sanitize.js';
import { $all, attr, closest, classAndId, type Document, parseHtml, resolveLink, textOf } from '../html/dom.js';
import { siteNameOf } from '../html/meta.js';
import { CHROME_CLASS, CHROME_TAGS } from '../html/furniture.js';
import type { Headline } from './types.js';

export interface DiscoveredFeed {
  title: string;
  url: string;
  type: string;
}

const FEED_TYPES = /^application\/(?:rss\+xml|atom\+xml|feed\+json|json|rdf\+xml|xml)$|^text\/xml$/i;

/** Feeds a page announces with <link rel="alternate">, main feed first (comment feeds last). */
export function discoverFeeds(document: Document, pageUrl: string): DiscoveredFeed[] {
  const feeds: DiscoveredFeed[] = [];
  for (const link of $all('link[rel~="alternate" i][href]', document)) {
    const type = (attr(link, 'type') ?? '').trim();
    if (!FEED_TYPES.test(type)) continue;
    const url = resolveLink(attr(link, 'href'), pageUrl);
    if (!url || feeds.some((feed) => feed.url === url)) continue;
    feeds.push({ title: cleanInline(attr(link, 'title') ?? ''), url, type });
  }
  const isCommentFeed = (feed: DiscoveredFeed) => /comment|kommentar|commentaire/i.test(feed.title + feed.url);
  return [...feeds.filter((feed) => !isCommentFeed(feed)), ...feeds.filter(isCommentFeed)];
}

/**
 * Headlines from a site's front or list page, for sites without a feed: the
 * links that carry article titles (in headings first), de-duplicated, in page
 * order; menus, sidebars and pagers are left out.
 */
export function headlinesFromPage(page: string | Document, pageUrl: string): { title: string; headlines: Headline[] } {
  const document = typeof page === 'string' ? parseHtml(page) : page;
  const source = siteNameOf(document) ?? new URL(pageUrl).host;
  const host = new URL(pageUrl).host;
  const pick = (selector: string) => {
    const out: Headline[] = [];
    const seen = new Set<string>();
    for (const anchor of $all(selector, document)) {
      if (closest(anchor, (element) => CHROME_TAGS.has(element.name) || CHROME_CLASS.test(classAndId(element)))) continue;
      const url = resolveLink(attr(anchor, 'href'), pageUrl);
      const title = cleanInline(textOf(anchor)) || cleanInline(attr(anchor, 'title') ?? '');
      if (!url || seen.has(url) || new URL(url).host !== host || url === pageUrl) continue;
      if (title.split(/\s+/).length < 3 || title.length < 15) continue;
      seen.add(url);
      out.push({ source, sourceUrl: pageUrl, title, url, published: null, author: null, summary: null });
    }
    return out;
  };
  const inHeadings = pick('h1 a[href], h2 a[href], h3 a[href], h4 a[href]');
  return { title: source, headlines: inHeadings.length >= 3 ? inHeadings : pick('a[href]') };
}
