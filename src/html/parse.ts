import { Parser, Tokenizer, type Handler } from 'htmlparser2';
import type { AnyNode, ChildNode, Document, Element, ParentNode } from 'domhandler';
import { SkippingTokenizer, TOKENIZER_FITS } from './tokenizer.js';

/**
 * htmlparser2 driven by a lean tree builder instead of domhandler's DomHandler. The nodes have the
 * same own fields as domhandler's (type, name, attribs, children, data, parent, prev, next), which
 * is all the heuristics, domutils and css-select read, but are plain objects of one shape per kind:
 * domhandler's class fields (five per node, defined one by one through the class chain, with
 * start/end indices never used here) were a tenth of the time of reading a page and a good part of
 * its garbage. Same events, same tree: text runs merge as DomHandler merges them, comments and
 * directives stay (they part text nodes and count as siblings).
 */
export function parseTree(html: string): ParsedTree {
  const builder = new TreeBuilder();
  new Parser(builder, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    Tokenizer: TOKENIZER_FITS ? SkippingTokenizer : Tokenizer,
  }).end(html);
  return { document: builder.root, elements: builder.elements, depth: builder.depth };
}

export interface ParsedTree {
  document: Document;
  /** Every element in document order (the order the parser opened them). */
  elements: Element[];
  /** How deep the deepest node sits (the root's children are at depth 1). */
  depth: number;
}

/**
 * The attributes of every element that has none (most list items, paragraphs and spans of a page):
 * one empty object for all instead of one each (a tenth of a big page's tree). Frozen: nothing
 * writes to a parsed element's attributes.
 */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

type Node = AnyNode & { parent: ParentNode | null; prev: ChildNode | null; next: ChildNode | null };

/** A new element, as the parser makes it (script and style get their own types, as in domhandler). */
export function newElement(name: string, attribs: Record<string, string>, children: ChildNode[]): Element {
  const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
  // classAndId is html/dom.ts's memo of the element's class and id, lower-cased: declared here so
  // that every element has one shape from the start.
  return { type, name, attribs, children, parent: null, prev: null, next: null, classAndId: undefined } as unknown as Element;
}

function dataNode(type: 'text' | 'comment', data: string): Node {
  return { type, data, parent: null, prev: null, next: null } as unknown as Node;
}

class TreeBuilder implements Partial<Handler> {
  root = { type: 'root', children: [], parent: null, prev: null, next: null } as unknown as Document;
  elements: Element[] = [];
  depth = 0;
  private stack: ParentNode[] = [this.root];
  /** The text (or comment) node still being written to. */
  private last: Node | null = null;

  /** Attributes read since the tag was opened: none, and the element shares NO_ATTRIBUTES. */
  private attributes = 0;

  onopentagname(): void {
    this.attributes = 0;
  }

  onattribute(): void {
    this.attributes++;
  }

  /**
   * One string per tag name of the page: the parser slices and lower-cases a new "li" for every
   * <li> (160,000 small strings on a 5 MB page), and a name shared by all is compared by identity.
   */
  private names = new Map<string, string>();

  onopentag(tag: string, attribs: Record<string, string>): void {
    let name = this.names.get(tag);
    if (name === undefined) this.names.set(tag, (name = tag));
    const element = newElement(name, this.attributes === 0 ? NO_ATTRIBUTES : attribs, []);
    this.add(element);
    this.elements.push(element);
    this.stack.push(element);
  }

  onclosetag(): void {
    this.last = null;
    this.stack.pop();
  }

  ontext(data: string): void {
    const last = this.last;
    if (last && (last.type as string) === 'text') (last as unknown as { data: string }).data += data;
    else {
      const node = dataNode('text', data);
      this.add(node);
      this.last = node;
    }
  }

  oncomment(data: string): void {
    const last = this.last;
    if (last && (last.type as string) === 'comment') {
      (last as unknown as { data: string }).data += data;
      return;
    }
    const node = dataNode('comment', data);
    this.add(node);
    this.last = node;
  }

  oncommentend(): void {
    this.last = null;
  }

  oncdatastart(): void {
    const text = dataNode('text', '');
    const cdata = { type: 'cdata', children: [text], parent: null, prev: null, next: null } as unknown as Node;
    this.add(cdata);
    text.parent = cdata as unknown as ParentNode;
    this.last = text;
  }

  oncdataend(): void {
    this.last = null;
  }

  onprocessinginstruction(name: string, data: string): void {
    this.add({ type: 'directive', name, data, parent: null, prev: null, next: null } as unknown as Node);
  }

  private add(node: Node): void {
    const depth = this.stack.length;
    if (depth > this.depth) this.depth = depth;
    const parent = this.stack[depth - 1]!;
    const siblings = parent.children;
    if (siblings.length === 0) {
      // A first child gets an array of its own size: a push on an empty array reserves room for
      // 16, and most elements of a big page (a link, a list item) hold one child.
      parent.children = [node];
    } else {
      const previous = siblings[siblings.length - 1]!;
      siblings.push(node);
      node.prev = previous;
      previous.next = node;
    }
    node.parent = parent;
    this.last = null;
  }
}
