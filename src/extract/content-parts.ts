import { $all, classAndId, type Element, isTag } from '../html/dom.js';
import { linkDensity, type TextMeasure } from './text-measure.js';

/**
 * The other parts of a body the scoring chose one part of (extract/content.ts): a story split over
 * sibling containers, or over "cousin" containers of one template. Taken when they are prose.
 */

/**
 * A part of a body split over sibling containers (grid cells, the text after an embed, a "read
 * more" expansion): a bare div or section, with no class or id to say it is anything else, made
 * of paragraphs of prose (class 3). Its score may be low (a few paragraphs), its text is the article's.
 */
export function isSplitPart(element: Element, measure: TextMeasure): boolean {
  if ((element.name !== 'div' && element.name !== 'section') || classAndId(element)) return false;
  return isProse(
    element,
    measure,
    element.children.filter((child): child is Element => isTag(child) && child.name === 'p'),
  );
}

/**
 * A body split over "cousin" containers: the template wraps each part of the story in the same
 * wrapper ("story-body-supplemental" around "story-body story-body-1", then "story-body-2" after
 * an ad), so the other parts are not siblings of the chosen one but children of the wrapper's
 * siblings. Parts whose first class name is the chosen one's, under a wrapper named as its
 * parent is, and made of prose, are taken in page order.
 */
export function withCousins(content: Element[], chosen: Element, parent: Element, measure: TextMeasure): void {
  const family = firstClass(chosen);
  const wrapper = classAndId(parent);
  const grandparent = parent.parent;
  if (!family || !wrapper || !grandparent || !isTag(grandparent)) return;
  const before: Element[] = [];
  const after: Element[] = [];
  let seen = false;
  for (const uncle of grandparent.children) {
    if (uncle === parent) {
      seen = true;
      continue;
    }
    if (!isTag(uncle) || classAndId(uncle) !== wrapper) continue;
    for (const cousin of uncle.children)
      if (isTag(cousin) && firstClass(cousin) === family && isProsePart(cousin, measure)) (seen ? after : before).push(cousin);
  }
  content.unshift(...before);
  content.push(...after);
}

function firstClass(element: Element): string {
  return (element.attribs['class'] ?? '').trim().split(/\s+/)[0] ?? '';
}

/**
 * Another part of the same body made from the same template as the chosen one (the same class
 * names: a story cut into "section" wrappers between pictures): taken when it is prose, however
 * deep its paragraphs sit (too deep for the scoring to have reached it).
 */
export function isProsePart(element: Element, measure: TextMeasure): boolean {
  return isProse(element, measure, $all('p', element));
}

/** Some text, few links, and most of it in the given paragraphs. */
function isProse(element: Element, measure: TextMeasure, paragraphs: readonly Element[]): boolean {
  const length = measure.length(element);
  if (length < 140 || linkDensity(element, length, measure) >= 0.2) return false;
  let prose = 0;
  for (const p of paragraphs) prose += measure.length(p);
  return prose >= length * 0.6;
}
