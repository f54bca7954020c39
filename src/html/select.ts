import type { AnyNode, Document, Element } from 'domhandler';
import { isTag } from 'domhandler';
import { compile, selectAll, selectOne } from 'css-select';

// Finding elements in a page: css-select with its compiled selectors kept, and the page's index of
// its elements by tag (made once per page from the parser's own list) for the questions asked of
// every page, so that they do not walk a page of 100,000 elements each time.

/** The elements of each page as parsed (html/dom.ts parseHtml), for its tag index (elementsByTag). */
const parsedElements = new WeakMap<Document, Element[]>();

/** Keeps the parser's list of a page's elements, in document order, for the page's tag index. */
export function rememberParsedElements(document: Document, elements: Element[]): void {
  parsedElements.set(document, elements);
}

/**
 * Selectors compiled once per run: the extractor asks the same few dozen of every block of a
 * page (16,000 "Lire aussi" lines ask `a[href]` 16,000 times), and css-select would parse and
 * compile the text each time. None of kiosque's selectors is relative (`:scope`, a leading
 * combinator), so a compiled selector does not depend on where it is used.
 */
const compiled = new Map<string, ReturnType<typeof compile<AnyNode, Element>>>();
function query(selector: string) {
  let found = compiled.get(selector);
  if (!found) {
    found = compile<AnyNode, Element>(selector);
    compiled.set(selector, found);
  }
  return found;
}

/**
 * Why a selector written by hand (sites.json) cannot be used, or undefined when it can: parsed and
 * compiled here once, so a typo is said when the rules load, not silently matched against nothing.
 */
export function selectorProblem(selector: string): string | undefined {
  if (!selector.trim()) return 'it is empty';
  // css-what takes a dangling combinator ("div >") as if it were not there: a rule that reads so is cut short.
  if (/[>+~,]\s*$/.test(selector)) return 'it ends with a combinator';
  try {
    query(selector);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function $all(selector: string, root: AnyNode | AnyNode[]): Element[] {
  try {
    return selectAll<AnyNode, Element>(query(selector), root);
  } catch {
    return [];
  }
}

export function $one(selector: string, root: AnyNode | AnyNode[]): Element | null {
  try {
    return selectOne<AnyNode, Element>(query(selector), root);
  } catch {
    return null;
  }
}

interface TagIndex {
  byTag: Map<string, Element[]>;
  /** The lists of several tags asked for so far, by their names joined (the same few lists are asked of every page). */
  byTags: Map<string, Element[]>;
  /** Every element in document order, to pick several tags at once in that order. */
  all: Element[];
}
const tagIndexes = new WeakMap<Document, TagIndex>();

/**
 * The page's elements of the given tags, in document order, from one list of the page made
 * once per document: metadata and links ask a dozen "every <meta>", "every <h1>, <h2>" of a
 * page of 100,000 elements, and css-select would walk it each time. A snapshot of the page as
 * parsed: take it before anything changes the tree (the extractor reads metadata and links
 * before it strips the page's furniture).
 */
export function elementsByTag(document: Document, ...names: string[]): Element[] {
  const index = tagIndex(document);
  if (names.length === 1) return index.byTag.get(names[0]!) ?? [];
  const key = names.join(' ');
  let found = index.byTags.get(key);
  if (!found) {
    const wanted = new Set(names);
    found = index.all.filter((element) => wanted.has(element.name));
    index.byTags.set(key, found);
  }
  return found;
}

/** Every element of the page as parsed, in document order (see elementsByTag). */
export function pageElements(document: Document): Element[] {
  return tagIndex(document).all;
}

function tagIndex(document: Document): TagIndex {
  let index = tagIndexes.get(document);
  if (!index) {
    const all = parsedElements.get(document) ?? walkElements(document);
    parsedElements.delete(document);
    const byTag = new Map<string, Element[]>();
    for (const element of all) {
      const list = byTag.get(element.name);
      if (list) list.push(element);
      else byTag.set(element.name, [element]);
    }
    index = { byTag, byTags: new Map(), all };
    tagIndexes.set(document, index);
  }
  return index;
}

/** Every element under the document, in document order. */
function walkElements(document: Document): Element[] {
  const all: Element[] = [];
  const stack: AnyNode[] = [...document.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    all.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return all;
}

/**
 * The page's elements (as parsed, in document order) that match a selector, testing with
 * css-select only those that pass `mayMatch`: a cheap necessary condition written beside the
 * selector (an attribute present, a class holding a word), so that a question asked of a page of
 * 100,000 elements tests a few hundred. A snapshot, as elementsByTag: ask before the tree changes.
 */
export function selectInPage(document: Document, selector: string, mayMatch: (element: Element) => boolean): Element[] {
  const matches = query(selector);
  return pageElements(document).filter((element) => mayMatch(element) && matches(element));
}

/**
 * The first of the elements (in page order: a page's candidates for the selectors, found by a walk
 * that tested a cheap necessary condition of them) that matches each selector.
 */
export function firstOfEach(elements: Element[], selectors: string[]): Array<Element | undefined> {
  return selectors.map((selector) => {
    const matches = query(selector);
    try {
      return elements.find((element) => matches(element));
    } catch {
      return undefined;
    }
  });
}

/**
 * The elements of the page (as parsed) that sit inside an element passing the test: the only
 * ones a descendant selector (".byline a") can match, found by walking those few subtrees.
 */
export function insideOf(document: Document, test: (element: Element) => boolean): Set<Element> {
  const inside = new Set<Element>();
  for (const element of pageElements(document)) {
    // An element inside one already walked was walked with it.
    if (inside.has(element) || !test(element)) continue;
    const stack: AnyNode[] = [...element.children];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (!isTag(node)) continue;
      inside.add(node);
      for (const child of node.children) stack.push(child);
    }
  }
  return inside;
}

/**
 * Whether an element holds an element of the given tag below it: `$one(name, element) !== null`
 * without css-select's setup, for a question asked of every list item of a page.
 */
export function hasDescendant(element: Element, name: string): boolean {
  const stack: AnyNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (node.name === name) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}
