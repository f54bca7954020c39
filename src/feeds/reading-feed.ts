import { parseFeed } from './parse.js';
import type { Readable, SourceReading } from './reading.js';

// Apart from src/feeds/reading.ts (a site's page: css-select, the page's metadata), so that a parser
// process that reads feeds loads only the feed parsers (src/parse-worker.ts).

export function readAsFeed(resource: Readable): SourceReading {
  const feed = parseFeed(resource.text, resource.finalUrl);
  return { kind: 'headlines', via: 'feed', title: feed.title, headlines: feed.headlines };
}
