import { cleanInline } from '../text/sanitize.js';
import {
  $all,
  $one,
  type AnyNode,
  attr,
  classAndId,
  type Document,
  type Element,
  elementsByTag,
  foldSpaces,
  isTag,
  isText,
  resolveLink,
  squash,
  textOf,
} from '../html/dom.js';
import { MENU_BAR_CLASS, NEVER_TEXT_TAGS, NOT_RELATED_BLOCK_CLASS, RELATED_BOX_CLASS, SPONSORED_WIDGET_CLASS } from '../html/furniture.js';
import { fitsWithin } from './bounded.js';
import { documentBase, listingOrFurniture, looksLikeArticle, onSite, pageSites } from './links/addresses.js';
import { holdsItsOwnText, leadingText, shortText } from './links/short-text.js';
import { isRelatedLabel, isUnrelatedLabel, LABEL_MAX_CHARACTERS, labelText } from './links/labels.js';
import type { RelatedLink } from './types.js';

/**
 * "Lire aussi :" and its kin, at the start of a block, as the body's text reads them: the line
 * becomes a related block in place (src/extract/blocks.ts). The label must be followed by a link
 * that makes up the rest of the block, so a sentence such as "On peut lire aussi, dans le projet
 * de texte, ..." stays a paragraph.
 */
const BODY_LABELS = [
  '(?:[àa]\\s+)?(?:lire|voir|relire|découvrir)\\s+(?:aussi|également|egalement|encore)',
  'sur le même sujet',
  'read (?:also|more)',
  'also read',
  'see also',
  'related(?:\\s+(?:articles?|stories|story|content|coverage|reading))?',
  'more on this(?: story| topic)?',
  'recommended',
  'lesen sie (?:auch|mehr)',
  'auch interessant',
  'mehr zum thema',
  'lea también',
  'lee también',
  'leer también',
  've[ar]? también',
  'leggi anche',
  'vedi anche',
  'leia (?:também|mais)',
  'veja também',
  'citește și',
  'citeste si',
  'vezi și',
  'vezi si',
];

const RELATED_LABEL = new RegExp(`^(?:${BODY_LABELS.join('|')})\\s*[:：»>–-]?`, 'i');

/**
 * The same callouts as the related-links search reads them anywhere in the page, in more
 * wordings: inside brackets ("[Read: …]"), in Czech, Russian, Indonesian, and the short verbs
 * ("Read:", "Lire :", "See:") when a colon follows them ("Read the full report" is a sentence).
 */
const CALLOUT_LABEL = new RegExp(
  '^[\\[(]?\\s*(?:(?:' +
    [...BODY_LABELS, 'související', 'читайте также', 'baca juga', 'lihat juga'].join('|') +
    ')\\s*[:：»>–-]?|(?:read|lire|voir|see|leia|lea|lee|leggi|lies|lesen)\\s*[:：])',
  'i',
);

export interface InlineRelated {
  label: string;
  link: RelatedLink;
  /** The whole line as read (label and link), for the block that stands in the text. */
  text: string;
}

/** An inline related-article line of the body's text: a block that is a label followed by one link. */
export function matchInlineRelated(block: Element, base: string): InlineRelated | null {
  const text = cleanInline(textOf(block));
  const label = RELATED_LABEL.exec(text);
  if (!label || text.length > 400) return null;
  const rest = text.slice(label[0].length).trim();
  if (!rest) return null;
  // The first link with text of its own, not a label itself; each link's text read once.
  let anchor: Element | undefined;
  let anchorText = '';
  for (const candidate of $all('a[href]', block)) {
    const candidateText = cleanInline(textOf(candidate));
    if (candidateText.length > 0 && !RELATED_LABEL.test(candidateText + ' ')) {
      anchor = candidate;
      anchorText = candidateText;
      break;
    }
  }
  if (!anchor) return null;
  const url = resolveLink(attr(anchor, 'href'), base);
  const title = anchorText.replace(RELATED_LABEL, '').trim();
  // The link must be most of what follows the label.
  if (!url || title.length < rest.length * 0.6) return null;
  return { label: label[0].trim(), link: { title, url }, text };
}

/** A callout anywhere in the page: a label and one link, or one link that begins with a label and a colon ("[Read: T]"). */
function matchCallout(text: string, anchors: Element[], base: string): InlineRelated | null {
  const label = CALLOUT_LABEL.exec(text);
  if (!label || text.length > 400) return null;
  const rest = stripBrackets(text.slice(label[0].length));
  if (!rest) return null;
  let anchor: Element | undefined;
  let anchorText = '';
  for (const candidate of anchors) {
    const candidateText = cleanInline(textOf(candidate));
    const candidateLabel = CALLOUT_LABEL.exec(candidateText);
    // A label inside the link ("[Read: T]") ends with a colon: "Read more on Hot Corner »" is a link to a section.
    if (candidateLabel && !/[:：]\s*$/.test(candidateLabel[0])) continue;
    if (candidateText.length > 0 && (!candidateLabel || stripBrackets(candidateText.slice(candidateLabel[0].length)))) {
      anchor = candidate;
      anchorText = candidateText;
      break;
    }
  }
  if (!anchor) return null;
  const url = resolveLink(attr(anchor, 'href'), base);
  const title = stripBrackets(anchorText.replace(CALLOUT_LABEL, ''));
  // The link must be most of what follows the label, and lead to an article, not a tag page.
  if (!url || title.length < rest.length * 0.6 || listingOrFurniture(url)) return null;
  return { label: label[0].replace(/^[[(]\s*/, '').trim(), link: { title, url }, text };
}

/** "[Read: T]" and "(T)": the brackets around a callout are not part of its title. */
function stripBrackets(text: string): string {
  return text
    .trim()
    .replace(/^[\])]\s*/, '')
    .replace(/^[[(]\s*(.*?)\s*[\])]$/, '$1')
    .replace(/\s*[\])]$/, '')
    .trim();
}

/** Everything one search for related links on a page needs to know. */
interface Search {
  pageUrl: string;
  base: string;
  sites: Set<string>;
  /** Elements already read as part of a box or a callout: their inside is not searched again. */
  claimed: Set<Element>;
  found: Array<{ order: number; links: RelatedLink[] }>;
  /** How many elements of the page carry each related-sounding tag and class. */
  namedBoxes: Map<string, number>;
}

/** A related box is one box: a class that names four of them or more on a page is the layout's (a news site's section teasers). */
const LAYOUT_REPEATS = 4;

/** Elements that may be a label, a callout or a box of further reading. */
const CANDIDATE_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'div',
  'span',
  'strong',
  'b',
  'em',
  'li',
  'dt',
  'dd',
  'header',
  'section',
  'aside',
  'blockquote',
  'q',
  'center',
  'td',
  'th',
  'caption',
  'legend',
  'ul',
  'ol',
  'table',
];

/** Where further reading of the article never stands: the site's menus and forms, and the page's own header and footer. */
const CHROME = new Set(['nav', 'form', 'button', 'select', 'option']);
const PAGE_EDGE = new Set(['header', 'footer']);
/** The same by class: a site's nav and footer built of divs (a footer's "related services", a nav's drop-down). */
const SITE_CHROME_CLASS = /(?:^|[^a-z])(?:nav|(?<!(?:article|entry|post|story)[-_])footer)(?:[^a-z]|$)/;

/** A label element: short, and a few elements at most (an icon, a span around the words). */
const LABEL_BOUNDS = { characters: LABEL_MAX_CHARACTERS, nodes: 12 } as const;

/** A callout line: a label and one link, in one block. */
const CALLOUT_BOUNDS = { characters: 400, nodes: 60, nestedBlocks: 1 } as const;

/** A box named related by its class: a handful of cards, not a column of the page. */
const BOX_BOUNDS = { characters: 4000, nodes: 1500 } as const;

/**
 * The page's further reading for this article, in page order, found before the page's furniture
 * is removed (a box may stand in an aside, a sidebar, a blockquote):
 * - a related label (a heading or a label line: "Related posts", "Artigos relacionados",
 *   "関連記事", "Read more:") followed by a run of links to articles of the site: a list, cards,
 *   or paragraphs that each hold one link;
 * - a box whose class names it related (Jetpack, YARPP, "meme_sujet"…), unless its own heading
 *   says it is something else ("Latest articles", "Most read", "Tags");
 * - a callout line ("Lire aussi : <a>", "[Read: <a>…]") anywhere but the site's chrome, and
 *   the lines in the same style beside it.
 * Links to tag, topic, author and list pages, to other sites and to the page itself are left out.
 */
export function findRelatedBoxes(document: Document, url: string): RelatedLink[] {
  const search: Search = {
    pageUrl: url,
    base: documentBase(document, url),
    sites: pageSites(document, url),
    claimed: new Set(),
    found: [],
    namedBoxes: new Map(),
  };
  // An element's position in `candidates` is its order in the page.
  const candidates = elementsByTag(document, ...CANDIDATE_TAGS);
  candidates.forEach((element) => {
    const names = element.attribs['class'];
    if (names && RELATED_BOX_CLASS.test(names.toLowerCase())) {
      const key = `${element.name}.${names}`;
      search.namedBoxes.set(key, (search.namedBoxes.get(key) ?? 0) + 1);
    }
  });
  const callouts: Element[] = [];
  for (let position = 0; position < candidates.length; position++) {
    const element = candidates[position]!;
    if (readLabelledRun(element, search, position)) continue;
    if (readNamedBox(element, search, position)) continue;
    if (readCallout(element, search, position)) callouts.push(element);
  }
  readCalloutsInTheSameStyle(callouts, candidates, search);
  search.found.sort((a, b) => a.order - b.order);
  const seen = new Set<string>([withoutFragment(url)]);
  const out: RelatedLink[] = [];
  for (const link of search.found.flatMap((entry) => entry.links)) {
    const key = withoutFragment(link.url);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
  }
  return out;
}

/** A label element followed by a run of article links: its links, and the run claimed. */
function readLabelledRun(element: Element, search: Search, position: number): boolean {
  if (element.children.length > 6 || !holdsItsOwnText(element)) return false;
  const short = shortText(element, LABEL_BOUNDS);
  // A label is text, not a link (tabs that lead nowhere, href="#", aside): most short elements of a page are links.
  if (!short || short.anchors.some((anchor) => leadsSomewhere(anchor))) return false;
  // Cleaned only once it reads as a label: most short elements of a page are not.
  if (!isRelatedLabel(short.text)) return false;
  const text = cleanInline(short.text);
  if (isClaimed(element, search) || inChrome(element)) return false;
  const run = runAfter(element, text, search.base);
  if (!run) return false;
  const links = articleLinks(run.anchors, search);
  if (!links) return false;
  search.found.push({ order: position, links });
  search.claimed.add(element);
  for (const part of run.parts) search.claimed.add(part);
  return true;
}

interface Run {
  anchors: Element[];
  /** The siblings that hold the run's links. */
  parts: Element[];
}

/**
 * The links that follow a label: in its following siblings, or, when the label is the only
 * thing in its wrapper (a box header), in the wrapper's following siblings. The run ends at the
 * next heading or label line, or where prose resumes.
 */
function runAfter(label: Element, text: string, base: string): Run | null {
  let node: Element = label;
  for (let level = 0; level < 4; level++) {
    const run = siblingRun(node, base);
    if (run.anchors.length > 0) return run;
    const parent = node.parent;
    if (!parent || !isTag(parent) || parent.name === 'body' || parent.name === 'article' || parent.name === 'main') return null;
    // Climb only out of a wrapper that holds nothing but the label.
    if (!fitsWithin(parent, LABEL_BOUNDS) || labelText(cleanInline(textOf(parent))) !== labelText(text)) return null;
    node = parent;
  }
  return null;
}

/** At most this many links in a run: a related list is a handful, a site map is not. */
const MAX_RUN_LINKS = 60;

/**
 * The run itself: either one container of several links right after the label (a list, a grid
 * of cards), or a series of siblings that each hold one link (paragraphs, headings, cards).
 * "More on Amazon" beside the label is the box's link to its section, not an item.
 */
function siblingRun(node: Element, base: string): Run {
  const run: Run = { anchors: [], parts: [] };
  for (let sibling: AnyNode | null = node.next; sibling; sibling = sibling.next) {
    if (isText(sibling)) {
      if (squash(sibling.data).length > 40) break;
      continue;
    }
    if (!isTag(sibling) || NEVER_TEXT_TAGS.has(sibling.name)) continue;
    const anchors = (sibling.name === 'a' ? [sibling] : $all('a[href]', sibling)).filter((anchor) => isItemLink(anchor, base));
    const heading = /^h[1-6]$/.test(sibling.name);
    if (anchors.length === 0) {
      // An empty slot (an ad, a spacer, a section link) is passed over; a heading or a line of text ends the run.
      if (heading || !fitsWithin(sibling, { characters: 0, nodes: 40 })) {
        if (!hasOnlyMoreLinks(sibling, base)) break;
      }
      continue;
    }
    if (!mostlyLinks(sibling)) break;
    const addresses = new Set(anchors.map((anchor) => attr(anchor, 'href')));
    if (addresses.size > 1) {
      // A container of several links: the box's body, if it comes first; else the end of a series.
      if (run.parts.length === 0) {
        run.anchors.push(...anchors);
        run.parts.push(sibling);
      }
      break;
    }
    run.anchors.push(...anchors);
    run.parts.push(sibling);
    if (run.anchors.length > MAX_RUN_LINKS) break;
  }
  return run;
}

/** A link that may be an item of a run: not "More on X", not a tag or section page, not nowhere. */
function isItemLink(anchor: Element, base: string): boolean {
  const url = resolveLink(attr(anchor, 'href'), base);
  return url !== undefined && !MORE_LINK.test(cleanInline(textOf(anchor))) && !listingOrFurniture(url);
}

/** A short line of links that are no items: the box's "More on X" or the tag it is about. */
function hasOnlyMoreLinks(element: Element, base: string): boolean {
  if (!fitsWithin(element, LABEL_BOUNDS)) return false;
  const anchors = element.name === 'a' ? [element] : $all('a[href]', element);
  return anchors.length > 0 && anchors.every((anchor) => !isItemLink(anchor, base));
}

/** Whether an element is links rather than prose: a card or a list item, not a paragraph with a link in it. */
function mostlyLinks(element: Element): boolean {
  if (!fitsWithin(element, { characters: 6000, nodes: 3000 })) return false;
  const total = squash(textOf(element)).length;
  if (total <= 40 || element.name === 'a') return true;
  const linked = $all('a[href]', element).reduce((sum, anchor) => sum + squash(textOf(anchor)).length, 0);
  return linked / total >= 0.35;
}

/** A box named related by its class, whose heading does not say it is something else. */
function readNamedBox(element: Element, search: Search, position: number): boolean {
  const names = classAndId(element);
  if (!names || element.name === 'a' || !RELATED_BOX_CLASS.test(names)) return false;
  if (SPONSORED_WIDGET_CLASS.test(names) || isClaimed(element, search) || inChrome(element)) return false;
  if ((search.namedBoxes.get(`${element.name}.${element.attribs['class'] ?? ''}`) ?? 0) >= LAYOUT_REPEATS) return false;
  // One card of a list ("<li><table class=similar-side>"): the list's own heading decides, not the card.
  if (element.name !== 'li' && closestWithinLevels(element, 3, (el) => el.name === 'li')) return false;
  // A "related" list inside a block of latest or popular stories, a promo, an author box: a name only, and the wrong one.
  if (NOT_RELATED_BLOCK_CLASS.test(names) || closestWithinLevels(element, 4, (el) => NOT_RELATED_BLOCK_CLASS.test(classAndId(el))))
    return false;
  if (!fitsWithin(element, BOX_BOUNDS)) return false;
  const heading = boxHeading(element);
  if (heading && isUnrelatedLabel(heading) && !isRelatedLabel(heading)) {
    search.claimed.add(element);
    return true;
  }
  const anchors = $all('a[href]', element).filter(
    (anchor) => !closestWithin(anchor, element, (el) => SPONSORED_WIDGET_CLASS.test(classAndId(el))),
  );
  if (anchors.length === 0 || !mostlyLinks(element)) return false;
  const links = articleLinks(anchors, search);
  if (!links) return false;
  search.found.push({ order: position, links });
  search.claimed.add(element);
  return true;
}

/**
 * The box's heading: the first line of text inside it before its first link, else the label
 * line just before it ("<h2>Next up in Culture</h2><div class=related-list>").
 */
function boxHeading(box: Element): string | null {
  const stack: AnyNode[] = [...box.children].reverse();
  let visited = 0;
  while (stack.length > 0 && visited++ < 200) {
    const node = stack.pop()!;
    if (isText(node)) {
      const text = cleanInline(node.data);
      if (text) return text;
      continue;
    }
    if (!isTag(node) || NEVER_TEXT_TAGS.has(node.name)) continue;
    const heading = /^h[1-6]$/.test(node.name);
    if (heading || fitsWithin(node, LABEL_BOUNDS)) {
      const text = cleanInline(textOf(node));
      if (!text) continue;
      // Tabs (tagDiv's "Related articles | More from the author", href="#"): the first tab is the box's.
      if ($one('a', node) && !hasLinkOut(node, 'http://x/')) return tabsText(node);
      // A short line that is a link is the first item: the heading, if any, stands before the box.
      if (!heading && hasLinkOut(node, 'http://x/')) return headingBefore(box);
      return text;
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return headingBefore(box);
}

/** The short line of text just before an element, if there is one. */
function headingBefore(element: Element): string | null {
  let previous: AnyNode | null = element.prev;
  while (previous && !isTag(previous) && !(isText(previous) && squash(previous.data))) previous = previous.prev;
  if (!previous) return null;
  if (isText(previous)) return cleanInline(previous.data).slice(-LABEL_MAX_CHARACTERS);
  if (!fitsWithin(previous, LABEL_BOUNDS) || hasLinkOut(previous, 'http://x/')) return null;
  return cleanInline(textOf(previous)) || null;
}

/** The first tab of a heading made of tabs. */
function tabsText(heading: Element): string {
  const first = $one('a, span, li', heading);
  return cleanInline(textOf(first ?? heading));
}

/** A callout line: "Lire aussi : <a>", "[Read: <a>…]", in the text or in an aside, a blockquote, a q. */
function readCallout(element: Element, search: Search, position: number): boolean {
  if (!CALLOUT_TAGS.has(element.name) || !holdsItsOwnText(element)) return false;
  // The label opens the block: most blocks are turned away by their first words alone.
  if (!CALLOUT_LABEL.test(foldSpaces(leadingText(element, 48)).trimStart())) return false;
  const short = shortText(element, CALLOUT_BOUNDS);
  if (!short || short.anchors.length === 0) return false;
  const match = matchCallout(cleanInline(short.text), short.anchors, search.base);
  if (!match || !onSite(match.link.url, search.sites) || isClaimed(element, search) || inChrome(element)) return false;
  if (!looksLikeArticle(match.link.url) && !headlineLike(match.link.title)) return false;
  search.found.push({ order: position, links: [{ ...match.link, label: match.label }] });
  search.claimed.add(element);
  return true;
}

const CALLOUT_TAGS = new Set(['p', 'div', 'li', 'dd', 'blockquote', 'aside', 'q', 'center', 'td', 'h4', 'h5', 'h6']);

/**
 * Lines in the same style as a labelled callout (the same tag and class), made of one link to an
 * article: a site that writes "[Read: T]" in its interstitials also writes "[T]" in the same
 * box. Only classed callouts count: a bare <p> says nothing about style.
 */
function readCalloutsInTheSameStyle(callouts: Element[], candidates: Element[], search: Search): void {
  const styles = new Set(
    callouts.map((element) => `${element.name}.${attr(element, 'class') ?? ''}`).filter((style) => !style.endsWith('.')),
  );
  if (styles.size === 0) return;
  for (let position = 0; position < candidates.length; position++) {
    const element = candidates[position]!;
    if (!styles.has(`${element.name}.${attr(element, 'class') ?? ''}`) || search.claimed.has(element)) continue;
    const short = shortText(element, CALLOUT_BOUNDS);
    const anchors = short?.anchors ?? [];
    if (!short || anchors.length !== 1) continue;
    const text = stripBrackets(cleanInline(short.text));
    const title = stripBrackets(cleanInline(textOf(anchors[0]!)));
    const url = resolveLink(attr(anchors[0]!, 'href'), search.base);
    if (!url || !title || title.length < text.length * 0.9 || listingOrFurniture(url) || !onSite(url, search.sites)) continue;
    search.found.push({ order: position, links: [{ title, url }] });
    search.claimed.add(element);
  }
}

/**
 * The article links among a box's anchors, one per address, titled by the card's headline; or
 * null when the box is not a list of articles (most of its links go to tags, sections, other
 * sites or nowhere).
 */
function articleLinks(anchors: Element[], search: Search): RelatedLink[] | null {
  const byUrl = new Map<string, { title: string; articleLike: boolean }>();
  let others = 0;
  for (const anchor of anchors) {
    const url = resolveLink(attr(anchor, 'href'), search.base);
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
const MORE_LINK =
  /^(?:more|see (?:all|more)|view (?:all|more)|all (?:posts|articles|stories|news)|plus d['’]articles|tous les articles|mehr|alle (?:artikel|beiträge)|ver (?:más|todos)|ver mais|altri articoli|read more|continue reading|lire la suite|weiterlesen|leia mais|leer más|leggi (?:tutto|altro))(?:\s+(?:on|from|in|about|by|stories|articles|news|posts|videos|zu|zum|sur|de|du|des|von)\b.*)?\s*[»›>…→]*$/i;

/** A headline has a few words (or, in scripts without spaces, a few characters). */
function headlineLike(title: string): boolean {
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
function leadsSomewhere(anchor: Element): boolean {
  const href = (attr(anchor, 'href') ?? '').trim();
  return href !== '' && !href.startsWith('#') && !/^javascript:/i.test(href);
}

/** Whether the element holds a link that leads somewhere (a label is text, not a link; tabs with href="#" are not links). */
function hasLinkOut(element: Element, base: string): boolean {
  const anchors = element.name === 'a' ? [element] : $all('a[href]', element);
  return anchors.some((anchor) => resolveLink(attr(anchor, 'href'), base) !== undefined);
}

function isClaimed(element: Element, search: Search): boolean {
  for (let node: Element | null = element; node; node = node.parent && isTag(node.parent) ? node.parent : null) {
    if (search.claimed.has(node)) return true;
  }
  return false;
}

/** Inside a menu, a bar or a form, or in a header or footer of the page (an article's own footer is the article's). */
function inChrome(element: Element): boolean {
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

function closestWithin(node: Element, root: Element, predicate: (element: Element) => boolean): boolean {
  for (
    let current: Element | null = node;
    current && current !== root;
    current = current.parent && isTag(current.parent) ? current.parent : null
  ) {
    if (predicate(current)) return true;
  }
  return false;
}

function closestWithinLevels(element: Element, levels: number, predicate: (element: Element) => boolean): boolean {
  let node = element.parent;
  for (let level = 0; level < levels && node && isTag(node); level++, node = node.parent) {
    if (predicate(node)) return true;
  }
  return false;
}

function withoutFragment(url: string): string {
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
