import { Parser, type Handler } from 'htmlparser2';
import { KiosqueError } from '../errors.js';
import { webUrl } from '../text/url.js';
import { decode } from './xml-entities.js';

/**
 * An RSS 0.9x / 1.0 (RDF) / 2.0 or Atom 0.3 / 1.0 feed, read straight from htmlparser2's XML-mode
 * events into the fields feeds/parse.ts maps: one forgiving reading for well-formed and ill-formed
 * feeds alike, in kiosque's own process.
 *
 * Forgiving as the reference parsers are with what is found in the wild:
 * - undefined named entities (`&eacute;`, `&nbsp;`, `&hellip;`: a feed has no DTD to define them)
 *   are decoded by the HTML5 table, a bare `&` is text; a DTD's own entities are never expanded
 *   (the DOCTYPE is dropped first: withoutDoctype);
 * - an end tag cut short (`</title` with no `>`) ends its element; elements left open when the
 *   text ends (a truncated download) are closed; an end tag that closes an ancestor closes what is
 *   open inside it;
 * - namespaces are recognised by their URI, not their prefix (a feed may call Dublin Core `dc2:`);
 *   the usual prefixes stand for their namespace when the feed forgets to declare them.
 *
 * Safe on anything (a feed is data from anyone): one pass over the text, no recursion; only the
 * fields the mapping reads are kept (an unknown element costs nothing but its walk), so time and
 * memory are linear in the text; nesting deeper than MAX_DEPTH is refused (TOO_COMPLEX), and
 * markup deeper than FLATTEN_BELOW inside a field is kept as its text alone.
 */

/** Elements nested deeper than this: the feed is refused (TOO_COMPLEX), not read. */
export const MAX_DEPTH = 1000;

/** Markup nested this deep or deeper inside a field is kept for its text alone. */
const FLATTEN_BELOW = 64;

/** One element the mapping reads: its text, and its markup when it holds elements (HTML given unescaped). */
export interface XmlField {
  /** Its character data, entities decoded, CDATA as written: the HTML of an escaped description. */
  text: string;
  /** Its content as markup (text escaped again), or undefined when it holds no element. */
  markup: string | undefined;
  attributes: Record<string, string>;
  /** The address its relative links are read against (xml:base, else the feed's address). */
  base: string;
  /** Its child elements' text, by name (an Atom author's name, email). */
  children: ReadonlyMap<string, string>;
  /** How many child elements it has. */
  childCount: number;
}

/** Fields by name: `title`, `link` (RSS, no namespace), `atom:link`, `dc:creator`, `content:encoded`… */
export type XmlFields = Map<string, XmlField[]>;

export interface XmlFeed {
  format: 'rss' | 'atom' | 'rdf';
  /** The feed's own fields (its title), and its base address. */
  fields: XmlFields;
  base: string;
  entries: XmlFields[];
}

/** Namespaces by URI, as the short names the mapping uses ('' is RSS's own, no namespace). */
const NAMESPACES: Record<string, string> = {
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
};
const ATOM = 'http://www.w3.org/2005/Atom';
/** Prefixes that stand for their usual namespace when the feed does not declare them. */
const USUAL_PREFIXES = new Set(['atom', 'dc', 'dcterms', 'content', 'rdf']);

/** The fields of an entry (and of the feed) that the mapping reads; any other element is skipped. */
const ENTRY_FIELDS = new Set([
  'title',
  'link',
  'guid',
  'pubDate',
  'description',
  'author',
  'content:encoded',
  'dc:title',
  'dc:creator',
  'dc:date',
  'dc:identifier',
  'dc:description',
  'dcterms:created',
  'dcterms:issued',
  'dcterms:modified',
  'atom:title',
  'atom:link',
  'atom:id',
  'atom:updated',
  'atom:published',
  'atom:issued',
  'atom:modified',
  'atom:created',
  'atom:author',
  'atom:summary',
  'atom:content',
]);
const FEED_FIELDS = new Set(['title', 'dc:title', 'atom:title']);

/** An open element: its namespace declarations (when it makes any) and base address. */
interface Frame {
  name: string;
  scope: Map<string, string> | undefined;
  base: string;
  role: 'root' | 'container' | 'entry' | 'field' | 'inside' | 'skipped';
}

/**
 * What a field starts with, shared: most fields (a title, a link, a description) hold no element, and a
 * Map and two arrays of their own for each were a twentieth of what a reload allocates. Never written
 * to: a field's own are made when it meets its first element.
 */
const NO_CHILDREN: ReadonlyMap<string, string> = new Map();
const NOTHING_YET: readonly string[] = Object.freeze([]);

interface Capture {
  key: string;
  depth: number;
  field: XmlField;
  text: string[];
  /** Its markup, kept from its first element on (a field of text alone is its text): NOTHING_YET before. */
  markup: string[];
  hasElements: boolean;
  /** Text of the field's direct child element being read, by name (childText is NOTHING_YET before the first). */
  childKey: string | undefined;
  childText: string[];
  /** The field's children, once it has one. */
  children: Map<string, string> | undefined;
}

export function readXmlFeed(text: string, feedUrl: string): XmlFeed {
  const reader = new FeedReader(feedUrl);
  const parser = new Parser(reader, { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true });
  reader.parser = parser;
  // XML's end-of-line handling (XML 1.0 §2.11): CR LF and a lone CR are read as LF, CDATA too.
  const lines = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  parser.end(closeCutEndTags(withoutDoctype(lines)));
  if (reader.failure) throw reader.failure;
  if (!reader.format) {
    throw new KiosqueError('BAD_FEED', `${feedUrl} is not a feed kiosque can read (RSS, Atom or JSON Feed).`, { url: feedUrl });
  }
  return { format: reader.format, fields: reader.feedFields, base: reader.feedBase, entries: reader.entries };
}

/** Without its DOCTYPE: internal entities (billion laughs) and external ones are never expanded. */
export function withoutDoctype(text: string): string {
  const start = text.search(/<!DOCTYPE/i);
  // Only a DOCTYPE before the root element is one (later, it is text or an HTML description's CDATA).
  if (start < 0 || /<[A-Za-z_]/.test(text.slice(0, start))) return text;
  // Its end: the first `>` outside its internal subset `[...]`. Scanned once: a pattern retried from
  // every unclosed `<!DOCTYPE` took quadratic time (20,000 of them, 0.24 MB: 8 s).
  let end = start + 9;
  let inSubset = false;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (inSubset)
      inSubset = c !== 0x5d; // ]
    else if (c === 0x5b)
      inSubset = true; // [
    else if (c === 0x3e) break; // >
  }
  // Never closed: left for the tokenizer, which reads it as a declaration up to its first `>`.
  return end < text.length ? text.slice(0, start) + text.slice(end + 1) : text;
}

/** `</title` followed by text or another tag, not by `>`: the end tag, cut short (CDATA, an HTML description, left as written). */
function closeCutEndTags(text: string): string {
  return outsideCdata(text, (part) => part.replace(/<\/([A-Za-z_][\w.:-]*)(\s*)(?=<|$)/g, '</$1>$2'));
}

/** `edit` applied to the text outside CDATA sections; an unclosed one runs to the end, as the tokenizer reads it. */
function outsideCdata(text: string, edit: (part: string) => string): string {
  if (!text.includes('<![CDATA[')) return edit(text);
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf('<![CDATA[', at);
    if (start < 0) break;
    parts.push(edit(text.slice(at, start)));
    const end = text.indexOf(']]>', start + 9);
    if (end < 0) return parts.join('') + text.slice(start);
    parts.push(text.slice(start, end + 3));
    at = end + 3;
  }
  parts.push(edit(text.slice(at)));
  return parts.join('');
}

/** Text as XML character data: the three characters markup would take for its own. */
export function escapeXml(text: string): string {
  return /[&<>]/.test(text) ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : text;
}

class FeedReader implements Partial<Handler> {
  parser: Parser | undefined;
  failure: KiosqueError | undefined;
  format: XmlFeed['format'] | undefined;
  feedFields: XmlFields = new Map();
  feedBase: string;
  entries: XmlFields[] = [];
  private readonly stack: Frame[] = [];
  private entry: XmlFields | undefined;
  private capture: Capture | undefined;
  private inCdata = false;
  /** An Atom feed that declares no namespace: its unprefixed elements are Atom's all the same. */
  private defaultNs: string | undefined;

  constructor(private readonly feedUrl: string) {
    this.feedBase = feedUrl;
  }

  onopentag(name: string, attributes: Record<string, string>): void {
    if (this.failure) return;
    const depth = this.stack.length;
    if (depth >= MAX_DEPTH) {
      this.failure = new KiosqueError(
        'TOO_COMPLEX',
        `This feed could not be read (${this.feedUrl}): its elements nest more than ${MAX_DEPTH} deep.`,
        {
          url: this.feedUrl,
        },
      );
      this.parser?.pause();
      return;
    }
    const parent = this.stack[depth - 1];
    const capture = this.capture;
    if (capture) {
      // Inside a field: its markup, kept as written (names as given), entities decoded once.
      this.stack.push({ name, scope: undefined, base: parent!.base, role: 'inside' });
      if (depth - capture.depth === 1) {
        capture.field.childCount++;
        if (!capture.children) capture.field.children = capture.children = new Map();
        capture.childKey = this.keyOf(name, scopeOf(attributes));
        capture.childText = [];
      }
      if (depth >= FLATTEN_BELOW) return;
      if (!capture.hasElements) {
        // Its first element: from now on its markup is kept, starting with the text read so far.
        capture.hasElements = true;
        capture.markup = capture.text.map(escapeXml);
      }
      capture.markup.push(`<${name}`);
      for (const attribute in attributes) {
        if (!/^[A-Za-z_][\w.:-]*$/.test(attribute)) continue;
        capture.markup.push(` ${attribute}="${escapeXml(decode(attributes[attribute]!)).replace(/"/g, '&quot;')}"`);
      }
      capture.markup.push('>');
      return;
    }
    const scope = scopeOf(attributes);
    const frame: Frame = { name, scope, base: parent?.base ?? this.feedUrl, role: 'skipped' };
    this.stack.push(frame);
    const ownBase = attributes['xml:base'];
    if (ownBase !== undefined) frame.base = webUrl(decode(ownBase), frame.base) ?? frame.base;
    if (!parent) {
      // Whatever follows the feed's root element is not the feed.
      if (this.format) return;
      const local = localOf(name);
      if (local === 'feed' && scope?.get('') === undefined) this.defaultNs = ATOM;
      // A root in a default namespace kiosque does not know (a misspelt Atom URI, an RSS one of its
      // own): its unprefixed elements are read as the root's format says, as the reference parsers do.
      const declared = scope?.get('');
      if (declared !== undefined && declared !== '' && NAMESPACES[declared] === undefined && (local === 'feed' || local === 'rss')) {
        scope!.set('', local === 'feed' ? ATOM : '');
      }
      const key = this.keyOf(name);
      this.format = key === 'rss' ? 'rss' : key === 'atom:feed' || local === 'feed' ? 'atom' : key === 'rdf:RDF' ? 'rdf' : undefined;
      if (!this.format) {
        this.parser?.pause();
        return;
      }
      frame.role = 'root';
      this.feedBase = frame.base;
      return;
    }
    if (parent.role === 'skipped' || parent.role === 'field') return;
    const key = this.keyOf(name);
    if (parent.role === 'entry') {
      if (ENTRY_FIELDS.has(key)) this.startCapture(frame, key, attributes, depth);
      return;
    }
    // In the feed (the root or its channel).
    if (key === 'item' || key === 'atom:entry') {
      frame.role = 'entry';
      this.entry = new Map();
      this.entries.push(this.entry);
    } else if (key === 'channel') {
      frame.role = 'container';
      this.feedBase = frame.base;
    } else if (FEED_FIELDS.has(key)) {
      this.startCapture(frame, key, attributes, depth);
    }
  }

  ontext(data: string): void {
    const capture = this.capture;
    if (!capture || this.failure) return;
    const text = this.inCdata ? data : decode(data);
    capture.text.push(text);
    if (capture.hasElements) capture.markup.push(escapeXml(text));
    if (capture.childKey !== undefined) capture.childText.push(text);
  }

  oncdatastart(): void {
    this.inCdata = true;
  }

  oncdataend(): void {
    this.inCdata = false;
  }

  onclosetag(name: string, isImplied: boolean): void {
    if (this.failure) return;
    const frame = this.stack.pop();
    if (!frame) return;
    const depth = this.stack.length;
    const capture = this.capture;
    if (capture && depth > capture.depth) {
      if (depth - capture.depth === 1 && capture.childKey !== undefined) {
        const children = capture.children!;
        if (!children.has(capture.childKey)) children.set(capture.childKey, capture.childText.join(''));
        capture.childKey = undefined;
      }
      if (depth >= FLATTEN_BELOW) return;
      // Self-closing (`<br/>`): written so, since `</br>` reads as another <br> in HTML.
      const last = capture.markup.length - 1;
      if (isImplied && capture.markup[last] === '>') capture.markup[last] = '/>';
      else capture.markup.push(`</${name}>`);
      return;
    }
    if (capture && depth === capture.depth) {
      capture.field.text = capture.text.join('');
      capture.field.markup = capture.hasElements ? capture.markup.join('') : undefined;
      this.capture = undefined;
      return;
    }
    if (frame.role === 'entry') this.entry = undefined;
  }

  private startCapture(frame: Frame, key: string, attributes: Record<string, string>, depth: number): void {
    frame.role = 'field';
    const fields = this.entry ?? this.feedFields;
    const decoded: Record<string, string> = {};
    for (const attribute in attributes) decoded[attribute] = decode(attributes[attribute]!);
    const field: XmlField = { text: '', markup: undefined, attributes: decoded, base: frame.base, children: NO_CHILDREN, childCount: 0 };
    const list = fields.get(key);
    if (list) list.push(field);
    else fields.set(key, [field]);
    const nothing = NOTHING_YET as string[];
    this.capture = {
      key,
      depth,
      field,
      text: [],
      markup: nothing,
      hasElements: false,
      childKey: undefined,
      childText: nothing,
      children: undefined,
    };
  }

  /** `prefix:local` by the namespace's short name, from the element's own declarations and those around it. */
  private keyOf(name: string, own?: Map<string, string>): string {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    let uri = own?.get(prefix);
    for (let i = this.stack.length - 1; uri === undefined && i >= 0; i--) uri = this.stack[i]!.scope?.get(prefix);
    if (uri === undefined) {
      if (prefix === '') uri = this.defaultNs ?? '';
      else return USUAL_PREFIXES.has(prefix) ? `${prefix}:${local}` : name;
    }
    const short = uri === '' ? '' : NAMESPACES[uri];
    if (short === undefined) return `{${uri}}${local}`;
    return short ? `${short}:${local}` : local;
  }
}

/** The namespace declarations an element makes, if any (`xmlns` is the default one, under ''). */
function scopeOf(attributes: Record<string, string>): Map<string, string> | undefined {
  let scope: Map<string, string> | undefined;
  for (const attribute in attributes) {
    if (!attribute.startsWith('xmlns')) continue;
    if (attribute !== 'xmlns' && attribute[5] !== ':') continue;
    scope ??= new Map();
    scope.set(attribute === 'xmlns' ? '' : attribute.slice(6), attributes[attribute]!.trim());
  }
  return scope;
}

function localOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
