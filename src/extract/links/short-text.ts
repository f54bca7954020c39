import { UNREAD_TAGS } from '../../html/blocks.js';
import { type AnyNode, type Element, isBlock, isTag, isText } from '../../html/dom.js';

export interface ShortText {
  /** The text as a reader sees it (block boundaries and <br> as white space), not yet cleaned. */
  text: string;
  /** The links inside, in page order (the element itself when it is a link). */
  anchors: Element[];
}

export interface ShortBounds {
  /** Characters that are not white space. */
  characters: number;
  /** Nodes below the element. */
  nodes: number;
  /** p, div and li elements below the element. */
  nestedBlocks?: number;
}

const NESTED_BLOCKS = new Set(['p', 'div', 'li']);

/**
 * The text and links of an element that is short, or null as soon as it proves longer than the
 * bounds: one walk, which stops early, for the question asked of every element of a page ("is
 * this a label?", "is this one 'Lire aussi' line?"). Reads text as `textOf` does.
 */
export function shortText(element: Element, bounds: ShortBounds): ShortText | null {
  const own = textAlone(element, bounds);
  if (own !== undefined) return own;
  // The text grows by concatenation and the links' list only once there is a link: this is asked
  // of most elements of a page, and most of them are turned away.
  let text = '';
  let anchors: Element[] | undefined = element.name === 'a' && element.attribs['href'] !== undefined ? [element] : undefined;
  let characters = 0;
  let nodes = 0;
  let blocks = 0;
  // Block elements are entered and left with a space; `null` marks the way out of one.
  const stack: Array<AnyNode | null> = [];
  for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null) {
      text += ' ';
      continue;
    }
    if (++nodes > bounds.nodes) return null;
    if (isText(node)) {
      characters += countVisible(node.data, bounds.characters - characters + 1);
      if (characters > bounds.characters) return null;
      text += node.data;
      continue;
    }
    if (!isTag(node) || UNREAD_TAGS.has(node.name)) continue;
    if (node.name === 'br') {
      text += '\n';
      continue;
    }
    if (bounds.nestedBlocks !== undefined && NESTED_BLOCKS.has(node.name) && ++blocks > bounds.nestedBlocks) return null;
    if (node.name === 'a' && node.attribs['href'] !== undefined) (anchors ??= []).push(node);
    if (isBlock(node)) {
      text += ' ';
      stack.push(null);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { text, anchors: anchors ?? [] };
}

/**
 * shortText of an element that holds text alone (most of a page's short elements: a link, a
 * span, a list item's words), read without a walk; undefined for any other element.
 */
function textAlone(element: Element, bounds: ShortBounds): ShortText | null | undefined {
  const children = element.children;
  let characters = 0;
  let text = '';
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (!isText(child)) return undefined;
    // Past a bound already: the full walk, which counts at least as much by then, would stop too.
    if (i + 1 > bounds.nodes) return null;
    characters += countVisible(child.data, bounds.characters - characters + 1);
    if (characters > bounds.characters) return null;
    text += child.data;
  }
  return { text, anchors: element.name === 'a' && element.attribs['href'] !== undefined ? [element] : [] };
}

/**
 * Characters of `text` that are not white space, counted up to `atMost`: past a bound the exact
 * count changes no answer, and a text node of a whole article is not counted to say it is long.
 */
function countVisible(text: string, atMost: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < atMost; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code !== 0xa0 && code !== 0x3000 && (code < 0x2000 || code > 0x200f)) count++;
  }
  return count;
}

/**
 * The first characters of an element's text (about `characters` of them that are not white
 * space), reading no further: enough to tell whether a block opens with a label.
 */
export function leadingText(element: Element, characters: number): string {
  // An element of one text (most paragraphs of a page): that text, uncopied.
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (only && isText(only) && characters > 0) return only.data;
  const parts: string[] = [];
  let count = 0;
  let nodes = 0;
  const stack: AnyNode[] = [];
  for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  while (stack.length > 0 && count < characters && nodes++ < 200) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data);
      count += countVisible(node.data, characters - count);
      continue;
    }
    if (!isTag(node) || UNREAD_TAGS.has(node.name)) continue;
    if (isBlock(node) || node.name === 'br') parts.push(' ');
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return parts.join('');
}

/**
 * The first character of an element's text that is not white space (as `\s` counts it), reading
 * as leadingText reads (the same nodes, in the same order, as far), or '' when there is none: a
 * block whose first character begins no label is turned away before its first words are made.
 */
export function firstCharacter(element: Element): string {
  let nodes = 0;
  const stack: AnyNode[] = [];
  for (let i = element.children.length - 1; i >= 0; i--) stack.push(element.children[i]!);
  while (stack.length > 0 && nodes++ < 200) {
    const node = stack.pop()!;
    if (isText(node)) {
      const found = NOT_SPACE.exec(node.data);
      if (found) return found[0];
      continue;
    }
    if (!isTag(node) || UNREAD_TAGS.has(node.name)) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return '';
}

const NOT_SPACE = /\S/;

/**
 * Whether an element's text starts in the element itself (text, or an inline element such as
 * <strong>, first), rather than in a block inside it: a label line or a callout is such an
 * element; the wrappers around it are not, and need not be read again.
 */
export function holdsItsOwnText(element: Element): boolean {
  for (const child of element.children) {
    if (isText(child)) {
      if (child.data.trim()) return true;
      continue;
    }
    if (!isTag(child) || UNREAD_TAGS.has(child.name)) continue;
    return !isBlock(child);
  }
  return false;
}
