import { cleanInline } from '../text/sanitize.js';
import { $all, $one, attr, classAndId, type Document, type Element, elementsByTag, isTag, relsOf, squash, textOf } from '../html/dom.js';
import { MENU_BAR_CLASS } from '../html/furniture.js';
import { documentBase, listingOrFurniture, looksLikeArticle, onSite, pageSites, resolveHref } from './links/addresses.js';
import { isOtherPageOfSame } from './links/same-article.js';
import { shortText } from './links/short-text.js';
import type { Link } from './types.js';

/**
 * "Article précédent" / "Article suivant": the neighbouring articles a theme
 * links to. Kept apart from pagination (page 2 of the same article, page 2 of
 * a list), which WordPress also marks with rel=next, and which themes put in
 * blocks called "pagination" as often as their article neighbours: what tells
 * them apart is where the links go.
 */
export interface Neighbours {
  previous: Link | null;
  next: Link | null;
  pagination: { previous: string | null; next: string | null };
}

/** Words for "article" that stand before or after "previous" / "next" in a label, singular only ("Older posts" pages a list). */
const ARTICLE_NOUN =
  '(?:article|post|story|entry|item|artikel|beitrag|meldung|nachricht|entrada|billet|news|artículo|noticia|publicación|articolo|notizia|artigo|notícia|publicação|articolul|статья|запись|новость|публикация|wpis|artykuł|článek|příspěvek|zpráva|içerik|yazı|haber|inlägg|innlegg|indlæg|artikkeli|bejegyzés|cikk|tulisan|berita)';

const PREVIOUS_WORD =
  '(?:précédent(?:e)?|precedent(?:e)?|previous|prev|anterior|precedente|vorherige[rsn]?|vorige[rsn]?|older|ancien(?:ne)?|vorig|poprzedni[a]?|předchozí|predchozi|предыдущ(?:ая|ий|ее)|önceki|föregående|forrige|edellinen|előző|sebelumnya)';
const NEXT_WORD =
  '(?:suivant(?:e)?|next|siguiente|successivo|successiva|prossimo|prossima|pr[óo]xim[oa]|seguinte|nächste[rsn]?|naechste[rsn]?|următor(?:ul)?|urmator(?:ul)?|newer|nouveau|nouvel(?:le)?|volgende|następn(?:y|a)|další|dalsi|следующ(?:ая|ий|ее)|sonraki|nästa|neste|næste|seuraava|következő|selanjutnya|berikutnya)';

/**
 * A whole label: an arrow, maybe a noun, the word, maybe a noun, a colon, an arrow. No literal
 * space (white space is `\s`), and no two runs of white space side by side that could share one
 * run of the text: tested on a text whose white space is not squashed, a long run would be split
 * between them in every way before the test failed.
 */
function labelBody(word: string, unspaced: string): string {
  return `(?:[«‹<←]\\s*)?(?:(?:${ARTICLE_NOUN}\\s+)?${word}(?:\\s+${ARTICLE_NOUN})?|${unspaced})(?:\\s*[:：])?(?:\\s*[»›>→])?`;
}

const PREVIOUS_BODY = labelBody(PREVIOUS_WORD, '前の(?:記事|投稿|エントリー?)|前へ|上一(?:篇|則|则|條|条)(?:文章)?|上篇|이전\\s*글');
const NEXT_BODY = labelBody(NEXT_WORD, '次の(?:記事|投稿|エントリー?)|次へ|下一(?:篇|則|则|條|条)(?:文章)?|下篇|다음\\s*글');
const PREVIOUS_LABEL = new RegExp(`^${PREVIOUS_BODY}$`, 'iu');
const NEXT_LABEL = new RegExp(`^${NEXT_BODY}$`, 'iu');

/**
 * Either label, for the one test most short elements of a page fail, on their text as it is:
 * white space around it allowed, and every space inside the label being a \s, a run of white
 * space matches where the squashed text's one space would. The same answer as testing the
 * squashed text, without making it (most short elements are no label).
 */
const EITHER_LABEL_UNSQUASHED = new RegExp(`^\\s*(?:${PREVIOUS_BODY}|${NEXT_BODY})\\s*$`, 'iu');

/** Class / id words of a neighbour block or link that has no text label (Twenty Twenty's `previous-post`, MSN's `paddle previous`). */
const PREVIOUS_CLASS = /(?:^|[^a-z])(?:prev|previous|older)(?:[-_](?:post|article|story|entry|link))?(?:[^a-z]|$)/;
// "read-next", "up-next", "next-up" are recommendations of the site (NY Post's "Read Next"), not the next article.
const NEXT_CLASS = /(?:^|[^a-z])(?<!(?:read|up|whats)[-_])(?:next|newer)(?![-_]up)(?:[-_](?:post|article|story|entry|link))?(?:[^a-z]|$)/;

/**
 * The words PREVIOUS_CLASS and NEXT_CLASS look for, in any case: what a class or id must hold for
 * either to match it once lower-cased (no other character lower-cases to these letters).
 */
const NEIGHBOUR_WORD = /prev|older|next|newer/i;

interface Context {
  url: string;
  /** The page's own addresses: where it was read from, its canonical and og:url. */
  selves: string[];
  base: string;
  sites: ReadonlySet<string>;
  /** Head links' titles by address: a visible "Next story" link borrows the headline from there. */
  headTitles: Map<string, string>;
}

export function findNeighbours(document: Document, url: string): Neighbours {
  const head = headLinks(document, url);
  const context: Context = {
    url,
    selves: ownAddresses(document, url),
    base: documentBase(document, url),
    sites: pageSites(document, url),
    headTitles: head.titles,
  };
  const labelled = labelledNeighbours(document, context);
  const rel = relNeighbours(document, context);
  let previous = labelled.previous ?? rel.previous ?? head.adjacentPrevious;
  let next = labelled.next ?? rel.next ?? head.adjacentNext;
  if (!previous || !next) {
    const named = classNamedNeighbours(document, context);
    previous ??= named.previous;
    // One article is not both neighbours: a block named "next" may hold the previous link (note100yen's div#next).
    if (!next && named.next && named.next.url !== previous?.url) next = named.next;
  }
  const notNeighbour = (href: string | null) => (href && href !== previous?.url && href !== next?.url ? href : null);
  return {
    previous,
    next,
    pagination: { previous: notNeighbour(head.pagePrevious), next: notNeighbour(head.pageNext) },
  };
}

/**
 * WordPress prints `<link rel=next title="Post title">` for the adjacent article
 * and a bare `<link rel=next>` for the next page: the title tells them apart.
 */
function headLinks(document: Document, url: string) {
  const result = {
    adjacentPrevious: null as Link | null,
    adjacentNext: null as Link | null,
    pagePrevious: null as string | null,
    pageNext: null as string | null,
    titles: new Map<string, string>(),
  };
  for (const link of elementsByTag(document, 'link').filter((element) => 'rel' in element.attribs)) {
    const rel = (attr(link, 'rel') ?? '').toLowerCase().split(/\s+/);
    const isPrev = rel.includes('prev') || rel.includes('previous');
    const isNext = rel.includes('next');
    // Most head links are stylesheets, preloads and alternates: their addresses are not resolved.
    if (!isPrev && !isNext) continue;
    const href = resolveHref(attr(link, 'href'), url);
    if (!href) continue;
    const title = cleanInline(attr(link, 'title') ?? '');
    if (title) result.titles.set(href, title);
    if (title && !isOtherPageOfSame(href, url)) {
      if (isPrev) result.adjacentPrevious ??= { title, url: href };
      else result.adjacentNext ??= { title, url: href };
    } else if (isPrev) result.pagePrevious ??= href;
    else result.pageNext ??= href;
  }
  return result;
}

/** A label is short: no need to read all of an element wrapping the article to know it is not one. */
const LABEL = { characters: 30, nodes: 50 } as const;

/**
 * Short elements whose whole text is "Article précédent" / "Article suivant" (and kin), with a
 * link around them or beside them: the first of each in the page whose link leads to another
 * article. One pass over the page for both, each candidate's text read once.
 */
function labelledNeighbours(document: Document, context: Context): { previous: Link | null; next: Link | null } {
  const found: { previous: Link | null; next: Link | null } = { previous: null, next: null };
  for (const element of elementsByTag(
    document,
    'a',
    'span',
    'div',
    'p',
    'strong',
    'b',
    'em',
    'small',
    'li',
    'td',
    'h3',
    'h4',
    'h5',
    'h6',
  )) {
    if (found.previous && found.next) break;
    if (element.children.length > 3) continue;
    const short = shortText(element, LABEL);
    if (!short) continue;
    // Tested raw, squashed and cleaned only once it reads as a label: most short elements of a page are not.
    if (!EITHER_LABEL_UNSQUASHED.test(short.text)) continue;
    const raw = squash(short.text);
    if (raw.length > 30) continue;
    for (const which of ['previous', 'next'] as const) {
      const label = which === 'previous' ? PREVIOUS_LABEL : NEXT_LABEL;
      if (found[which] || !label.test(raw) || !label.test(cleanInline(raw))) continue;
      found[which] = neighbourBy(element, context, label);
    }
  }
  return found;
}

/**
 * The link a label element names: the link around it; else the nearest link that follows it in
 * its block (a label stands before its link: "Previous post: <a>", and a block that holds both
 * "Previous" and "Next" must not give the first link to both); else the nearest before it.
 * The block is the label's parent, or a wrapper a few levels up when the label sits alone in its
 * own (Soledad's `<div class=prev-post-title><span>previous post</span></div><a>`).
 */
function neighbourBy(element: Element, context: Context, label: RegExp): Link | null {
  if (closestTag(element, 'script')) return null;
  const anchor = closestTag(element, 'a');
  if (anchor) return anchorLink(anchor, context, label);
  let inner: Element = element;
  for (let level = 0; level < 3; level++) {
    const container = inner.parent;
    if (!container || !isTag(container) || container.name === 'body') return null;
    const anchors = $all('a[href]', container);
    if (anchors.length > 0) {
      const after = anchors.filter((candidate) => follows(candidate, element));
      const before = anchors.filter((candidate) => !follows(candidate, element)).reverse();
      for (const candidate of [...after, ...before]) {
        // Another label's link ("Next »" after "« Previous" in one block) is not this label's.
        if (isLabelLink(candidate)) continue;
        const link = anchorLink(candidate, context, label);
        if (link) return link;
      }
      return null;
    }
    inner = container;
  }
  return null;
}

function isLabelLink(anchor: Element): boolean {
  const text = cleanInline(textOf(anchor));
  return text !== '' && (PREVIOUS_LABEL.test(text) || NEXT_LABEL.test(text));
}

/** Whether `node` comes after `reference` in the page (and is not inside it). */
function follows(node: Element, reference: Element): boolean {
  const path = (element: Element) => {
    const out: Element[] = [element];
    for (let current = element.parent; current && isTag(current); current = current.parent) out.unshift(current);
    return out;
  };
  const a = path(node);
  const b = path(reference);
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++;
  if (depth === b.length) return false;
  if (depth === a.length) return false;
  const parent = a[depth - 1];
  if (!parent) return false;
  return parent.children.indexOf(a[depth]!) > parent.children.indexOf(b[depth]!);
}

function closestTag(element: Element, name: string): Element | undefined {
  for (let node: Element | null = element; node; node = node.parent && isTag(node.parent) ? node.parent : null) {
    if (node.name === name) return node;
  }
  return undefined;
}

/** The first links marked rel=prev and rel=next that lead to another article. */
function relNeighbours(document: Document, context: Context): { previous: Link | null; next: Link | null } {
  const found: { previous: Link | null; next: Link | null } = { previous: null, next: null };
  for (const anchor of elementsByTag(document, 'a')) {
    if (found.previous && found.next) break;
    if (!anchor.attribs['rel']) continue;
    const rels = relsOf(anchor);
    if (!found.previous && (rels.includes('prev') || rels.includes('previous')))
      found.previous = anchorLink(anchor, context, PREVIOUS_LABEL);
    else if (!found.next && rels.includes('next')) found.next = anchorLink(anchor, context, NEXT_LABEL);
  }
  return found;
}

/**
 * Neighbour blocks with no text label and no rel, named by their class (Twenty Twenty's
 * `a.previous-post` / `a.next-post`, MSN's `div.paddle.previous`): a link, or a block with one
 * link, to another article of the site. The first of each in the page.
 */
function classNamedNeighbours(document: Document, context: Context): { previous: Link | null; next: Link | null } {
  const found: { previous: Link | null; next: Link | null } = { previous: null, next: null };
  for (const element of elementsByTag(document, 'a', 'div', 'li', 'span', 'td', 'p')) {
    if (found.previous && found.next) break;
    // Class and id as the other passes made them once per element: most elements name neither.
    const names = classAndId(element);
    if (!names || !NEIGHBOUR_WORD.test(names)) continue;
    for (const which of ['previous', 'next'] as const) {
      if (found[which] || !(which === 'previous' ? PREVIOUS_CLASS : NEXT_CLASS).test(names)) continue;
      // A block named both ways ("prev-next-links") names neither link.
      if ((which === 'previous' ? NEXT_CLASS : PREVIOUS_CLASS).test(names)) continue;
      const opposite = which === 'previous' ? 'next' : 'prev';
      const anchors = (element.name === 'a' ? [element] : $all('a[href]', element)).filter((anchor) => !relsOf(anchor).includes(opposite));
      const addresses = new Set(anchors.map((anchor) => resolveHref(attr(anchor, 'href'), context.base)).filter(Boolean));
      if (addresses.size !== 1) continue;
      const [address] = addresses;
      // No label to go by: the address itself must read as an article's.
      if (!address || !looksLikeArticle(address)) continue;
      found[which] = anchorLink(
        anchors.find((anchor) => resolveHref(attr(anchor, 'href'), context.base))!,
        context,
        which === 'previous' ? PREVIOUS_LABEL : NEXT_LABEL,
      );
    }
  }
  return found;
}

/**
 * The neighbour an anchor leads to, or null when it leads nowhere else: the page itself, a
 * fragment, another page of this article or list ("/page/2/", "?page=2"), a list page, another site.
 */
function anchorLink(anchor: Element, context: Context, label: RegExp): Link | null {
  const url = resolveHref(attr(anchor, 'href'), context.base);
  if (!url || !isArticleNeighbour(url, context) || inMenuOrCarousel(anchor)) return null;
  // A page number ("4") is a pager's, never an article's.
  if (/^\s*\d{1,4}\s*$/.test(textOf(anchor))) return null;
  return { title: neighbourTitle(anchor, url, context, label), url };
}

function isArticleNeighbour(url: string, context: Context): boolean {
  const address = url.split('#')[0];
  if (context.selves.some((self) => self.split('#')[0] === address || isOtherPageOfSame(url, self))) return false;
  return !listingOrFurniture(url) && onSite(url, context.sites);
}

/** The addresses a page gives itself, beside the one it was read from. */
function ownAddresses(document: Document, url: string): string[] {
  const out = [url];
  for (const link of elementsByTag(document, 'link')) {
    if ((attr(link, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      const href = resolveHref(attr(link, 'href'), url);
      if (href) out.push(href);
    }
  }
  for (const meta of elementsByTag(document, 'meta')) {
    if ((attr(meta, 'property') ?? attr(meta, 'name')) !== 'og:url') continue;
    const href = resolveHref(attr(meta, 'content'), url);
    if (href) out.push(href);
  }
  return out;
}

/**
 * Menus, carousels, sliders and comment threads have their own "Next" (Libération's section
 * called Next, a carousel's arrows, a comments pager): a neighbour link is in none of them.
 */
function inMenuOrCarousel(anchor: Element): boolean {
  let level = 0;
  for (let node = anchor.parent; node && isTag(node) && level < 8; node = node.parent, level++) {
    const names = classAndId(node);
    if (names && (MENU_BAR_CLASS.test(names) || CAROUSEL_CLASS.test(names) || COMMENTS_CLASS.test(names))) return true;
    // A list or a nav of many links is a menu; a neighbour block holds a handful.
    if ((node.name === 'ul' || node.name === 'ol' || node.name === 'nav') && $all('a[href]', node).length > MENU_LINKS) return true;
  }
  return false;
}

const MENU_LINKS = 8;

/** The comments' own pager ("1 2 3 Next »") pages through comments, not articles. */
const COMMENTS_CLASS = /(?:^|[^a-z])comments?(?:[^a-z]|$)|usercomments|commentwrapper|disqus/;

const CAROUSEL_CLASS = /carousel|slider|slideshow|swiper|slick|flexslider|gallery|ticker/;

/**
 * The neighbour's headline: a title element inside the link, else the link's text without its
 * label ("Next post Title"), else the link's title attribute, the head link's title, the
 * headline of another link to the same address beside it; else the label itself ("Next story").
 */
function neighbourTitle(anchor: Element, url: string, context: Context, label: RegExp): string {
  const titled = $one('.post-title, .title, .nav-title, h1, h2, h3, h4, h5, h6', anchor);
  const fullText = cleanInline(textOf(anchor));
  let title = cleanInline(textOf(titled ?? anchor));
  if (!titled) {
    // "Next post Title" inside one anchor: drop the label part.
    for (const part of $all('span, p, small, div, strong, em, b', anchor)) {
      const partText = cleanInline(textOf(part));
      if (partText && label.test(partText)) title = cleanInline(title.replace(partText, ''));
    }
    // "Previous: Title" as one text.
    title = title.replace(new RegExp(`^(?:${PREVIOUS_WORD}|${NEXT_WORD})(?:\\s+${ARTICLE_NOUN})?\\s*[:：]\\s*`, 'iu'), '');
  }
  title = title.replace(/^[«‹<←»›>→]\s*|\s*[«‹<←»›>→]$/g, '').trim();
  if (title && !label.test(title) && !PREVIOUS_LABEL.test(title) && !NEXT_LABEL.test(title)) return title;
  const attribute = cleanInline(attr(anchor, 'title') ?? '');
  if (attribute && !PREVIOUS_LABEL.test(attribute) && !NEXT_LABEL.test(attribute) && !/\b(?:posts|entries|articles)\b/i.test(attribute))
    return attribute;
  const fromHead = context.headTitles.get(url);
  if (fromHead) return fromHead;
  const sibling = besideSameAddress(anchor, url, context);
  if (sibling) return sibling;
  return fullText.replace(/^[«‹<←»›>→]\s*|\s*[«‹<←»›>→]$/g, '').trim() || attribute || url;
}

/** The text of another link to the same address in the label's block (Big Think: "Previous Post" and the headline, two links). */
function besideSameAddress(anchor: Element, url: string, context: Context): string | null {
  let container = anchor.parent;
  for (let level = 0; level < 3 && container && isTag(container); level++, container = container.parent) {
    for (const other of $all('a[href]', container)) {
      if (other === anchor || resolveHref(attr(other, 'href'), context.base) !== url) continue;
      const text = cleanInline(textOf(other));
      if (text && !PREVIOUS_LABEL.test(text) && !NEXT_LABEL.test(text)) return text;
    }
  }
  return null;
}
