import { isBlockName } from '../html/blocks.js';
import { cleanInline, stripControls } from '../text/sanitize.js';

/**
 * A feed's summary or title given as HTML, as one clean line: cleanInline(htmlText(html)) exactly,
 * read without the HTML tokenizer when the HTML is of the simple kind feeds nearly always carry
 * (paragraphs, links, emphasis, line breaks: the tags of SIMPLE, well-formed attributes, no entity
 * left in the text). Anything else (a comment, an entity, a script, a table, a tag it does not
 * know) and it answers undefined: the caller reads it with htmlText. A reload of 100 feeds reads
 * 3,000 summaries: a tokenizer and a parser made for each was most of reading a feed (issue 12).
 *
 * The same line as htmlText's, because it follows htmlparser2's rules for these tags: text is
 * what lies between tags (no entity to decode, none allowed); a block element's start and end and
 * a <br> part words; htmlparser2's stack is kept as it keeps it (an element closed by another's
 * start, as <p> by <div>; an end tag closes what is open inside its element, unmatched ones are
 * dropped, but a lone </p> or </br>), so that a block closed by an inline element's end tag
 * (`<a><p>x</a>y`) parts its words as there. How many spaces part words, or whether a break is a
 * space or a newline, is left to cleanInline, which folds every run to one space.
 */

/** The tags read here (HTML's phrasing elements, and the common blocks), with the elements their start closes (htmlparser2's openImpliesClose). */
const P_ONLY: readonly string[] = ['p'];
const HEADINGS: readonly string[] = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'];
const NONE: readonly string[] = [];
const SIMPLE = new Map<string, readonly string[]>();
for (const name of ['a', 'li', 'p']) SIMPLE.set(name, [name]);
for (const name of ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']) SIMPLE.set(name, HEADINGS);
for (const name of 'address article aside blockquote div figcaption figure footer header hr main nav ol pre section ul'.split(' '))
  SIMPLE.set(name, P_ONLY);
for (const name of 'abbr b big br center cite code del em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr'.split(
  ' ',
))
  SIMPLE.set(name, NONE);
/** Of SIMPLE, the void elements: closed as soon as opened, never on the stack. */
const VOID: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'wbr']);

// htmlparser2's white space in tags: space, tab, LF, CR, form feed (not \v, not U+00A0).
/** A start tag: its name, then attributes (a name, `=` and a value quoted or not), up to its `>` (an ending `/` is ignored, as in HTML). */
const START_TAG =
  /<([A-Za-z][A-Za-z0-9]*)(?:[ \t\n\r\f]+[^ \t\n\r\f"'<>/=]+(?:[ \t\n\r\f]*=[ \t\n\r\f]*(?:"[^"]*"|'[^']*'|[^ \t\n\r\f"'<>=`]+))?)*[ \t\n\r\f]*\/?>/y;
const END_TAG = /<\/([A-Za-z][A-Za-z0-9]*)[ \t\n\r\f]*>/y;

/**
 * The line, or undefined when the HTML is not of the simple kind. With `atMost`, reading may stop
 * once the line is known to be longer than that: what is returned is then the line's beginning,
 * longer than `atMost` (for a summary cut at that length).
 */
export function htmlLine(html: string, atMost = Infinity): string | undefined {
  /** Open elements, innermost last. */
  const stack: string[] = [];
  let text = '';
  let checkAt = atMost < Infinity ? 2 * atMost : Infinity;
  let amp = html.indexOf('&');
  let at = 0;
  while (at < html.length) {
    const lt = html.indexOf('<', at);
    const end = lt < 0 ? html.length : lt;
    if (end > at) {
      if (amp >= 0 && amp < at) amp = html.indexOf('&', at);
      if (amp >= 0 && amp < end) return undefined;
      text += html.slice(at, end);
      if (text.length >= checkAt) {
        // The text so far is the line's beginning (what follows cannot change it) if it holds no control
        // (an escape sequence cut here would be cleaned otherwise): past `atMost` once cleaned, it is enough.
        const line = cleanInline(text);
        if (line.length > atMost && stripControls(text) === text) return line;
        checkAt = 2 * text.length;
      }
    }
    if (lt < 0) break;
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    const tag = closing ? END_TAG : START_TAG;
    tag.lastIndex = lt;
    // Tested, not matched: a match's array for each of a reload's 50,000 tags was a tenth of what reading its feeds allocated.
    if (!tag.test(html)) return undefined;
    const nameStart = closing ? lt + 2 : lt + 1;
    let nameEnd = nameStart + 1;
    while (isNameCode(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const closes = SIMPLE.get(name);
    if (!closes) return undefined;
    if (closing ? endTag(stack, name) : startTag(stack, name, closes)) text += ' ';
    at = tag.lastIndex;
  }
  return cleanInline(text);
}

/** [A-Za-z0-9]: the characters of the names START_TAG and END_TAG take. */
function isNameCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** A start tag's effect on the stack, and whether it parts words (a block's edge, a <br>). */
function startTag(stack: string[], name: string, closes: readonly string[]): boolean {
  let parts = name === 'br' || isBlockName(name);
  while (stack.length > 0 && closes.includes(stack[stack.length - 1]!)) parts = isBlockName(stack.pop()!) || parts;
  if (!VOID.has(name)) stack.push(name);
  return parts;
}

/** An end tag's effect on the stack, and whether it parts words. */
function endTag(stack: string[], name: string): boolean {
  // </br> is read as <br>; the end of another void element is nothing.
  if (VOID.has(name)) return name === 'br';
  const at = stack.lastIndexOf(name);
  // An unmatched end tag is dropped, but </p>, read as an empty paragraph.
  if (at < 0) return name === 'p';
  let parts = false;
  while (stack.length > at) parts = isBlockName(stack.pop()!) || parts;
  return parts;
}
