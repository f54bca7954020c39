import { KiosqueError } from '../errors.js';
import { parseHtml } from '../html/dom.js';
import type { FetchedResource } from '../net/client.js';
import { discoverFeeds, headlinesFromPage } from './discover.js';
import { parseFeed } from './parse.js';
import type { Headline } from './types.js';

/**
 * What one fetched source says, before the reader's own name is put on it: its
 * headlines, or the address of the feed its page announces. A pure function of
 * the body and its address, so src/feeds/sources.ts can keep it with the cached
 * body and skip the parsing (and the loading of these parsers) next time.
 */
export type SourceReading =
  | { kind: 'headlines'; via: 'feed' | 'page'; title: string; headlines: Headline[] }
  | { kind: 'feed-link'; url: string };

type Readable = Pick<FetchedResource, 'text' | 'finalUrl'>;

export function readAsFeed(resource: Readable): SourceReading {
  const feed = parseFeed(resource.text, resource.finalUrl);
  return { kind: 'headlines', via: 'feed', title: feed.title, headlines: feed.headlines };
}

/** A site's page: the feed it announces, else the article links it shows. */
export function readAsPage(resource: Readable, url: string): SourceReading {
  const document = parseHtml(resource.text);
  const [feed] = discoverFeeds(document, resource.finalUrl);
  if (feed) return { kind: 'feed-link', url: feed.url };
  const page = headlinesFromPage(document, resource.finalUrl);
  if (page.headlines.length === 0) {
    throw new KiosqueError('NO_FEED', `${url} has no feed and no article links kiosque could find.`, { url });
  }
  return { kind: 'headlines', via: 'page', title: page.title, headlines: page.headlines };
}
