import type { TokenizerCallbacks } from 'htmlparser2';
import type { AnyNode, ChildNode, Document, Element, ParentNode } from 'domhandler';
import { tokenize } from './tokenizer.js';
import { NameTable } from './names.js';
import { HTML_INTEGRATION, MATHML, NOT_FOREIGN, OPEN_IMPLIES_CLOSE, SVG, SVG_NAMES, VOID_ELEMENTS } from './tag-rules.js';

/**
 * html/tokenizer.ts (kiosque's own reader, calling htmlparser2's Tokenizer's callbacks) driving a
 * lean tree builder directly, without htmlparser2's Parser: the builder applies the Parser's HTML
 * rules itself (html/tag-rules.ts: implied end tags, void elements, a second <form> ignored, "</p>"
 * and "</br>" without an opening tag, SVG and MathML content) and makes the same tree htmlparser2's
 * DomHandler would, which tests/html-parse.test.ts checks. The Parser was a third of the time of
 * reading a page: start/end indices kept for every event, an attribute object made for every tag
 * (most have none), a name stack grown and shrunk at its head, and a second layer of callbacks.
 *
 * The nodes have the same fields as domhandler's (type, name, attribs, children, data, parent,
 * prev, next), which is all the heuristics, domutils and css-select read, in one shape per kind
 * (type on the kind's prototype). Text runs merge as DomHandler merges them; comments and directives stay
 * (they part text nodes and count as siblings).
 */
export function parseTree(html: string): ParsedTree {
  const builder = new TreeBuilder(html);
  tokenize(html, builder);
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

/**
 * The nodes' kinds are classes whose `type` is read from the prototype, not kept on each node: a
 * 5 MB page of menus has 1.2 million elements and 1.6 million text nodes, and without pointer
 * compression (Node 20) a field is 8 bytes on each (a tenth of the page's tree).
 */
class ParsedElement {
  parent: ParentNode | null = null;
  prev: ChildNode | null = null;
  next: ChildNode | null = null;
  /** html/dom.ts's memo of the element's class and id, lower-cased: declared here so that every element has one shape. */
  classAndId: string | undefined = undefined;
  constructor(
    public name: string,
    public attribs: Record<string, string>,
    public children: ChildNode[],
  ) {}

  /** As domhandler's Element: script and style get their own types. */
  get type(): string {
    const name = this.name;
    return name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
  }
}

class TextNode {
  parent: ParentNode | null = null;
  prev: ChildNode | null = null;
  next: ChildNode | null = null;
  constructor(public data: string) {}
}
Object.defineProperty(TextNode.prototype, 'type', { value: 'text', enumerable: true });

class CommentNode {
  parent: ParentNode | null = null;
  prev: ChildNode | null = null;
  next: ChildNode | null = null;
  constructor(public data: string) {}
}
Object.defineProperty(CommentNode.prototype, 'type', { value: 'comment', enumerable: true });

/** A new element, as the parser makes it. */
export function newElement(name: string, attribs: Record<string, string>, children: ChildNode[]): Element {
  return new ParsedElement(name, attribs, children) as unknown as Element;
}

function dataNode(type: 'text' | 'comment', data: string): Node {
  return (type === 'text' ? new TextNode(data) : new CommentNode(data)) as unknown as Node;
}

const { fromCodePoint } = String;

const TAG_NAMES = new NameTable();
const ATTRIBUTE_NAMES = new NameTable();
/** Runs of white space are names of a kind: no letters to lower-case. */
const SPACES = new NameTable();
const SHORT_SPACE = 64;
/** Texts up to this long are shared by all their nodes (sharedText). */
const SHARED_TEXT = 80;

/** HTML's white space (the tokenizer's: space, tab, line feed, form feed, carriage return). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x0c;
}

/**
 * The children of every element until it gets its first: most elements either hold nothing (an
 * image, a line break, an icon) or get an array of their own size when their first child comes.
 * Frozen: a child is never added to a parsed element in place (html/dom.ts assigns new arrays).
 */
const NO_CHILDREN: ChildNode[] = Object.freeze([]) as unknown as ChildNode[];

type AttributesTrie = Map<string, Map<string, SharedAttributes>>;
interface SharedAttributes {
  /** The object of the elements with these attributes and no more. */
  attribs: Record<string, string> | undefined;
  /** The attributes that come after these on other elements. */
  next: AttributesTrie | undefined;
}
/** Shared only with at most this many attributes, of at most this many characters each (a class, a short link). */
const SHARED_ATTRIBUTES = 4;
const SHARED_VALUE = 100;

class TreeBuilder implements TokenizerCallbacks {
  root = { type: 'root', children: [], parent: null, prev: null, next: null } as unknown as Document;
  elements: Element[] = [];
  depth = 0;
  /** The open elements, the root first: htmlparser2's Parser keeps their names, innermost first. */
  private stack: ParentNode[] = [this.root];
  /** The text node still being written to (text runs parted by entities make one node). */
  private lastText: { data: string } | null = null;
  /** How many <form>s are open: a <form> inside another is ignored, as browsers do. */
  private forms = 0;
  /** SVG, MathML or HTML, innermost last (the Parser's foreignContext, innermost first). */
  private foreign: number[] = [NOT_FOREIGN];

  /** The tag being opened: its name ('' once emitted, or for an ignored <form>), its attributes so far. */
  private tagName = '';
  private opening = false;
  private attribs: Record<string, string> | null = null;
  private attribName = '';
  private attribValue = '';

  /** The attributes objects made so far, by their attributes' names then values, in order. */
  private sharedAttribs: AttributesTrie = new Map();

  /** The short texts read so far (sharedText). */
  private texts = new Map<string, string>();

  constructor(private readonly html: string) {}

  isInForeignContext(): boolean {
    return this.foreign[this.foreign.length - 1] !== NOT_FOREIGN;
  }

  // ---- tag names

  /** The Parser's readTagName: lower-cased, in SVG's case inside SVG, "image" read as "img" in HTML. */
  private readTagName(start: number, end: number): string {
    const name = TAG_NAMES.read(this.html, start, end);
    if (this.foreign.length === 1) return name === 'image' ? 'img' : name;
    if (this.foreign[this.foreign.length - 1] === SVG) return SVG_NAMES.get(name) ?? name;
    // A closing tag of an SVG element inside an HTML integration point (</foreignObject> in its own content).
    const adjusted = SVG_NAMES.get(name);
    if (adjusted !== undefined && this.isOpen(adjusted)) return adjusted;
    if (!this.isInForeignContext()) return name === 'image' ? 'img' : name;
    return name;
  }

  private isOpen(name: string): boolean {
    const stack = this.stack;
    for (let i = stack.length - 1; i > 0; i--) if ((stack[i] as Element).name === name) return true;
    return false;
  }

  // ---- opening tags

  onopentagname(start: number, end: number): void {
    this.openTag(this.readTagName(start, end));
  }

  /** The Parser's emitOpenTag: the elements the tag closes, then the tag, waiting for its attributes. */
  private openTag(name: string): void {
    this.tagName = name;
    if (name === 'form' && this.forms > 0) {
      this.tagName = '';
      return;
    }
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes !== undefined) {
      const stack = this.stack;
      while (stack.length > 1 && closes.has((stack[stack.length - 1] as Element).name)) this.pop();
    }
    if (!VOID_ELEMENTS.has(name)) {
      // The Parser enters SVG or MathML here, before the attributes: "<svg/>" is then read as closed.
      if (name === 'svg') this.foreign.push(SVG);
      else if (name === 'math') this.foreign.push(MATHML);
      else if (HTML_INTEGRATION.has(name)) this.foreign.push(NOT_FOREIGN);
      else if (name === 'form') this.forms++;
    }
    this.opening = true;
    this.attribs = null;
  }

  onattribname(start: number, end: number): void {
    this.attribName = ATTRIBUTE_NAMES.read(this.html, start, end);
  }

  onattribdata(start: number, end: number): void {
    this.attribValue += this.html.slice(start, end);
  }

  onattribentity(codepoint: number): void {
    this.attribValue += fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (this.opening) {
      // An attribute written twice keeps its first value, as in browsers.
      const attribs = (this.attribs ??= {});
      if (!Object.hasOwn(attribs, this.attribName)) attribs[this.attribName] = this.attribValue;
    }
    this.attribValue = '';
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  /**
   * One attributes object for all the elements of the page that have the same few short attributes
   * (the 80,000 links of a page of menus written <a href="/x">, the items of a list that share a
   * class): a tenth of a big page's tree. Frozen, as NO_ATTRIBUTES is: nothing writes to a parsed
   * element's attributes. Kept for this page only (the builder's, dropped with it).
   */
  private shared(attribs: Record<string, string>): Record<string, string> {
    let level: AttributesTrie | undefined = this.sharedAttribs;
    let entry: SharedAttributes | undefined;
    let count = 0;
    for (const name in attribs) {
      const value = attribs[name]!;
      if (++count > SHARED_ATTRIBUTES || value.length > SHARED_VALUE) return attribs;
      level ??= entry!.next = new Map();
      let values: Map<string, SharedAttributes> | undefined = level.get(name);
      if (values === undefined) level.set(name, (values = new Map<string, SharedAttributes>()));
      entry = values.get(value);
      if (entry === undefined) values.set(value, (entry = { attribs: undefined, next: undefined }));
      level = entry.next;
    }
    return (entry!.attribs ??= Object.freeze(attribs));
  }

  /** The Parser's endOpenTag: the element goes into the tree, and out of the open ones at once if void. */
  private endOpenTag(): void {
    const name = this.tagName;
    if (this.opening) {
      this.opening = false;
      const element = newElement(name, this.attribs === null ? NO_ATTRIBUTES : this.shared(this.attribs), NO_CHILDREN);
      this.attribs = null;
      this.add(element);
      this.elements.push(element);
      if (!VOID_ELEMENTS.has(name)) this.stack.push(element);
    }
    this.tagName = '';
  }

  onselfclosingtag(): void {
    // "/>" closes a tag only in SVG or MathML; in HTML it is read as ">".
    if (!this.isInForeignContext()) {
      this.endOpenTag();
      return;
    }
    const name = this.tagName;
    this.endOpenTag();
    const top = this.stack[this.stack.length - 1] as Element;
    if (this.stack.length > 1 && top.name === name) this.pop();
  }

  /** The Parser's popElement: the innermost open element is closed. */
  private pop(): void {
    const element = this.stack.pop() as Element;
    const name = element.name;
    if (name === 'svg' || name === 'math' || HTML_INTEGRATION.has(name)) this.foreign.pop();
    else if (name === 'form') this.forms--;
    this.lastText = null;
  }

  // ---- closing tags

  onclosetag(start: number, end: number): void {
    const name = this.readTagName(start, end);
    if (VOID_ELEMENTS.has(name)) {
      // "</br>" is read as "<br>"; any other void closing tag is ignored.
      if (name === 'br') {
        const br = newElement('br', NO_ATTRIBUTES, NO_CHILDREN);
        this.add(br);
        this.elements.push(br);
      }
      return;
    }
    const stack = this.stack;
    let at = stack.length - 1;
    while (at > 0 && (stack[at] as Element).name !== name) at--;
    if (at > 0) {
      while (stack.length > at) this.pop();
    } else if (name === 'p') {
      // "</p>" with no <p> open is read as "<p></p>".
      this.openTag('p');
      this.endOpenTag();
      this.pop();
    }
  }

  // ---- text, comments, the doctype

  ontext(start: number, end: number): void {
    const html = this.html;
    const length = end - start;
    if (length <= SHORT_SPACE && isSpace(html.charCodeAt(start))) this.addText(this.spaceOrSlice(start, end));
    else this.addText(length <= SHARED_TEXT ? this.sharedText(html.slice(start, end)) : html.slice(start, end));
  }

  /**
   * A short text written many times on the page (the label of a menu's links, "Share", "Read more")
   * is one string for all its nodes, not one slice each. Kept for this page only.
   */
  private sharedText(text: string): string {
    const texts = this.texts;
    const known = texts.get(text);
    if (known !== undefined) return known;
    texts.set(text, text);
    return text;
  }

  /**
   * The white space between tags (two text nodes in three on the corpora's pages, a few thousand
   * distinct runs in all) is one string per run for every page: no copy of "\n    " kept per node.
   */
  private spaceOrSlice(start: number, end: number): string {
    const html = this.html;
    for (let i = start + 1; i < end; i++) if (!isSpace(html.charCodeAt(i))) return html.slice(start, end);
    return SPACES.read(html, start, end);
  }

  ontextentity(codepoint: number): void {
    this.addText(fromCodePoint(codepoint));
  }

  private addText(data: string): void {
    const last = this.lastText;
    if (last !== null) last.data += data;
    else {
      const node = dataNode('text', data);
      this.add(node);
      this.lastText = node as unknown as { data: string };
    }
  }

  oncomment(start: number, end: number, offset: number): void {
    this.addComment(this.html.slice(start, end - offset));
  }

  private addComment(data: string): void {
    this.add(dataNode('comment', data));
  }

  oncdata(start: number, end: number, offset: number): void {
    const value = this.html.slice(start, end - offset);
    // HTML has no CDATA sections: one in SVG or MathML is text, anywhere else a comment.
    if (this.isInForeignContext()) this.addText(value);
    else this.addComment(`[CDATA[${value}]]`);
  }

  ondeclaration(start: number, end: number): void {
    this.addDirective('!doctype', `!${this.html.slice(start, end)}`);
  }

  onprocessinginstruction(start: number, end: number): void {
    // Only in XML mode: HTML reads "<?...>" as a comment.
    const value = this.html.slice(start, end);
    const at = value.search(/\s|\//);
    this.addDirective(`?${(at < 0 ? value : value.slice(0, at)).toLowerCase()}`, `?${value}`);
  }

  private addDirective(name: string, data: string): void {
    this.add({ type: 'directive', name, data, parent: null, prev: null, next: null } as unknown as Node);
  }

  onend(): void {}

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
    this.lastText = null;
  }
}
