import { cleanInline } from '../../text/sanitize.js';
import { $all, type AnyNode, attr, type Element, isTag, isText, squash, textOf } from '../../html/dom.js';
import { NEVER_TEXT_TAGS } from '../../html/furniture.js';
import { fitsWithin } from '../bounded.js';
import { listingOrFurniture, resolveHref } from '../links/addresses.js';
import { holdsItsOwnText, shortText } from '../links/short-text.js';
import { isRelatedLabel, labelText } from '../links/labels.js';
import { type Search, LABEL_BOUNDS, articleLinks, MORE_LINK, leadsSomewhere, isClaimed, inChrome, mostlyLinks } from './search.js';

/** A related label ("Related posts", "Read more:") and the run of article links that follows it. */
/** A label element followed by a run of article links: its links, and the run claimed. */
export function readLabelledRun(element: Element, search: Search, position: number): boolean {
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
  const url = resolveHref(attr(anchor, 'href'), base);
  return url !== undefined && !MORE_LINK.test(cleanInline(textOf(anchor))) && !listingOrFurniture(url);
}

/** A short line of links that are no items: the box's "More on X" or the tag it is about. */
function hasOnlyMoreLinks(element: Element, base: string): boolean {
  if (!fitsWithin(element, LABEL_BOUNDS)) return false;
  const anchors = element.name === 'a' ? [element] : $all('a[href]', element);
  return anchors.length > 0 && anchors.every((anchor) => !isItemLink(anchor, base));
}
