import { UNREAD_TAGS } from '../html/blocks.js';
import { type Element, isTag, isText } from '../html/dom.js';

export interface Bounds {
  /** Characters that are not white space. */
  characters: number;
  /** Nodes (elements and text) below the element. */
  nodes: number;
  /** p, div and li elements below the element. */
  nestedBlocks?: number;
}

const NESTED_BLOCKS = new Set(['p', 'div', 'li']);

/**
 * Whether `element` stays within `bounds`, looking no further than the first bound passed.
 * For questions asked of every element on the way down a page ("is this a short label?",
 * "is this one 'Lire aussi' line?"): reading each element's whole text to answer makes a page
 * nested N deep cost N times its size, and a page of 100,000 nested blocks never ends. As
 * textOf does, script, style, noscript and template hold no text. Walks with an explicit
 * stack: no recursion on a page nested 100,000 deep.
 */
export function fitsWithin(element: Element, bounds: Bounds): boolean {
  let characters = 0;
  let nodes = 0;
  let blocks = 0;
  const stack: Array<{ parent: Element; next: number }> = [{ parent: element, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const child = top.parent.children[top.next++];
    if (!child) {
      stack.pop();
      continue;
    }
    if (++nodes > bounds.nodes) return false;
    if (isText(child)) {
      characters += visibleCharacters(child.data, bounds.characters - characters + 1);
      if (characters > bounds.characters) return false;
    } else if (isTag(child) && !UNREAD_TAGS.has(child.name)) {
      if (bounds.nestedBlocks !== undefined && NESTED_BLOCKS.has(child.name) && ++blocks > bounds.nestedBlocks) return false;
      stack.push({ parent: child, next: 0 });
    }
  }
  return true;
}

/**
 * Characters of `text` that are not white space or controls, counted up to `atMost`. A text
 * with more of them than a bound has a cleaned text (src/text/sanitize.ts cleanInline) longer
 * than that bound too (escape sequences aside, which no honest page carries), so "does not fit"
 * turns away nothing a full reading would accept.
 */
function visibleCharacters(text: string, atMost: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < atMost; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && (code < 0x7f || code > 0x9f) && !SPACE_OR_FORMAT.test(text[i]!)) count++;
  }
  return count;
}

const SPACE_OR_FORMAT = /[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/;
