import { cleanInline } from '../../text/sanitize.js';
import { $all, $one, attr, classAndId, type Element, isTag, squash, textOf } from '../../html/dom.js';
import { MENU_BAR_CLASS, RELATED_BOX_CLASS } from '../../html/furniture.js';
import { fitsWithin } from '../bounded.js';
import { listingOrFurniture, looksLikeArticle, onSite, resolveHref } from '../links/addresses.js';
import { LABEL_MAX_CHARACTERS } from '../links/labels.js';
import { type RelatedLink } from '../types.js';

/** What the search for related links shares between its readers: the search itself, the article links of a box, and where such links never stand. */
/** Everything one search for related links on a page needs to know. */
export interface Search {
  pageUrl: string;
  base: string;
  sites: ReadonlySet<string>;
  /** Elements already read as part of a box or a callout: their inside is not searched again. */
  claimed: Set<Element>;
  found: Array<{ order: number; links: RelatedLink[] }>;
  /** The elements that may be a label, a callout or a box, in page order. */
  candidates: Element[];
  /** How many of them carry each related-sounding tag and class: counted when first asked (most pages have no such box). */
  namedBoxes: Map<string, number> | undefined;
}

/** How many elements of the page carry the tag and class of this one, when its class sounds related. */
export function namedBoxCount(element: Element, search: Search): number {
  if (!search.namedBoxes) {
    search.namedBoxes = new Map();
    for (const candidate of search.candidates) {
      const names = candidate.attribs['class'];
      if (names && RELATED_BOX_CLASS.test(names.toLowerCase())) {
        const key = `${candidate.name}.${names}`;
        search.namedBoxes.set(key, (search.namedBoxes.get(key) ?? 0) + 1);
      }
    }
  }
  return search.namedBoxes.get(`${element.name}.${element.attribs['class'] ?? ''}`) ?? 0;
}

/** Where further reading of the article never stands: the site's menus and forms, and the page's own header and footer. */
const CHROME = new Set(['nav', 'form', 'button', 'select', 'option']);
const PAGE_EDGE = new Set(['header', 'footer']);
/** The same by class: a site's nav and footer built of divs (a footer's "related services", a nav's drop-down). */
const SITE_CHROME_CLASS = /(?:^|[^a-z])(?:nav|(?<!(?:article|entry|post|story)[-_])footer)(?:[^a-z]|$)/;

/** A label element: short, and a few elements at most (an icon, a span around the words). */
export const LABEL_BOUNDS = { characters: LABEL_MAX_CHARACTERS, nodes: 12 } as const;

/** Whether an element is links rather than prose: a card or a list item, not a paragraph with a link in it. */
export function mostlyLinks(element: Element): boolean {
  if (!fitsWithin(element, { characters: 6000, nodes: 3000 })) return false;
  const total = squash(textOf(element)).length;
  if (total <= 40 || element.name === 'a') return true;
  const linked = $all('a[href]', element).reduce((sum, anchor) => sum + squash(textOf(anchor)).length, 0);
  return linked / total >= 0.35;
}

/**
 * The article links among a box's anchors, one per address, titled by the card's headline; or
 * null when the box is not a list of articles (most of its links go to tags, sections, other
 * sites or nowhere).
 */
export function articleLinks(anchors: Element[], search: Search): RelatedLink[] | null {
  const byUrl = new Map<string, { title: string; articleLike: boolean }>();
  let others = 0;
  for (const anchor of anchors) {
    const url = resolveHref(attr(anchor, 'href'), search.base);
    if (!url) continue;
    const text = cleanInline(textOf(anchor));
    // "More on X" and arrows ("→") are the box's navigation, not its items.
    if (MORE_LINK.test(text) || (text !== '' && !/[\p{L}\p{N}]/u.test(text))) continue;
    const clean = withoutTrackingParameters(url);
    if (withoutFragment(clean) === withoutFragment(search.pageUrl)) continue;
    if (listingOrFurniture(clean) || !onSite(clean, search.sites)) {
      others++;
      continue;
    }
    const title = anchorTitle(anchor, text);
    const known = byUrl.get(withoutFragment(clean));
    if (known) {
      // An image link first, the headline link after it: the headline names the card.
      if (title.length > known.title.length) {
        known.title = title;
        known.articleLike ||= headlineLike(title);
      }
      continue;
    }
    byUrl.set(withoutFragment(clean), { title, articleLike: looksLikeArticle(clean) || headlineLike(title) });
  }
  const entries = [...byUrl];
  const articleLike = entries.filter(([, entry]) => entry.articleLike).length;
  if (articleLike === 0 || articleLike * 2 < entries.length + others) return null;
  // Items are headlines: a box of section and service links ("Transfers", "News wire") is the site's, whatever its label.
  const headlines = entries.filter(([, entry]) => headlineLike(entry.title)).length;
  if (headlines * 2 < entries.length) return null;
  return entries.filter(([, entry]) => entry.title).map(([url, entry]) => ({ title: entry.title, url }));
}

/**
 * "More on Amazon", "See all", "Plus d'articles": a box's link to its section, not an item. Whole
 * link texts, so that a headline that begins with "More" ("More Nikon sample images") stays an item.
 */
export const MORE_LINK =
  /^(?:more|see (?:all|more)|view (?:all|more)|all (?:posts|articles|stories|news)|plus d['’]articles|tous les articles|mehr|alle (?:artikel|beiträge)|ver (?:más|todos)|ver mais|altri articoli|read more|continue reading|lire la suite|weiterlesen|leia mais|leer más|leggi (?:tutto|altro))(?:\s+(?:on|from|in|about|by|stories|articles|news|posts|videos|zu|zum|sur|de|du|des|von)\b.*)?\s*[»›>…→]*$/i;

/** A headline has a few words (or, in scripts without spaces, a few characters). */
export function headlineLike(title: string): boolean {
  return (
    title.split(/\s+/).filter((word) => /\p{L}/u.test(word)).length >= 4 ||
    // Scripts written without spaces: five characters make a headline ("秀巒 玉峰道路").
    (title.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0) >= 5
  );
}

/** A card's headline: a heading or a title inside the link, else the link's text, else its title attribute or picture's alt. */
function anchorTitle(anchor: Element, text: string): string {
  const headline = $one('h1, h2, h3, h4, h5, h6, [class*="title"], [class*="headline"]', anchor);
  const fromHeadline = headline ? cleanInline(textOf(headline)) : '';
  if (fromHeadline) return fromHeadline.slice(0, 300);
  if (text) return text.slice(0, 300);
  const picture = $one('img[alt]', anchor);
  return cleanInline(attr(anchor, 'title') ?? (picture ? (attr(picture, 'alt') ?? '') : '')).slice(0, 300);
}

/** Whether a link leads to another page (not "#…", not javascript:), without resolving it. */
export function leadsSomewhere(anchor: Element): boolean {
  const href = (attr(anchor, 'href') ?? '').trim();
  return href !== '' && !href.startsWith('#') && !/^javascript:/i.test(href);
}

/** Whether the element holds a link that leads somewhere (a label is text, not a link; tabs with href="#" are not links). */
export function hasLinkOut(element: Element, base: string): boolean {
  const anchors = element.name === 'a' ? [element] : $all('a[href]', element);
  return anchors.some((anchor) => resolveHref(attr(anchor, 'href'), base) !== undefined);
}

export function isClaimed(element: Element, search: Search): boolean {
  for (let node: Element | null = element; node; node = node.parent && isTag(node.parent) ? node.parent : null) {
    if (search.claimed.has(node)) return true;
  }
  return false;
}

/** Inside a menu, a bar or a form, or in a header or footer of the page (an article's own footer is the article's). */
export function inChrome(element: Element): boolean {
  let edge = false;
  for (let node: Element | null = element; node; node = node.parent && isTag(node.parent) ? node.parent : null) {
    if (node.name === 'article' || node.name === 'main') return false;
    if (CHROME.has(node.name) || node.attribs['role'] === 'navigation') return true;
    const names = classAndId(node);
    if (names && (MENU_BAR_CLASS.test(names) || SITE_CHROME_CLASS.test(names))) return true;
    if (PAGE_EDGE.has(node.name)) edge = true;
  }
  return edge;
}

export function closestWithin(node: Element, root: Element, predicate: (element: Element) => boolean): boolean {
  for (
    let current: Element | null = node;
    current && current !== root;
    current = current.parent && isTag(current.parent) ? current.parent : null
  ) {
    if (predicate(current)) return true;
  }
  return false;
}

export function closestWithinLevels(element: Element, levels: number, predicate: (element: Element) => boolean): boolean {
  let node = element.parent;
  for (let level = 0; level < levels && node && isTag(node); level++, node = node.parent) {
    if (predicate(node)) return true;
  }
  return false;
}

export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Jetpack and analytics decorate related links with query strings that name no page. */
export function withoutTrackingParameters(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (/^(?:utm_|relatedposts|fbclid|gclid|mc_)/.test(key)) parsed.searchParams.delete(key);
  }
  return parsed.href;
}
