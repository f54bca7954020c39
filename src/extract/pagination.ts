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
import { isListPagination, isPageAt, isPageOf, type PageAddress, pageAddress } from './page-address.js';
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

/** Labels of a "next page" / "previous page" link, in the languages the reader meets. */
const NEXT_PAGE =
  /^(?:next(?:\s+page)?|page\s+suivante|suivante?|nächste(?:\s+seite)?|weiter|siguiente|página\s+siguiente|pagina\s+successiva|successiva|pr[óo]xima(?:\s+p[áa]gina)?|volgende(?:\s+pagina)?|następna(?:\s+strona)?|continue(?:\s+reading)?)?\s*[»›→>]*$/i;
const PREVIOUS_PAGE =
  /^[«‹←<]*\s*(?:prev(?:ious)?(?:\s+page)?|page\s+précédente|précédente?|vorherige(?:\s+seite)?|zurück|anterior|página\s+anterior|pagina\s+precedente|precedente|vorige(?:\s+pagina)?|poprzednia(?:\s+strona)?)?$/i;
/** A page number in a pager: "2", "Page 2", "Seite 2", "[2]". */
const PAGE_NUMBER = /^\[?(?:page|seite|pagina|página|p\.)?\s*(\d{1,3})\]?$/i;
/**
 * A pager of links to comment pages is not the article's: an element whose class or id names the
 * comments (comments-area, comment-navigation, #respond, Disqus), not one that only says whether
 * they are open (WordPress's comments-open).
 */
const isComments = (element: Element) =>
  classAndId(element)
    .split(/\s+/)
    .some(
      (token) =>
        (/^comments?(?:-|$)/.test(token) && !/-(?:open|closed|count)$/.test(token)) || token === 'respond' || token.startsWith('disqus'),
    );

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
  const hostname = here.host.slice(0, here.host.lastIndexOf(':'));
  // Menus repeat the same addresses many times over: each href is judged once.
  const judged = new Map<string, { link: string; self: boolean } | null>();
  const judge = (href: string) => {
    const link = resolveLink(href, url);
    if (!link) return null;
    const self = canonical(link) === address;
    return self || isPageAt(link, here) ? { link, self } : null;
  };
  for (const anchor of elementsByTag(document, 'a')) {
    const href = attr(anchor, 'href');
    if (!href || (firstPage && !/\d/.test(href)) || onOtherHost(href, hostname)) continue;
    let verdict = judged.get(href);
    if (verdict === undefined) judged.set(href, (verdict = judge(href)));
    if (!verdict) continue;
    const { link, self } = verdict;
    if (closest(anchor, isComments)) continue;
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

/**
 * Whether an absolute href names another host than `hostname` (the page's, lowercase, without
 * www.), told from the string: most of a page's links to other sites are passed over without
 * being parsed. Only plain names are judged here (letters, digits, dots and hyphens, a last label
 * that starts with a letter): an IP address, an international name or anything the URL parser
 * would rewrite is left to it.
 */
function onOtherHost(href: string, hostname: string): boolean {
  const named = ABSOLUTE_HOST.exec(href);
  return named !== null && named[1]!.toLowerCase().replace(/^www\./, '') !== hostname;
}

const ABSOLUTE_HOST = /^\s*(?:https?:)?\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*)(?=(?::\d*)?(?:[/?#\\]|$))/i;

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
