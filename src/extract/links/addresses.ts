import { attr, type Document, elementsByTag, resolveLink } from '../../html/dom.js';
import { webUrl } from '../../text/url.js';

/**
 * What a link's address says about what it leads to: another article, or a page that lists
 * articles (a tag, a topic, a category, an author, the home page, page 2 of a list). Related
 * boxes and neighbour blocks are told apart from tag clouds and list pagers by this.
 */

/** Path segments of pages that list articles rather than being one. */
const LISTING_SEGMENT =
  /^(?:tags?|topics?|themes?|category|categories|categorie|kategorie|rubrique|rubriques|section|sections|author|authors|autor|auteur|people|person|profile|users?|members?|search|label|labels|keywords?|thema|themen|tema|temas|argomenti|subjects?|feeds?|rss|page|seite|pagina|página|strona|wp-login\.php|login|signup|subscribe|newsletters?|shop|cart|about|contact|privacy|terms)$/i;

/** Files that are not pages. */
const NOT_A_PAGE = /\.(?:jpe?g|png|gif|webp|svg|pdf|mp3|mp4|zip|xml|css|js)$/i;

/** Hosts of ad servers and recommendation networks, whose links are never the site's further reading. */
const AD_NETWORK =
  /(?:^|\.)(?:doubleclick\.net|googlesyndication\.com|taboola\.com|outbrain\.com|linkwithin\.com|zergnet\.com|revcontent\.com|mgid\.com)$/i;

/** Why a link is not an article, or null when nothing in its address says so. */
export function listingOrFurniture(url: string): 'home' | 'listing' | 'file' | 'ad' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'file';
  }
  if (AD_NETWORK.test(parsed.hostname)) return 'ad';
  const segments = parsed.pathname.split('/').filter(Boolean);
  if (segments.length === 0) return parsed.search.length > 1 ? null : 'home';
  if (NOT_A_PAGE.test(parsed.pathname)) return 'file';
  // "/page/2/", "/tag/x/", "/category/y/", "/author/z/": the first listing word decides, wherever it stands.
  if (segments.some((segment) => LISTING_SEGMENT.test(segment))) return 'listing';
  // "?tag=x", "?cat=3", "?page=2" on a path that names no article.
  if (/[?&](?:tag|cat|category|s|page|paged)=/i.test(parsed.search) && !looksLikeArticlePath(segments)) return 'listing';
  return null;
}

/**
 * Whether an address has the shape of an article's: a slug of four words or more, a long number
 * (an id or a date), a file name. "/business/amazon/" and "/teams/new-york-yankees" (sections,
 * tags) have none.
 */
export function looksLikeArticle(url: string): boolean {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/').filter(Boolean);
    return looksLikeArticlePath(segments) || /[?&](?:p|id|story|article|post|aid|sid)=\w/i.test(parsed.search);
  } catch {
    return false;
  }
}

function looksLikeArticlePath(segments: string[]): boolean {
  return segments.some(
    (segment) =>
      /\d{4,}/.test(segment) ||
      // Four words or more: "new-york-yankees" is a team's page, "how-to-braid-your-hair" an article.
      /[^-_+]+[-_+][^-_+]+[-_+][^-_+]+[-_+][^-_+]+/.test(segment) ||
      /\.(?:s?html?|php|aspx?|cms)$/i.test(segment) ||
      // A non-Latin slug (percent-encoded words) of some length.
      /(?:%[0-9a-f]{2}){6,}/i.test(segment),
  );
}

/** The part of a host that names the site: "www.heise.de" → "heise.de", "news.bbc.co.uk" → "bbc.co.uk". */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2) return labels.join('.');
  const [second, top] = labels.slice(-2) as [string, string];
  const countrySecondLevel = top.length === 2 && /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gr|lg|ed|ad)$/.test(second);
  return labels.slice(countrySecondLevel ? -3 : -2).join('.');
}

/**
 * The sites a page speaks for: its own address, and the addresses it gives itself (canonical,
 * og:url, <base href>), so a copy of a page read from elsewhere still knows its site.
 */
export function pageSites(document: Document, url: string): ReadonlySet<string> {
  // Asked by the neighbours and by the related links of the same page: made once.
  const known = sitesOfPage.get(document);
  if (known?.url === url) return known.sites;
  const sites = new Set<string>();
  const add = (address: string | undefined) => {
    const absolute = webUrl(address, url);
    if (absolute) sites.add(siteOf(new URL(absolute).hostname));
  };
  add(url);
  for (const link of elementsByTag(document, 'link')) {
    if ((attr(link, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) add(attr(link, 'href'));
  }
  for (const meta of elementsByTag(document, 'meta')) {
    if ((attr(meta, 'property') ?? attr(meta, 'name')) === 'og:url') add(attr(meta, 'content'));
  }
  for (const base of elementsByTag(document, 'base')) add(attr(base, 'href'));
  sitesOfPage.set(document, { url, sites });
  return sites;
}

const sitesOfPage = new WeakMap<Document, { url: string; sites: ReadonlySet<string> }>();

/** Whether `url` is on one of the sites. */
export function onSite(url: string, sites: ReadonlySet<string>): boolean {
  try {
    return sites.has(siteOf(new URL(url).hostname));
  } catch {
    return false;
  }
}

/** The address relative links of the page resolve against: its <base href>, else its own. */
export function documentBase(document: Document, url: string): string {
  const base = elementsByTag(document, 'base').find((element) => attr(element, 'href'));
  return (base && webUrl(attr(base, 'href'), url)) ?? url;
}

/**
 * resolveLink, remembered for the addresses of the page being read: the neighbours, the related
 * boxes and their titles ask for the same links again and again (a menu's, a card's two links),
 * and each answer is a URL parse. A pure function of its arguments: the cache changes no answer.
 */
export function resolveHref(href: string | undefined, base: string): string | undefined {
  if (href === undefined) return undefined;
  if (base !== resolvedBase || resolved.size >= MAX_RESOLVED) {
    resolvedBase = base;
    resolved = new Map();
  }
  let url = resolved.get(href);
  if (url === undefined && !resolved.has(href)) {
    url = resolveLink(href, base);
    resolved.set(href, url);
  }
  return url;
}

let resolvedBase = '';
let resolved = new Map<string, string | undefined>();
const MAX_RESOLVED = 10_000;
