/**
 * Which page of which article an address is: the address with its page marker (…/2/,
 * -p2.html, /seite-2, ?page=2, _story_1.html) taken out, and the marker's number. Addresses
 * only, no page: the session reads page numbers from here without loading the HTML parsers.
 */

/** Query parameters that number an article's pages. WordPress's `paged` numbers a list's, and `p` is a post id. */
const PAGE_PARAM = /^(?:page|pg|pagina|seite|pagenum|page_?no|pagenumber|currentpage)$/i;
/** Tracking parameters a feed or a share button adds: not part of which page this is. */
const TRACKING_PARAM = /^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|xtor|at_\w+|ns_\w+|ref|rss|src)$/i;
/** A path segment that is only a page marker: /slug/2/, /slug/seite-2, /slug/page-2. */
const PAGE_SEGMENT = /^(?:(?:seite|pagina|página|strona|sayfa|page)-)?(\d{1,3})$/i;
/** A file name with a page marker: slug-p2.html, slug_page2.php, story_1.html, artikel-2.html. */
const PAGE_FILE = /^(.+?)(?:([-_](?:p|page|seite|pagina)[-_]?)|[-_,])(\d{1,2})(\.(?:s?html?|php\d?|aspx?|jsp|cms))$/i;

/** Which page of which article an address is: the address without its page marker, and the marker's number. */
export interface PageAddress {
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

export function pageAddress(url: string): PageAddress | undefined {
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
      number = Number(file[3]);
      // story.html, story_1.html, story_2.html: a bare number is not always the page's (-p2 is).
      plainNumber = file[2] !== undefined;
      segments[segments.length - 1] = `${file[1]}${file[4]}`;
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
  // On the address as written: asked of every link of a page, it parses nothing.
  return /\/page\/\d+\/?(?:[?#]|$)|[?&]paged=\d+(?:[&#]|$)/i.test(url);
}

/** Whether `link` is another page of the article at `url`: the same address but for the page marker, on the same site. */
export function isPageOf(link: string, url: string): boolean {
  const here = pageAddress(url);
  return here !== undefined && isPageAt(link, here);
}

export function isPageAt(link: string, here: PageAddress): boolean {
  if (isListPagination(link)) return false;
  const there = pageAddress(link);
  if (!there || there.host !== here.host) return false;
  // Two addresses without a page marker are two articles (or the same page).
  if (there.number === null && here.number === null) return false;
  if (there.key === here.key) return there.number !== here.number;
  // The same article under another section (Big Think's /Mind-Matters/slug and /ideas/slug?page=2).
  return there.slug !== null && there.slug === here.slug && there.query === here.query && there.number !== here.number;
}

/** The page number an address carries (3 for …/3/, -p3.html, ?page=3), or null when it carries none or an ambiguous one. */
export function pageNumber(url: string): number | null {
  const address = pageAddress(url);
  return address?.plainNumber ? address.number : null;
}
