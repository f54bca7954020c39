import { KiosqueError } from '../errors.js';
import { buildBlocks } from '../extract/blocks.js';
import type { Article } from '../extract/types.js';
import { isDigestOf, parseEntryAddress } from '../feeds/identity.js';
import type { FeedEntry } from '../feeds/parse.js';
import { feedResourceOf } from '../feeds/sources.js';
import { parseHtml, textOf } from '../html/dom.js';
import type { FetchOptions, HttpClient } from '../net/client.js';
import { cleanInline } from '../text/sanitize.js';
import { IN_PROCESS_FEED, loadParsers } from '../work/load.js';

/**
 * An entry read from its feed rather than from its page: an entry with no link (its address is
 * one inside the feed, feeds/identity.ts), or one whose page cannot be read now while the feed
 * carries its full text. The feed is the one its headlines were read from, through the cache.
 */

/** Which entry of which source: its identity there (feeds/types.ts Headline.id, else its address). */
export interface FeedEntryRef {
  sourceUrl: string;
  id: string;
}

/** The entry an entry address names (feeds/identity.ts), as an article: its content, else its description. */
export async function readLinklessEntry(client: HttpClient, address: string, fetch: FetchOptions = {}): Promise<Article> {
  const named = parseEntryAddress(address);
  if (!named) throw new KiosqueError('USAGE', `${address} is not an entry of a feed.`, { url: address });
  const { title, entries } = await entriesOf(client, named.feedUrl, fetch);
  const entry = entries.find((candidate) => !candidate.linked && isDigestOf(candidate.id, named.digest));
  if (!entry) throw new KiosqueError('NO_ARTICLE', `This entry is no longer in its feed (${named.feedUrl}).`, { url: address });
  return entryArticle(entry, title, address, entry.content ?? entry.description ?? '');
}

/**
 * The full text the feed carries for an entry that has a page (content:encoded, Atom content),
 * as an article at the entry's address; undefined when the feed carries none (a description is
 * not the article) or the entry is not in the feed any more.
 */
export async function feedCopyOf(keptClient: HttpClient, url: string, ref: FeedEntryRef): Promise<Article | undefined> {
  // From the cache only (`keptClient` never goes to the network): the page just failed, the feed is as it was read.
  const { title, entries } = await entriesOf(keptClient, ref.sourceUrl, {}).catch(() => ({ title: '', entries: [] as FeedEntry[] }));
  const entry = entries.find((candidate) => candidate.id === ref.id) ?? entries.find((candidate) => candidate.url === url);
  return entry?.content ? entryArticle(entry, title, url, entry.content) : undefined;
}

async function entriesOf(client: HttpClient, url: string, fetch: FetchOptions): Promise<{ title: string; entries: FeedEntry[] }> {
  const resource = await feedResourceOf(client, url, fetch);
  // Read here, as every feed is (feeds/xml-feed.ts: linear, bounded by the text), but for a large one (work/load.ts).
  const readHere = async () => (await import('../feeds/parse.js')).readFeed(resource.text, resource.finalUrl);
  if (resource.text.length <= IN_PROCESS_FEED) return readHere();
  const { runParseJob } = await loadParsers();
  const job = { task: 'entries', text: resource.text, finalUrl: resource.finalUrl, url } as const;
  return runParseJob<{ title: string; entries: FeedEntry[] }>(job, readHere);
}

/** The entry's HTML as the extractor's blocks: cleaned as any article's text is on its way to the screen. */
function entryArticle(entry: FeedEntry, feedTitle: string, address: string, html: string): Article {
  const document = parseHtml(`<div>${html}</div>`);
  const root = document.children.find((node) => 'name' in node) as Parameters<typeof buildBlocks>[0][number] | undefined;
  const title = cleanInline(entry.title);
  const built = root ? buildBlocks([root], { baseUrl: entry.linked ? entry.url : address, title, titleElement: undefined }) : undefined;
  let blocks = built?.blocks ?? [];
  // Whatever the block rules make of a short status line, its words are shown.
  const text = cleanInline(textOf(document));
  if (blocks.every((block) => block.type === 'image') && text) blocks = [...blocks, { type: 'paragraph', text }];
  return {
    url: address,
    canonicalUrl: null,
    title,
    byline: entry.author ? cleanInline(entry.author) : null,
    published: entry.published,
    section: null,
    siteName: cleanInline(feedTitle) || null,
    lang: null,
    description: null,
    blocks,
    related: built?.related ?? [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: text ? text.split(/\s+/).length : 0,
    access: 'full',
    fromFeed: true,
  };
}
