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

const NOT_READ = new Set(['script', 'style', 'noscript', 'template']);
const NESTED_BLOCKS = new Set(['p', 'div', 'li']);

/**
 * The text and links of an element that is short, or null as soon as it proves longer than the
 * bounds: one walk, which stops early, for the question asked of every element of a page ("is
 * this a label?", "is this one 'Lire aussi' line?"). Reads text as `textOf` does.
 */
export function shortText(element: Element, bounds: ShortBounds): ShortText | null {
  const parts: string[] = [];
  const anchors: Element[] = element.name === 'a' && element.attribs['href'] !== undefined ? [element] : [];
  let characters = 0;
  let nodes = 0;
  let blocks = 0;
  // Block elements are entered and left with a space; `null` marks the way out of one.
  const stack: Array<AnyNode | null> = [...element.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === null) {
      parts.push(' ');
      continue;
    }
    if (++nodes > bounds.nodes) return null;
    if (isText(node)) {
      characters += countVisible(node.data);
      if (characters > bounds.characters) return null;
      parts.push(node.data);
      continue;
    }
    if (!isTag(node) || NOT_READ.has(node.name)) continue;
    if (node.name === 'br') {
      parts.push('\n');
      continue;
    }
    if (bounds.nestedBlocks !== undefined && NESTED_BLOCKS.has(node.name) && ++blocks > bounds.nestedBlocks) return null;
    if (node.name === 'a' && node.attribs['href'] !== undefined) anchors.push(node);
    if (isBlock(node)) {
      parts.push(' ');
      stack.push(null);
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { text: parts.join(''), anchors };
}

function countVisible(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code !== 0xa0 && code !== 0x3000 && (code < 0x2000 || code > 0x200f)) count++;
  }
  return count;
}
