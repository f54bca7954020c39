import { KiosqueError } from '../errors.js';
import { parseHtml } from '../html/dom.js';
import { siteNameOf } from '../html/meta.js';
import type { FetchedResource } from '../net/client.js';
import { discoverFeeds, headlinesFromPage } from './discover.js';
import type { Headline } from './types.js';

/** A feed a page announces, as offered to the reader. */
export interface FeedChoice {
  url: string;
  title: string;
}

/**
 * What one fetched address says, before the reader's own name is put on it: its
 * headlines, or the feeds its page announces (main feed first). A pure function of
 * the body and its address, so src/feeds/reading-memo.ts can keep it with the cached
 * body and skip the parsing (and the loading of these parsers) next time.
 */
export type SourceReading =
  | { kind: 'headlines'; via: 'feed' | 'page'; title: string; headlines: Headline[] }
  | { kind: 'feed-links'; feeds: FeedChoice[]; siteName: string | null };

export type Readable = Pick<FetchedResource, 'text' | 'finalUrl'>;

// A feed's reading is in its own module: a reload of feeds loads it without this one's HTML parsers.
export { readAsFeed } from './reading-feed.js';

/** A site's page: the feeds it announces, else the article links it shows. */
export function readAsPage(resource: Readable, url: string): SourceReading {
  const document = parseHtml(resource.text);
  const feeds = discoverFeeds(document, resource.finalUrl).map(({ url: feedUrl, title }) => ({ url: feedUrl, title }));
  if (feeds.length) return { kind: 'feed-links', feeds, siteName: siteNameOf(document) };
  const page = headlinesFromPage(document, resource.finalUrl);
  if (page.headlines.length === 0) {
    throw new KiosqueError('NO_FEED', `${url} has no feed and no article links kiosque could find.`, { url });
  }
  return { kind: 'headlines', via: 'page', title: page.title, headlines: page.headlines };
}
