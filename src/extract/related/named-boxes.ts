import { cleanInline } from '../../text/sanitize.js';
import { $all, $one, type AnyNode, classAndId, type Element, isTag, isText, squash, textOf } from '../../html/dom.js';
import { NEVER_TEXT_TAGS, NOT_RELATED_BLOCK_CLASS, RELATED_BOX_CLASS, SPONSORED_WIDGET_CLASS } from '../../html/furniture.js';
import { fitsWithin } from '../bounded.js';
import { isRelatedLabel, isUnrelatedLabel, LABEL_MAX_CHARACTERS } from '../links/labels.js';
import {
  type Search,
  LABEL_BOUNDS,
  articleLinks,
  hasLinkOut,
  isClaimed,
  inChrome,
  closestWithin,
  closestWithinLevels,
  mostlyLinks,
  namedBoxCount,
} from './search.js';

/** Boxes whose class names them related (Jetpack, YARPP…), unless their own heading says otherwise. */
/** A related box is one box: a class that names four of them or more on a page is the layout's (a news site's section teasers). */
const LAYOUT_REPEATS = 4;

/** A box named related by its class: a handful of cards, not a column of the page. */
const BOX_BOUNDS = { characters: 4000, nodes: 1500 } as const;

/** A box named related by its class, whose heading does not say it is something else. */
export function readNamedBox(element: Element, search: Search, position: number): boolean {
  const names = classAndId(element);
  if (!names || element.name === 'a' || !RELATED_BOX_CLASS.test(names)) return false;
  if (SPONSORED_WIDGET_CLASS.test(names) || isClaimed(element, search) || inChrome(element)) return false;
  if (namedBoxCount(element, search) >= LAYOUT_REPEATS) return false;
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
