import { KiosqueError } from '../errors.js';
import type { SourceEntry } from '../store/sources.js';
import { parseHtml } from '../html/dom.js';
import { readMetadata } from '../extract/metadata.js';
import { discoverFeeds, headlinesFromPage } from '../feeds/discover.js';
import { parseFeed } from '../feeds/parse.js';
import { looksLikeFeed } from '../feeds/sources.js';
import type { HttpClient } from '../net/client.js';

export interface FeedChoice {
  url: string;
  title: string;
}

export interface SourceFound {
  /** What to add. */
  entry: SourceEntry;
  /** Every feed the page announces, in the order offered (main feed first); empty when the URL was a feed. */
  choices: FeedChoice[];
  /** Which choice was taken (1-based), when there were choices. */
  picked: number | undefined;
  via: 'feed' | 'discovered-feed' | 'page';
}

/**
 * What adding a URL means: a feed is added as it is; a site's page is looked
 * at for the feeds it announces (the main one, or the one picked); a site
 * with no feed is added as a page to read headlines from, if it has any.
 */
export async function findSource(client: HttpClient, url: string, pick?: number): Promise<SourceFound> {
  const resource = await client.fetch(url);
  if (looksLikeFeed(resource)) {
    const feed = parseFeed(resource.text, resource.finalUrl);
    if (pick !== undefined && pick !== 1) throw new KiosqueError('USAGE', `${url} is a feed itself: there is nothing to pick.`, { url });
    return { entry: { url: resource.finalUrl, title: feed.title }, choices: [], picked: undefined, via: 'feed' };
  }
  const document = parseHtml(resource.text);
  const choices = discoverFeeds(document, resource.finalUrl).map(({ url: feedUrl, title }) => ({ url: feedUrl, title }));
  if (choices.length === 0) {
    if (pick !== undefined) throw new KiosqueError('USAGE', `${url} announces no feed to pick from.`, { url });
    const page = headlinesFromPage(document, resource.finalUrl);
    if (page.headlines.length === 0) throw new KiosqueError('NO_FEED', `${url} has no feed and no article links kiosque could find.`, { url });
    return { entry: { url: resource.finalUrl, title: page.title }, choices, picked: undefined, via: 'page' };
  }
  const index = (pick ?? 1) - 1;
  const choice = choices[index];
  if (!choice) {
    throw new KiosqueError('USAGE', `--pick ${pick}: ${url} offers ${choices.length} feed${choices.length > 1 ? 's' : ''} (1 to ${choices.length}).`, { url });
  }
  // The feed's own title names it best; the link's title or the site's name will do if it cannot be read now.
  let title = choice.title || readMetadata(document, resource.finalUrl).siteName || new URL(choice.url).host;
  try {
    const feed = await client.fetch(choice.url);
    title = parseFeed(feed.text, feed.finalUrl).title || title;
  } catch {
    // Added all the same: the reader will say what is wrong with the feed when it reads it.
  }
  return { entry: { url: choice.url, title, htmlUrl: resource.finalUrl }, choices, picked: index + 1, via: 'discovered-feed' };
}
