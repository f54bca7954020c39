import { type AnyNode, classAndId, type Document, type Element, isTag } from '../html/dom.js';
import { pageElements } from '../html/select.js';

/**
 * The elements the byline, breadcrumb and category selectors of extract/metadata.ts can match,
 * in page order, found in one walk of the page: each selector then tests a handful of elements.
 * Every test here is a cheap necessary condition of one of those selectors (an attribute present,
 * a class holding a word, a link inside a byline block); css-select decides.
 */
export interface MetadataCandidates {
  /** `[itemprop=name]`, `[rel]` of six letters, a class holding byline / author / meta, a link inside a byline or author block. */
  byline: Element[];
  /** `nav`, `[itemtype]`, a class holding "crumb". */
  breadcrumb: Element[];
  /** A link whose rel names a category, or inside a category list (cat-links, post-categories, entry-category). */
  category: Element[];
}

const candidatesOf = new WeakMap<Document, MetadataCandidates>();

/** Made when first asked (most pages name their author and section in JSON-LD or meta tags) and kept for the page as parsed. */
export function metadataCandidates(document: Document): MetadataCandidates {
  let found = candidatesOf.get(document);
  if (!found) {
    found = walk(document);
    candidatesOf.set(document, found);
  }
  return found;
}

/** Any of the class words below: one test of each class attribute before the words one by one. */
const ANY_WORD = /byline|author|meta|crumb|cat-links|post-categories|entry-category/;
const CATEGORY_REL = /category/i;
function walk(document: Document): MetadataCandidates {
  const found: MetadataCandidates = { byline: [], breadcrumb: [], category: [] };
  // The page's elements in document order: an element's descendants follow it, up to the first
  // element after its subtree (`afterSubtree`), where the byline block or category list it opened ends.
  let authorEnd: Element | null | undefined;
  let categoryEnd: Element | null | undefined;
  for (const element of pageElements(document)) {
    if (element === authorEnd) authorEnd = undefined;
    if (element === categoryEnd) categoryEnd = undefined;
    const attribs = element.attribs;
    let bylineClass = false;
    let crumbClass = false;
    let opensAuthor = false;
    let opensCategory = false;
    // Class and id lower-cased, made once per element for every pass (html/dom.ts classAndId), hold
    // any word the raw class holds: the raw class is looked up only for the few elements they pass.
    const names = ANY_WORD.test(classAndId(element)) ? attribs['class'] : undefined;
    if (names !== undefined && ANY_WORD.test(names)) {
      opensAuthor = names.includes('byline') || names.includes('author');
      bylineClass = opensAuthor || names.includes('meta');
      opensCategory = names.includes('cat-links') || names.includes('post-categories') || names.includes('entry-category');
      crumbClass = names.includes('crumb');
    }
    const rel = attribs['rel'];
    const link = element.name === 'a';
    // [itemprop="name"] is matched exactly, [rel="author"] whatever its case: six letters.
    if (attribs['itemprop'] === 'name' || rel?.length === 6 || bylineClass || (link && authorEnd !== undefined)) found.byline.push(element);
    if (element.name === 'nav' || crumbClass || 'itemtype' in attribs) found.breadcrumb.push(element);
    if (link && (categoryEnd !== undefined || (rel !== undefined && CATEGORY_REL.test(rel)))) found.category.push(element);
    // The block's own element is not inside it; a block inside another ends within it.
    if (opensAuthor && authorEnd === undefined) authorEnd = afterSubtree(element);
    if (opensCategory && categoryEnd === undefined) categoryEnd = afterSubtree(element);
  }
  return found;
}

/** The first element after an element's subtree in document order, or null when its subtree runs to the end of the page. */
function afterSubtree(element: Element): Element | null {
  for (let node: AnyNode | null = element; node; node = node.parent) {
    for (let sibling = node.next; sibling; sibling = sibling.next) if (isTag(sibling)) return sibling;
  }
  return null;
}
