import type { AnyNode, Document, Element } from 'domhandler';
import { isDocument, isTag, isText } from 'domhandler';
import { newElement, parseTree } from './parse.js';
import { rememberParsedElements } from './select.js';
import { isBlockName, UNREAD_TAGS } from './blocks.js';

// Kept apart so that a feed's parser loads neither css-select nor this module (src/html/resolve-link.ts).
export { resolveLink } from './resolve-link.js';
// Finding elements (css-select, the page's tag index) lives in select.ts; the heuristics import it from here.
export { $all, $one, elementsByTag, firstOfEach, hasDescendant, insideOf, selectInPage, selectorProblem } from './select.js';

/** Small helpers over htmlparser2's DOM, so the heuristics read as heuristics. */
export type { AnyNode, Document, Element };
export { isTag, isText };

export function parseHtml(html: string): Document {
  const { document, elements, depth } = parseTree(html);
  // Only a page deeper than DEEP is reshaped; any other is the tree the parser built, whose
  // elements it listed in document order (the page index then needs no walk of its own).
  if (depth > DEEP) limitDepth(document);
  else rememberParsedElements(document, elements);
  return document;
}

// Browsers stop nesting at 512 levels (Blink); the heuristics walk the tree recursively, so
// a page 20,000 <div>s deep must not take the stack with it.
const DEEP = 256;
const DEEPEST = 320;

/**
 * Past DEEP levels, wrappers that hold nothing but one element are taken out
 * (the usual shape of a pathologically deep page); past DEEPEST, whatever is
 * left is flattened into its ancestor, in document order. Iterative.
 */
function limitDepth(root: Document): void {
  const stack: Array<[AnyNode, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!hasChildNodes(node)) continue;
    if (depth >= DEEPEST) {
      flattenInto(node);
      continue;
    }
    if (depth >= DEEP) {
      node.children.forEach((child, index) => (node.children[index] = unwrapChain(child)));
      relink(node);
    }
    for (const child of node.children) stack.push([child, depth + 1]);
  }
}

function hasChildNodes(node: AnyNode): node is Document | Element {
  return 'children' in node && node.children.length > 0;
}

function onlyElementChild(node: AnyNode): Element | undefined {
  if (!isTag(node)) return undefined;
  let only: Element | undefined;
  for (const child of node.children) {
    if (isText(child) && !child.data.trim()) continue;
    if (!isTag(child) || only) return undefined;
    only = child;
  }
  return only;
}

function unwrapChain(node: AnyNode): AnyNode {
  let current = node;
  for (
    let inner = onlyElementChild(current);
    inner && ['div', 'span', 'section', 'font', 'center', 'b', 'i', 'em', 'strong'].includes((current as Element).name);
    inner = onlyElementChild(current)
  ) {
    current = inner;
  }
  return current;
}

function flattenInto(node: Document | Element): void {
  const flat: AnyNode[] = [];
  const pending: AnyNode[] = [...node.children].reverse();
  while (pending.length) {
    const next = pending.pop()!;
    flat.push(next);
    if (hasChildNodes(next)) {
      pending.push(...[...next.children].reverse());
      next.children = [];
    }
  }
  node.children = flat;
  relink(node);
}

function relink(node: Document | Element): void {
  node.children.forEach((child, index) => {
    child.parent = node;
    child.prev = node.children[index - 1] ?? null;
    child.next = node.children[index + 1] ?? null;
  });
}

/** The link types of a rel attribute, lower-cased (rel is a set of space-separated tokens). */
export function relsOf(element: Element): string[] {
  return (element.attribs['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function attr(node: Element, name: string): string | undefined {
  return node.attribs[name];
}

/**
 * class and id together, lower-cased: what the furniture and content patterns are matched on.
 * Empty (falsy) for an element with neither, so "same class as the body" never matches two bare elements.
 */
export function classAndId(node: Element): string {
  // Asked of every element of a page by half a dozen passes (furniture, access, neighbours,
  // pagination, related boxes, content): made once per element and kept on it (an element's
  // attributes are never changed once parsed).
  const named = node as Element & { classAndId?: string };
  return (named.classAndId ??= namesOf(node));
}

function namesOf(node: Element): string {
  const cls = node.attribs['class'];
  const id = node.attribs['id'];
  // No string is built for an element with neither.
  if (id === undefined) return cls === undefined ? '' : cls.trim().toLowerCase();
  if (cls === undefined) return id.trim().toLowerCase();
  return `${cls} ${id}`.trim().toLowerCase();
}

export function isBlock(node: Element): boolean {
  return isBlockName(node.name);
}

/**
 * The text an element holds directly, as it is: what a script or style element carries (JSON-LD,
 * a paywall's flags), which textOf leaves out as never read on screen.
 */
export function rawTextOf(element: Element): string {
  let text = '';
  for (const child of element.children) if (isText(child)) text += child.data;
  return text;
}

/**
 * The text of a node as a reader sees it: block boundaries and <br> become
 * white space, so "<p>a</p><p>b</p>" reads "a b" and not "ab".
 */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  collectText(node, parts);
  return parts.join('');
}

function collectText(node: AnyNode, parts: string[]): void {
  if (isText(node)) {
    parts.push(node.data);
    return;
  }
  if (!isTag(node) && !isDocument(node)) return;
  const element = node as Element;
  if (isTag(node)) {
    if (node.name === 'br') {
      parts.push('\n');
      return;
    }
    if (UNREAD_TAGS.has(node.name)) return;
  }
  const block = isTag(node) && isBlock(node);
  if (block) parts.push(' ');
  // Indexed: a for-of allocated an iterator result per child of every element read.
  const children = element.children;
  for (let i = 0; i < children.length; i++) collectText(children[i]!, parts);
  if (block) parts.push(' ');
}

/** Folds white space for comparisons and lengths. */
export function squash(text: string): string {
  return foldSpaces(text).trim();
}

/**
 * Every run of white space (as \s counts it) made one space, as `text.replace(/\s+/g, ' ')` does,
 * matching only the runs that change: a text whose words are parted by single spaces is not copied.
 */
export function foldSpaces(text: string): string {
  return text.replace(SPACES_TO_FOLD, ' ');
}

const SPACES_TO_FOLD = /\s{2,}|[^\S ]/g;

export function ancestors(node: AnyNode): Element[] {
  const out: Element[] = [];
  let current = node.parent;
  while (current && isTag(current)) {
    out.push(current);
    current = current.parent;
  }
  return out;
}

export function closest(node: AnyNode, predicate: (element: Element) => boolean): Element | undefined {
  if (isTag(node) && predicate(node)) return node;
  return ancestors(node).find(predicate);
}

export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/**
 * Wraps each run of phrasing content (text and inline elements) of `parent` that holds at least
 * `minimum` characters of text into a new <p>, in place: "bare" paragraphs written straight into a
 * <div> (separated by <br>) then score and read as the paragraphs they are. Runs with less text
 * are left as they are. Whether it wrapped any (the parent's text then reads otherwise: a block's
 * edges part words).
 */
export function wrapBareText(parent: Element, minimum: number): boolean {
  // Most containers hold blocks and white space only: they are passed over without a copy of their children.
  if (phrasingTextLength(parent, minimum) < minimum) return false;
  const children = parent.children;
  let changed = false;
  const out: AnyNode[] = [];
  let run: AnyNode[] = [];
  let runText = 0;
  const close = () => {
    if (run.length && runText >= minimum) {
      const paragraph = newElement('p', {}, run);
      for (const node of run) node.parent = paragraph;
      relink(paragraph);
      out.push(paragraph);
      changed = true;
    } else out.push(...run);
    run = [];
    runText = 0;
  };
  for (const child of children) {
    if (isText(child)) {
      run.push(child);
      runText += child.data.trim().length;
    } else if (isTag(child) && !isBlockName(child.name) && !NOT_PHRASING.has(child.name)) {
      run.push(child);
      runText += inlineTextLength(child, minimum);
    } else {
      close();
      out.push(child);
    }
  }
  close();
  if (changed) {
    parent.children = out;
    relink(parent);
  }
  return changed;
}

/** Characters of text in all the runs of phrasing content of `parent` together, counted up to `enough`. */
function phrasingTextLength(parent: Element, enough: number): number {
  let length = 0;
  const children = parent.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (isText(child)) length += child.data.trim().length;
    else if (isTag(child) && !isBlockName(child.name) && !NOT_PHRASING.has(child.name)) length += inlineTextLength(child, enough);
    if (length >= enough) break;
  }
  return length;
}

/** Inline elements that are not text a paragraph is made of. */
const NOT_PHRASING = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'img',
  'picture',
  'video',
  'audio',
  'svg',
  'object',
  'embed',
  'canvas',
  'select',
  'button',
  'input',
  'textarea',
  'form',
  'link',
  'meta',
]);

/** Characters of text under an inline element, counted up to `enough`. */
function inlineTextLength(node: Element, enough: number): number {
  let length = 0;
  const stack: AnyNode[] = [node];
  while (stack.length && length < enough) {
    const next = stack.pop()!;
    if (isText(next)) length += next.data.trim().length;
    else if (isTag(next) && !NOT_PHRASING.has(next.name)) for (let i = 0; i < next.children.length; i++) stack.push(next.children[i]!);
  }
  return length;
}
