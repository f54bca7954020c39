import {
  $all,
  type AnyNode,
  classAndId,
  type Document,
  type Element,
  elementsByTag,
  hasDescendant,
  isTag,
  isText,
  removeNode,
  squash,
  textOf,
} from '../html/dom.js';
import {
  CONTENT_HINT,
  FURNITURE_ROLES,
  FURNITURE_TAGS,
  NEGATIVE_CLASS,
  NEVER_TEXT_TAGS,
  POSITIVE_CLASS,
  UNLIKELY_CONTAINER,
} from '../html/furniture.js';
import { TextMeasure } from './text-measure.js';
import type { Trace } from './trace.js';

/**
 * What a page holds that is never the article, taken out before the scoring (stripBoilerplate),
 * and the class and id hints the scoring weighs (classWeight, roleNames).
 */

export function classWeight(element: Element): number {
  const names = roleNames(element);
  if (!names) return 0;
  let weight = 0;
  if (NEGATIVE_CLASS.test(names)) weight -= 25;
  if (POSITIVE_CLASS.test(names)) weight += 25;
  return weight;
}

/**
 * The class and id names that may say what an element is. An id written from the element's own
 * heading (documentation generators and Markdown renderers name a section "sharing-with-a-team"
 * after its title) names the section's subject, not its role: it is left out.
 */
export function roleNames(element: Element): string {
  const id = element.attribs['id'];
  if (!id || !id.includes('-') || !isHeadingSlug(element, id.toLowerCase())) return classAndId(element);
  return (element.attribs['class'] ?? '').trim().toLowerCase();
}

function isHeadingSlug(element: Element, id: string): boolean {
  const heading = element.children.find((child): child is Element => isTag(child) && /^h[1-6]$/.test(child.name));
  if (!heading) return false;
  const slug = squash(textOf(heading))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return slug !== '' && (slug === id || slug.startsWith(`${id}-`) || id.endsWith(`-${slug}`));
}

function isHidden(element: Element): boolean {
  const style = (element.attribs['style'] ?? '').replace(/\s+/g, '').toLowerCase();
  return (
    'hidden' in element.attribs ||
    element.attribs['aria-hidden'] === 'true' ||
    style.includes('display:none') ||
    style.includes('visibility:hidden')
  );
}

/**
 * A card a script pops up over a name in a sentence (a person's picture and their latest stories):
 * a span right after the link it describes, inside a paragraph, made of links (and a picture).
 * Read as text it pours a list of headlines into the middle of the sentence.
 */
function isHoverCard(element: Element, measure: TextMeasure): boolean {
  if (element.name !== 'span') return false;
  const before = element.prev && isText(element.prev) && !element.prev.data.trim() ? element.prev.prev : element.prev;
  if (!before || !isTag(before) || before.name !== 'a') return false;
  let inParagraph = false;
  for (let node = element.parent, level = 0; node && isTag(node) && level < 3; node = node.parent, level++) {
    if (node.name === 'p') inParagraph = true;
  }
  if (!inParagraph) return false;
  const links = $all('a', element).length;
  if (links < 2 && !hasDescendant(element, 'img')) return false;
  const length = measure.length(element);
  return length > 0 && measure.linkLength(element) >= length * 0.9;
}

/**
 * Removes what can never be article text, before scoring. Mutates the document. `lenient`: only
 * what can never be text (scripts, forms, navigation landmarks), for a second reading of a page
 * whose first reading found nothing (its article hidden until a script shows it, say). `measure`:
 * the page's text measures, kept true of the stripped page for the passes after.
 */
export function stripBoilerplate(document: Document, trace?: Trace, lenient = false, measure = new TextMeasure()): void {
  const doomed: Element[] = [];
  const doom = (element: Element, rule: string) => {
    doomed.push(element);
    trace?.drop(element, rule, 'page');
  };
  // The text of the page's paragraphs, added up on every ancestor once (not one query per candidate).
  const paragraphText = new Map<Element, number>();
  let totalParagraphText = 0;
  // Measured, not built: the lengths of squash(textOf(p)) without the strings.
  for (const p of elementsByTag(document, 'p')) {
    const length = measure.length(p);
    totalParagraphText += length;
    for (let node: Element | null = p; node && isTag(node); node = node.parent as Element | null) {
      paragraphText.set(node, (paragraphText.get(node) ?? 0) + length);
    }
  }
  // A class name is a weak hint: a container holding most of the page's prose stays.
  const holdsTheProse = (element: Element) => totalParagraphText > 500 && (paragraphText.get(element) ?? 0) > totalParagraphText * 0.3;
  // A list is never the article's own wrapper: a list named as furniture that holds most of the
  // paragraphs (a photo gallery's list of captions, "legends") is what its name says. Readers'
  // comments are the exception: people read them as part of the page.
  const isNamedList = (element: Element, names: string) =>
    (element.name === 'ul' || element.name === 'ol') && !/comment|replies|disqus/.test(names);
  // Whether an element holds an <article>: its ancestors are marked once, walking up from each of the
  // page's articles, rather than each unlikely-named container walked down (a page's header, menu
  // and comments each walked whole). Asked before the tree changes (the removals come at the end),
  // so the page's list of elements as parsed is the page; an <article> taken out before (a site
  // rule's removal) walks up to the part removed, which is no longer in the page.
  let aroundArticles: Set<Element> | undefined;
  const holdsAnArticle = (element: Element) => {
    if (!aroundArticles) {
      aroundArticles = new Set();
      for (const article of elementsByTag(document, 'article'))
        for (let node = article.parent; node && isTag(node) && !aroundArticles.has(node); node = node.parent) aroundArticles.add(node);
    }
    return aroundArticles.has(element);
  };
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    const role = node.attribs['role'] ?? '';
    const structural = FURNITURE_TAGS.has(node.name) || FURNITURE_ROLES.has(role);
    if (NEVER_TEXT_TAGS.has(node.name)) {
      doom(node, `<${node.name}> never holds article text`);
      return;
    }
    if (!lenient && isHidden(node)) {
      doom(node, 'hidden (hidden, aria-hidden or display:none)');
      return;
    }
    if (!lenient && isHoverCard(node, measure)) {
      doom(node, 'a hover card: links and a picture after a link, inside a sentence');
      return;
    }
    if (structural && !holdsTheProse(node)) {
      doom(node, FURNITURE_TAGS.has(node.name) ? `page furniture by its tag <${node.name}>` : `page furniture by its role="${role}"`);
      return;
    }
    // A link is part of the sentence it sits in, whatever its class says (a glossary "popup", a
    // "share" of a quote): taking it out leaves holes in the text. Readability spares links too.
    if (node.name !== 'body' && node.name !== 'html' && node.name !== 'article' && node.name !== 'main' && node.name !== 'a') {
      const names = roleNames(node);
      if (
        !lenient &&
        names &&
        UNLIKELY_CONTAINER.test(names) &&
        !CONTENT_HINT.test(names) &&
        !holdsAnArticle(node) &&
        (!holdsTheProse(node) || isNamedList(node, names))
      ) {
        doom(node, `class or id unlikely to be the article ("${UNLIKELY_CONTAINER.exec(names)?.[0] ?? names}")`);
        return;
      }
    }
    // Indexed: a for-of allocated an iterator result per child of every element (see text-measure.ts).
    const children = node.children;
    for (let i = 0; i < children.length; i++) visit(children[i]!);
  };
  for (const child of document.children) visit(child);
  const done = new Set<Element>();
  for (const element of doomed) {
    if (element.parent && isTag(element.parent)) measure.changed(element.parent, done);
    removeNode(element);
  }
}
