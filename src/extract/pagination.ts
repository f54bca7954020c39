import { cleanInline } from '../text/sanitize.js';
import {
  ancestors,
  attr,
  classAndId,
  closest,
  type Document,
  type Element,
  elementsByTag,
  isTag,
  relsOf,
  resolveLink,
  textOf,
} from '../html/dom.js';
import type { Link } from './types.js';

/**
 * Multi-page articles: the next and previous page of *this same* article ("Pages: 1 2 3",
 * "Next page", a title-less `<link rel=next>`), told apart from the next article and from the
 * pages of a list (an archive's /page/2/), which are never an article's continuation.
 *
 * A link is taken for a page of the article only when two things agree: something on the page
 * says it is paging (rel=next/prev, a "next page" label, a page number in a pager), and its
 * address is this page's address with a page marker (…/2/, -p2.html, /seite-2, ?page=2,
 * _story_1.html). Either alone is not enough: WordPress prints a title-less rel=next to the next
 * *article* on some sites (IBNLive's consecutive ids), and themes call their post navigation
 * "pagination".
 */
export interface Pagination {
  previous: string | null;
  next: string | null;
}

const NONE: Pagination = { previous: null, next: null };

/** Query parameters that number an article's pages. WordPress's `paged` numbers a list's, and `p` is a post id. */
const PAGE_PARAM = /^(?:page|pg|pagina|seite|pagenum|page_?no|pagenumber|currentpage)$/i;
/** Tracking parameters a feed or a share button adds: not part of which page this is. */
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|xtor|at_\w+|ns_\w+|ref|rss|src)$/i;
/** A path segment that is only a page marker: /slug/2/, /slug/seite-2, /slug/page-2. */
const PAGE_SEGMENT = /^(?:(?:seite|pagina|página|strona|sayfa|page)-)?(\d{1,3})$/i;
/** A file name with a page marker: slug-p2.html, slug_page2.php, story_1.html, artikel-2.html. */
const PAGE_FILE = /^(.+?)(?:[-_](?:p|page|seite|pagina)[-_]?|[-_,])(\d{1,2})(\.(?:s?html?|php\d?|aspx?|jsp|cms))$/i;

/** Labels of a "next page" / "previous page" link, in the languages the reader meets. */
const NEXT_PAGE =
  /^(?:next(?:\s+page)?|page\s+suivante|suivante?|nächste(?:\s+seite)?|weiter|siguiente|página\s+siguiente|pagina\s+successiva|successiva|pr[óo]xima(?:\s+p[áa]gina)?|volgende(?:\s+pagina)?|następna(?:\s+strona)?|continue(?:\s+reading)?)?\s*[»›→>]*$/i;
const PREVIOUS_PAGE =
  /^[«‹←<]*\s*(?:prev(?:ious)?(?:\s+page)?|page\s+précédente|précédente?|vorherige(?:\s+seite)?|zurück|anterior|página\s+anterior|pagina\s+precedente|precedente|vorige(?:\s+pagina)?|poprzednia(?:\s+strona)?)?$/i;
/** A page number in a pager: "2", "Page 2", "Seite 2", "[2]". */
const PAGE_NUMBER = /^\[?(?:page|seite|pagina|página|p\.)?\s*(\d{1,3})\]?$/i;
/** A pager of links to comment pages is not the article's. */
const COMMENTS = /comment|respond|disqus/;

/** Which page of which article an address is: the address without its page marker, and the marker's number. */
interface PageAddress {
  /** host (without a leading www.) and port, path without the marker or a trailing slash, the query without the marker or tracking. */
  key: string;
  /** The last path segment when it reads as an article's slug (a long hyphenated name), else null. */
  slug: string | null;
  /** The query as kept in `key`, for comparing by slug. */
  query: string;
  host: string;
  number: number | null;
  /** Whether the number may be taken as the page's own (not _1 for page 2, as the Washington Post numbers them). */
  plainNumber: boolean;
}

function pageAddress(url: string): PageAddress | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  let number: number | null = null;
  let plainNumber = true;
  const kept: string[] = [];
  for (const [name, value] of parsed.searchParams) {
    if (number === null && PAGE_PARAM.test(name) && /^\d{1,3}$/.test(value)) number = Number(value);
    else if (!TRACKING_PARAM.test(name)) kept.push(`${name}=${value}`);
  }
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (number === null && segments.length >= 2) {
    const last = segments[segments.length - 1]!;
    const before = segments[segments.length - 2]!;
    const marker = PAGE_SEGMENT.exec(last);
    // /2024/05/ is a date, /page/2/ a list: only a segment after a word (a slug) is a page marker.
    if (marker && /\p{L}/u.test(before) && before.toLowerCase() !== 'page') {
      number = Number(marker[1]);
      segments.pop();
    }
  }
  if (number === null && segments.length >= 1) {
    const file = PAGE_FILE.exec(segments[segments.length - 1]!);
    if (file && /\p{L}/u.test(file[1]!)) {
      number = Number(file[2]);
      // story.html, story_1.html, story_2.html: the file's number is not always the page's.
      plainNumber = false;
      segments[segments.length - 1] = `${file[1]}${file[3]}`;
    }
  }
  const host = `${parsed.hostname.replace(/^www\./, '')}:${parsed.port}`;
  const query = kept.sort().join('&');
  const last = segments[segments.length - 1] ?? '';
  const slug = last.length >= 12 && /[-_]/.test(last) ? last.toLowerCase() : null;
  return { key: `${host}/${segments.join('/')}?${query}`, slug, query, host, number, plainNumber };
}

/**
 * Whether an address is a page of a list, never of an article: WordPress's /page/2/ of an
 * archive, a category or the home page, and its ?paged=2.
 */
export function isListPagination(url: string): boolean {
  try {
    const parsed = new URL(url);
    return /\/page\/\d+\/?$/i.test(parsed.pathname) || /^\d+$/.test(parsed.searchParams.get('paged') ?? '');
  } catch {
    return false;
  }
}

/** Whether `link` is another page of the article at `url`: the same address but for the page marker, on the same site. */
export function isPageOf(link: string, url: string): boolean {
  const here = pageAddress(url);
  return here !== undefined && isPageAt(link, here);
}

function isPageAt(link: string, here: PageAddress): boolean {
  if (isListPagination(link)) return false;
  const there = pageAddress(link);
  if (!there || there.host !== here.host) return false;
  // Two addresses without a page marker are two articles (or the same page).
  if (there.number === null && here.number === null) return false;
  if (there.key === here.key) return there.number !== here.number;
  // The same article under another section (Big Think's /Mind-Matters/slug and /ideas/slug?page=2).
  return there.slug !== null && there.slug === here.slug && there.query === here.query && there.number !== here.number;
}

/**
 * The article's own pagination, read before the page's furniture is removed (pagers are
 * furniture). `head` is the title-less `<link rel=prev|next>` pair (extract/navigation.ts): taken
 * only when it points to a page of this article. A list page (an archive, a category, a search)
 * has no pages of an article: its pagination is never followed as one.
 */
export function findPagination(document: Document, url: string, head: Pagination): Pagination {
  const here = pageAddress(url);
  if (!here || isListPage(document, url)) return NONE;
  const pager = pagerLinks(document, url, here);
  // This page's number: the pager's number for its own address, else the address's marker, else page 1.
  const current = pager.current ?? (here.plainNumber ? here.number : null) ?? 1;
  const byNumber = (number: number) => pager.numbered.find((link) => link.number === number)?.url ?? null;
  const pick = (fromHead: string | null, labelled: string | undefined, numbered: string | null) =>
    (fromHead && isPageOf(fromHead, url) ? fromHead : null) ?? labelled ?? numbered;
  return {
    previous: pick(head.previous, pager.previous, current > 1 ? byNumber(current - 1) : null),
    next: pick(head.next, pager.next, byNumber(current + 1)),
  };
}

interface PagerLinks {
  next?: string;
  previous?: string;
  numbered: Array<{ number: number; url: string }>;
  /** The number of the pager's link to this very page, when it has one. */
  current?: number;
}

/** The page's links to other pages of this article, with what they say they are: next, previous, or a number. */
function pagerLinks(document: Document, url: string, here: PageAddress): PagerLinks {
  const found: PagerLinks = { numbered: [] };
  const address = canonical(url);
  // On page 1 (no marker), a link to another page has its number in it: most links are passed over unparsed
  // (a link to page 1 itself would only say what is assumed anyway, that this is page 1).
  const firstPage = here.number === null;
  for (const anchor of elementsByTag(document, 'a')) {
    const href = attr(anchor, 'href');
    if (!href || (firstPage && !/\d/.test(href))) continue;
    const link = resolveLink(href, url);
    if (!link) continue;
    const self = canonical(link) === address;
    if (!self && !isPageAt(link, here)) continue;
    if (closest(anchor, (element) => COMMENTS.test(classAndId(element)))) continue;
    const text = cleanInline(textOf(anchor));
    const numbered = PAGE_NUMBER.exec(text);
    if (numbered) {
      const number = Number(numbered[1]);
      if (self) found.current ??= number;
      else found.numbered.push({ number, url: link });
      continue;
    }
    if (self) continue;
    const which = direction(anchor, text);
    if (which === 'next') found.next ??= link;
    else if (which === 'previous') found.previous ??= link;
  }
  return found;
}

/** Whether a link to another page says it is the next or the previous one: by rel, by its label, or by its class or its item's. */
function direction(anchor: Element, text: string): 'next' | 'previous' | undefined {
  const rels = relsOf(anchor);
  if (rels.includes('next')) return 'next';
  if (rels.includes('prev') || rels.includes('previous')) return 'previous';
  const classes = [anchor, anchor.parent]
    .filter((node): node is Element => node !== null && isTag(node))
    .map(classAndId)
    .join(' ');
  // Labels are tested on text of some content: an empty text matches both patterns' optional parts.
  if ((text && NEXT_PAGE.test(text)) || /\bnext\b|next-page/.test(classes)) return 'next';
  if ((text && PREVIOUS_PAGE.test(text)) || /\bprev(?:ious)?\b|prev-page|previous-page/.test(classes)) return 'previous';
  return undefined;
}

function canonical(url: string): string {
  return url.replace(/#.*$/, '').replace(/\/+$/, '');
}

/** WordPress's body classes of lists (an archive, a category, a tag, the blog's home, a search). */
const LIST_BODY = /\b(?:archive|category|tag|blog|home|search|search-results|author|date)\b/;

/**
 * Whether the page is a list of articles rather than one: a list's page 2 is not an article's.
 * Told by the address (/page/2/), by what the page says it is (og:type, WordPress's body
 * classes) or, failing both, by several `<article>` elements side by side.
 */
function isListPage(document: Document, url: string): boolean {
  if (isListPagination(url)) return true;
  const ogType = elementsByTag(document, 'meta').find((meta) => (attr(meta, 'property') ?? attr(meta, 'name')) === 'og:type');
  if (ogType && (attr(ogType, 'content') ?? '').trim().toLowerCase() === 'article') return false;
  const body = elementsByTag(document, 'body')[0];
  const classes = body ? (attr(body, 'class') ?? '').toLowerCase() : '';
  if (/\bsingle\b|\bsingle-post\b|\bpostid-\d+/.test(classes)) return false;
  if (LIST_BODY.test(classes)) return true;
  const outermost = elementsByTag(document, 'article').filter((article) => !ancestors(article).some((el) => el.name === 'article'));
  return outermost.length >= 3;
}

/**
 * A neighbour found by the post navigation, unless it is a page of this same article or a list's
 * page: "next" on page 1 of 3 is page 2, not the next article.
 */
export function notAPage(link: Link | null, url: string, pagination: Pagination): Link | null {
  if (!link) return null;
  if (link.url === pagination.next || link.url === pagination.previous) return null;
  if (isListPagination(link.url) || isPageOf(link.url, url)) return null;
  return link;
}
