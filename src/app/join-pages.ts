import { isKiosqueError } from '../errors.js';
import { pageNumber } from '../extract/page-address.js';
import type { Article, Block, MissingPage, RelatedLink } from '../extract/types.js';
import type { FetchOptions } from '../net/client.js';
import { mayPrefetchFrom } from './prefetch-rule.js';

/**
 * Multi-page articles read whole: the opened page, then its next page, and the next, joined
 * into one article with a quiet "page 2 of 3" block where each page begins. Both faces read
 * through here (session.readArticle), so `kiosque read` and the reader show the same text.
 */

/** At most this many pages are joined into one article: a site that numbers its pages forever stops here. */
export const MAX_PAGES = 20;

export interface PageReading {
  article: Article;
  /** Not fresh from the web (an expired cache entry). */
  stale: boolean;
  fromCache: boolean;
}

export interface JoinedReading extends PageReading {
  /** Stopped at the caller's own, lower limit with pages left to read (reading ahead reads page 2 only). */
  cutShort: boolean;
}

/** Reads one page's article through the cache (app/read-article.ts). */
export type ReadPage = (url: string, options: FetchOptions) => Promise<PageReading>;

export interface JoinOptions {
  /** Pages to read at most, this one included (never more than MAX_PAGES). */
  maxPages?: number | undefined;
  /** Which redirect targets the fetches may follow (reading ahead passes its rule). */
  mayFollow?: ((target: string) => boolean) | undefined;
  /**
   * Told the pages read so far before each following page is fetched, ending with a `page` block
   * "page 3 is loading…": the reader shows page 1 at once, not after the last page.
   */
  onProgress?: ((reading: PageReading) => void) | undefined;
}

/**
 * The article at `url` with the pages that follow it. Each page is read as any page is
 * (cached, so reading it again offline costs no network). The following stops at the last
 * page, at a page already read (a loop), at a page of another site, at a page that turns out
 * to be another article (another title, the same text again) and at MAX_PAGES. A page that
 * cannot be read leaves the pages read so far, and `missingPage` says which one is missing.
 */
export async function readPages(url: string, readPage: ReadPage, options: JoinOptions = {}): Promise<JoinedReading> {
  const first = await readPage(url, options.mayFollow ? { mayFollow: options.mayFollow } : {});
  const limit = Math.max(1, Math.min(options.maxPages ?? MAX_PAGES, MAX_PAGES));
  // Pages 2…N are fetched with no key pressed: held to the rule of reading ahead (the article's own site,
  // no probing of the local network from a public page), redirects included.
  const allowed = (target: string) => mayPrefetchFrom(url, first.article.url, target);
  const pageOptions: FetchOptions = { mayFollow: (target) => allowed(target) && (options.mayFollow?.(target) ?? true) };
  const parts: PageReading[] = [first];
  // Each page's text once, to tell a page served again under another address (a site ignoring ?page=2).
  const texts = new Set([textKey(first.article)]);
  const seen = new Set([addressKey(url), addressKey(first.article.url)]);
  const start = firstPageNumber(first.article);
  let missing: MissingPage | null = null;
  let cutShort = false;
  let next = first.article.pagination.next;
  while (next && !seen.has(addressKey(next)) && allowed(next)) {
    const number = start + parts.length;
    if (parts.length >= limit) {
      if (limit < MAX_PAGES) cutShort = true;
      else missing = { number, url: next, message: `kiosque joins at most ${MAX_PAGES} pages of an article.` };
      break;
    }
    seen.add(addressKey(next));
    if (options.onProgress) {
      const sofar = joinPages(
        parts.map((part) => part.article),
        { start, loading: { number, url: next } },
      );
      options.onProgress({ article: sofar, stale: parts.some((part) => part.stale), fromCache: parts.every((part) => part.fromCache) });
    }
    let part: PageReading;
    try {
      part = await readPage(next, pageOptions);
    } catch (error) {
      // What the web did (no network, a 404, a page without text) makes a missing page; a bug is never hidden as one.
      if (!isKiosqueError(error)) throw error;
      missing = { number, url: next, message: error.message };
      break;
    }
    const text = textKey(part.article);
    if (texts.has(text) || !sameTitle(first.article.title, part.article.title)) break;
    texts.add(text);
    parts.push(part);
    seen.add(addressKey(part.article.url));
    next = part.article.pagination.next;
  }
  return {
    article: joinPages(
      parts.map((part) => part.article),
      { start, missing },
    ),
    stale: parts.some((part) => part.stale),
    fromCache: parts.every((part) => part.fromCache),
    cutShort,
  };
}

/**
 * Pages of one article as one article: page 1's title, byline and neighbours, every page's
 * blocks with a `page` block before each page after the first (and a last one for a page still
 * loading, or missing), related links of all pages once each (inline callouts first, as on one
 * page), the word count of all. Pure.
 */
export function joinPages(
  parts: Article[],
  {
    start = 1,
    missing = null,
    loading,
  }: {
    start?: number;
    missing?: MissingPage | null;
    /** The page being read next, while the pages are read: a last `page` block says it is on its way. */
    loading?: { number: number; url: string };
  } = {},
): Article {
  const [first, ...rest] = parts;
  if (!first) throw new Error('joinPages needs at least one page');
  const pages = parts.map((part) => part.url);
  // The last block says what comes after the pages read: the next page on its way, or why it is missing.
  const pending: Block[] = loading
    ? [{ type: 'page', ...loading, of: null, text: `page ${loading.number} is loading…` }]
    : missing
      ? [{ type: 'page', number: missing.number, url: missing.url, of: null, text: missingPageNote(missing) }]
      : [];
  if (rest.length === 0) return { ...first, blocks: [...first.blocks, ...pending], pages, missingPage: missing };
  const own = new Set(pages.map(addressKey));
  const notOwn = <T extends { url: string }>(link: T | null): T | null => (link && !own.has(addressKey(link.url)) ? link : null);

  // Inline callouts (labelled) of every page first, then the boxes', each address once.
  const all = parts.flatMap((part) => part.related);
  const related: RelatedLink[] = [];
  const indexOf = new Map<string, number>();
  for (const link of [...all.filter((l) => l.label !== undefined), ...all.filter((l) => l.label === undefined)]) {
    if (indexOf.has(link.url) || own.has(addressKey(link.url))) continue;
    indexOf.set(link.url, related.length);
    related.push(link);
  }

  const of = missing || loading ? null : start + parts.length - 1;
  const blocks: Block[] = [];
  parts.forEach((part, position) => {
    const number = start + position;
    if (position > 0) blocks.push({ type: 'page', number, of, url: part.url, text: `page ${number}${of ? ` of ${of}` : ''}` });
    for (const block of part.blocks) {
      if (block.type !== 'related') {
        blocks.push(block);
        continue;
      }
      const link = part.related[block.index];
      const index = link ? indexOf.get(link.url) : undefined;
      // A callout to another page of this same article says nothing the joined text does not.
      if (index !== undefined) blocks.push({ ...block, index });
    }
  });

  const last = parts[parts.length - 1]!;
  return {
    ...first,
    blocks: [...blocks, ...pending],
    related,
    // The post navigation is often printed on the last page only.
    previous: notOwn(first.previous) ?? notOwn(last.previous),
    next: notOwn(first.next) ?? notOwn(last.next),
    wordCount: parts.reduce((sum, part) => sum + part.wordCount, 0),
    pages,
    missingPage: missing,
  };
}

/** What a reader is told of a missing page: which one, and why. */
export function missingPageNote(missing: MissingPage): string {
  const why = /[.!?]$/.test(missing.message) ? missing.message : `${missing.message}.`;
  return `Page ${missing.number} of this article could not be read, the text stops before it: ${why}`;
}

/**
 * The number of the page the reading starts on: 1 unless the page has a previous page, then
 * the number its address carries (…/3/), else 2.
 */
function firstPageNumber(article: Article): number {
  if (!article.pagination.previous) return 1;
  return pageNumber(article.url) ?? 2;
}

/** A page's text, to tell the same page read again. */
function textKey(article: Article): string {
  return JSON.stringify(article.blocks);
}

/** Words that say which page a title is on ("Page 2", "Seite 2 von 3", "(2/3)"): not the article's. */
const PAGE_WORDS = new Set(['page', 'pages', 'seite', 'von', 'of', 'pagina', 'página', 'part', 'partie', 'teil', 'sur', 'de']);

/**
 * Two titles of one article: most words of the shorter are in the longer. A site adds "Page 2"
 * or its name to a page's title; another article's title shares a few words at most.
 */
function sameTitle(a: string, b: string): boolean {
  const words = (title: string) =>
    new Set((title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !PAGE_WORDS.has(word) && !/^\d+$/.test(word)));
  const [one, two] = [words(a), words(b)];
  // A page without a title says nothing against it.
  if (one.size === 0 || two.size === 0) return true;
  const [shorter, longer] = one.size <= two.size ? [one, two] : [two, one];
  let shared = 0;
  for (const word of shorter) if (longer.has(word)) shared++;
  return shared / shorter.size >= 0.6;
}

/** An address as pages are told apart: without its fragment or a trailing slash. */
function addressKey(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/+$/, '');
}
