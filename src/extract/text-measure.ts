import { UNREAD_TAGS } from '../html/blocks.js';
import { type AnyNode, type Element, isBlock, isTag, isText } from '../html/dom.js';

// How long an element's text is, how many commas it holds and how much of it sits in links, as
// squash(textOf(element)) would say, without building the text: the measures every scoring rule
// asks of every container up the tree.

/**
 * What squash() makes of a text, summed up so that a parent's is made of its children's: the
 * characters that stay (`visible`), the single spaces between them (`gaps`), and whether it
 * starts or ends with white space (which becomes a gap when joined to more text).
 */
interface TextShape {
  visible: number;
  /** Commas of several scripts (, ， 、 ،), for the scoring. */
  commas: number;
  gaps: number;
  leadingSpace: boolean;
  trailingSpace: boolean;
}

const EMPTY_SHAPE: TextShape = { visible: 0, commas: 0, gaps: 0, leadingSpace: false, trailingSpace: false };
const SPACE_SHAPE: TextShape = { visible: 0, commas: 0, gaps: 0, leadingSpace: true, trailingSpace: true };

/**
 * Adds `b`'s text after `a`'s, in place: `a` is the running shape of one element, made once and
 * filled child by child (a new shape per child was most of the garbage of scoring a big page).
 */
function appendShape(a: TextShape, b: TextShape): void {
  if (a.visible === 0) {
    const space = a.leadingSpace || a.trailingSpace || b.leadingSpace;
    a.visible = b.visible;
    a.commas = b.commas;
    a.gaps = b.gaps;
    a.leadingSpace = space;
    a.trailingSpace = b.visible === 0 ? space || b.trailingSpace : b.trailingSpace;
    return;
  }
  if (b.visible === 0) {
    a.trailingSpace = a.trailingSpace || b.leadingSpace || b.trailingSpace;
    return;
  }
  a.gaps += b.gaps + (a.trailingSpace || b.leadingSpace ? 1 : 0);
  a.visible += b.visible;
  a.commas += b.commas;
  a.trailingSpace = b.trailingSpace;
}

/** The shape of one text, white space as JavaScript's \s counts it (squash's /\s+/). */
function textShape(text: string): TextShape {
  let visible = 0;
  let commas = 0;
  let gaps = 0;
  let inSpace = false;
  let leadingSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (visible === 0) leadingSpace = true;
      inSpace = true;
    } else {
      if (inSpace && visible > 0) gaps++;
      inSpace = false;
      visible++;
      const code = text.charCodeAt(i);
      if (code === 0x2c || code === 0xff0c || code === 0x3001 || code === 0x60c) commas++;
    }
  }
  return { visible, commas, gaps, leadingSpace, trailingSpace: inSpace };
}

function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Text and link-text lengths, each computed once per element: scoring asks
 * for them on every container up the tree, which is quadratic on a big page
 * if each question walks the subtree again. Valid while the DOM is unchanged: a pass that
 * changes it says which element's text changed (changed()), and the measure is then shared by
 * the passes after it (stripping, scoring, building blocks), each page's text measured once.
 */
export class TextMeasure {
  // Maps, not WeakMaps: a measure lives for one pass over one page, and a WeakMap's entries cost
  // the garbage collector more. Only elements have an entry: a text's shape is read from it.
  private readonly shapes = new Map<Element, TextShape>();
  private readonly linkLengths = new Map<Element, number>();

  /** squash(textOf(node)).length, computed from the children's shapes (kept for containers and long texts; a short leaf is read again when asked). */
  length(node: AnyNode): number {
    const shape = this.shape(node);
    return shape.visible + shape.gaps;
  }

  /** The commas of the node's text, from the same shapes. */
  commas(node: AnyNode): number {
    return this.shape(node).commas;
  }

  private shape(node: AnyNode): TextShape {
    if (!isTag(node)) return isText(node) ? textShape(node.data) : EMPTY_SHAPE;
    if (UNREAD_TAGS.has(node.name)) return EMPTY_SHAPE;
    if (node.name === 'br') return SPACE_SHAPE;
    const known = this.shapes.get(node);
    if (known) return known;
    // Recursive, children before parents: parseHtml keeps every page under a few hundred levels
    // (limitDepth), and one call per element asks the Map once and fills it once.
    // textOf puts a space around a block element's text.
    const block = isBlock(node);
    const shape = { visible: 0, commas: 0, gaps: 0, leadingSpace: block, trailingSpace: block };
    let nested = 0;
    // Indexed loops here and below: a for-of over children allocated an iterator result per child
    // wherever V8 had not yet optimized the walk (a sixth of the extractor's garbage).
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      if (isTag(child)) {
        nested++;
        appendShape(shape, this.shape(child));
      } else if (isText(child)) appendShape(shape, textShape(child.data));
    }
    if (block) appendShape(shape, SPACE_SHAPE);
    // A short element of text alone or around one element (most elements: a link, a span, the list
    // item of a link) is read again when asked, not kept: on a page of 100,000 links the Map would
    // hold them all. A paragraph, or any element of several, is kept.
    if (nested > 1 || shape.visible > SHORT_LEAF) this.shapes.set(node, shape);
    return shape;
  }

  /**
   * The text under `element` changed (a child taken out or wrapped): what was kept of it and of
   * its ancestors is forgotten. `done`: elements already forgotten in this batch of changes,
   * whose ancestors were too (a page's thousand scripts in one <head> walk up once).
   */
  changed(element: Element, done?: Set<Element>): void {
    for (let node: Element | null = element; node && isTag(node); node = node.parent as Element | null) {
      if (done) {
        if (done.has(node)) return;
        done.add(node);
      }
      this.shapes.delete(node);
      this.linkLengths.delete(node);
    }
  }

  /** Length of the text inside links; links within the page (footnotes, anchors) count less than links away. */
  linkLength(node: AnyNode): number {
    if (!isTag(node)) return 0;
    // A link's is its text's (measured and kept above): only containers are kept here.
    if (node.name === 'a') return this.length(node) * ((node.attribs['href'] ?? '').startsWith('#') ? 0.3 : 1);
    let length = this.linkLengths.get(node);
    if (length === undefined) {
      length = 0;
      let nested = 0;
      const children = node.children;
      for (let i = 0; i < children.length; i++) {
        const child = children[i]!;
        if (!isTag(child)) continue;
        nested++;
        length += this.linkLength(child);
      }
      // As for shapes: an element around one other (a list item around its link) is read again.
      if (nested > 1) this.linkLengths.set(node, length);
    }
    return length;
  }
}

/** Characters of an element of text alone that are cheaper to read again than to keep. */
const SHORT_LEAF = 80;

export function linkDensity(element: Element, textLength?: number, measure = new TextMeasure()): number {
  const total = textLength ?? measure.length(element);
  if (total === 0) return 0;
  return Math.min(1, measure.linkLength(element) / total);
}
