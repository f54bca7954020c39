import type { TokenizerCallbacks } from 'htmlparser2';

/**
 * The rarer states of html/tokenizer.ts's PageReader, as htmlparser2's (12.0.0) Tokenizer has them
 * in HTML mode: closing tags, comments, "<!" declarations, CDATA, the bodies of raw-text elements
 * (script, style, title, textarea, ...), and what the Tokenizer says of a page that ends in each.
 * Odd inputs ("</ x>", "<!x>", "<![CDATA[" unclosed, "<title><&amp;") give what the Tokenizer gives,
 * character for character: the rules are its own (MIT, see html/tag-rules.ts).
 */
export interface Reader {
  readonly html: string;
  readonly length: number;
  readonly callbacks: TokenizerCallbacks;
  start: number;
  state: number;
  sequenceIndex: number;
  special: number;
  commentEnd: Uint8Array;
  /** Reads the entity at `at` in state `base`: where reading goes on. */
  entity(at: number, base: number): number;
}

// The states, htmlparser2's names and order.
export const TEXT = 1;
export const BEFORE_TAG_NAME = 2;
export const IN_TAG_NAME = 3;
export const SELF_CLOSING = 4;
export const BEFORE_CLOSING_TAG_NAME = 5;
export const IN_CLOSING_TAG_NAME = 6;
export const AFTER_CLOSING_TAG_NAME = 7;
export const BEFORE_ATTRIBUTE_NAME = 8;
export const IN_ATTRIBUTE_NAME = 9;
export const AFTER_ATTRIBUTE_NAME = 10;
export const BEFORE_ATTRIBUTE_VALUE = 11;
export const IN_VALUE_DQ = 12;
export const IN_VALUE_SQ = 13;
export const IN_VALUE_NQ = 14;
export const BEFORE_DECLARATION = 15;
export const IN_DECLARATION = 16;
export const BEFORE_COMMENT = 18;
export const CDATA_SEQUENCE = 19;
export const DECLARATION_SEQUENCE = 20;
export const IN_SPECIAL_COMMENT = 21;
export const IN_COMMENT_LIKE = 22;
/** "<" then the start of a raw-text element's name, still being matched. */
export const SPECIAL_START = 23;
export const IN_SPECIAL_TAG = 24;
export const IN_PLAIN_TEXT = 25;
export const IN_ENTITY = 26;

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const DASH = 0x2d;

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const CDATA_START = bytes('CDATA[');
export const CDATA_END = bytes(']]>');
export const COMMENT_END = bytes('--!>');
const DOCTYPE = bytes('doctype');

/** The raw-text elements' end sequences, matched as the Tokenizer matches them (character | 0x20). */
export const SPECIAL_END = [
  '</iframe',
  '</noembed',
  '</noframes',
  '</plaintext',
  '</script',
  '</style',
  '</title',
  '</textarea',
  '</xmp',
].map(bytes);
const NOEMBED = 1;
const NOFRAMES = 2;
export const PLAINTEXT = 3;
const SCRIPT = 4;
const STYLE = 5;
const TITLE = 6;
const TEXTAREA = 7;
/** By the lower-cased first letter of an opening tag's name (style, textarea and noframes branch off later). */
const SPECIAL_FIRST = new Map([0, 1, 3, 4, 6, 8].map((index) => [SPECIAL_END[index]![2]!, index]));

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** White space, "/" or ">": what ends a tag or attribute name. */
export function endsTagSection(c: number): boolean {
  return c === 0x2f || c === GT || isSpace(c);
}

export function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * Which raw-text element the opening tag named from `start` to `end` is: its index in SPECIAL_END,
 * -2 when the name so far is the start of one (what a page ending there says), -1 when none.
 */
export function specialMatch(html: string, start: number, end: number): number {
  const first = SPECIAL_FIRST.get(html.charCodeAt(start) | 0x20);
  if (first === undefined) return -1;
  let special: number = first;
  let sequence = SPECIAL_END[special]!;
  let index = 3;
  for (let i = start + 1; i < end; i++) {
    const lower = html.charCodeAt(i) | 0x20;
    if (index < sequence.length) {
      if (lower === sequence[index]) {
        index++;
        continue;
      }
      const branch: number =
        index === 3 && special === SCRIPT
          ? STYLE
          : index === 3 && special === TITLE
            ? TEXTAREA
            : index === 4 && special === NOEMBED
              ? NOFRAMES
              : -1;
      if (branch !== -1 && lower === SPECIAL_END[branch]![index]) {
        special = branch;
        sequence = SPECIAL_END[branch]!;
        index++;
        continue;
      }
    }
    return -1;
  }
  return index === sequence.length ? special : -2;
}

/** A raw-text element's body, up to its closing tag ("</script" then the end of a tag section). */
export function specialState(r: Reader, i: number): number {
  const { html, length } = r;
  const sequence = SPECIAL_END[r.special]!;
  const end = sequence.length;
  const rcdata = r.special === TITLE || r.special === TEXTAREA;
  let index = r.sequenceIndex;
  for (; i < length; i++) {
    const c = html.charCodeAt(i);
    if (index === end) {
      if (endsTagSection(c)) {
        const endOfText = i - end;
        if (r.start < endOfText) r.callbacks.ontext(r.start, endOfText);
        r.special = -1;
        r.start = endOfText + 2;
        r.callbacks.onclosetag(r.start, i);
        r.start = -1;
        r.state = AFTER_CLOSING_TAG_NAME;
        return i;
      }
      index = 0;
    }
    if ((c | 0x20) === sequence[index]) index++;
    else if (index === 0) {
      if (rcdata) {
        // Title and textarea decode entities (as text does); nothing else happens before a "<".
        if (c === AMP) {
          r.sequenceIndex = 0;
          return r.entity(i, IN_SPECIAL_TAG);
        }
        let next = i + 1;
        for (let d = html.charCodeAt(next); next < length && (d | 0x20) !== LT && d !== AMP; d = html.charCodeAt(++next));
        i = next - 1;
      } else {
        const lt = html.indexOf('<', i + 1);
        if (lt < 0) {
          r.sequenceIndex = 0;
          return length;
        }
        i = lt;
        index = 1;
      }
    } else index = c === LT ? 1 : 0;
  }
  r.sequenceIndex = index;
  return i;
}

/** Closing tags, comments, declarations and CDATA: one step of the state machine, from `i`. */
export function markupState(r: Reader, i: number): number {
  const { html, length, callbacks } = r;
  const c = html.charCodeAt(i);
  switch (r.state) {
    case BEFORE_CLOSING_TAG_NAME: {
      if (c === GT) return toText(r, i);
      if (!isAlpha(c)) {
        // "</ x>", "</1>": a comment.
        r.state = IN_SPECIAL_COMMENT;
        r.start = i;
        return i + 1;
      }
      r.start = i;
      let end = i + 1;
      for (; end < length && !endsTagSection(html.charCodeAt(end)); end++);
      if (end === length) {
        r.state = IN_CLOSING_TAG_NAME;
        return length;
      }
      callbacks.onclosetag(i, end);
      r.start = -1;
      r.state = AFTER_CLOSING_TAG_NAME;
      return end;
    }
    case AFTER_CLOSING_TAG_NAME: {
      const gt = c === GT ? i : html.indexOf('>', i + 1);
      return gt < 0 ? length : toText(r, gt);
    }
    case IN_SPECIAL_COMMENT:
    case IN_DECLARATION: {
      const gt = html.indexOf('>', i);
      if (gt < 0) return length;
      if (r.state === IN_DECLARATION) callbacks.ondeclaration(r.start, gt);
      else callbacks.oncomment(r.start, gt, 0);
      return toText(r, gt);
    }
    case BEFORE_DECLARATION:
      if (c === 0x5b) {
        r.state = CDATA_SEQUENCE;
        r.sequenceIndex = 0;
      } else if ((c | 0x20) === DOCTYPE[0]) {
        r.state = DECLARATION_SEQUENCE;
        r.sequenceIndex = 1;
      } else if (c === GT) {
        callbacks.oncomment(r.start, i, 0);
        return toText(r, i);
      } else r.state = c === DASH ? BEFORE_COMMENT : IN_SPECIAL_COMMENT;
      return i + 1;
    case BEFORE_COMMENT:
      if (c === DASH) {
        r.state = IN_COMMENT_LIKE;
        r.commentEnd = COMMENT_END;
        r.sequenceIndex = 0;
        r.start = i + 1;
      } else if (c === GT) {
        callbacks.oncomment(r.start, i, 0);
        return toText(r, i);
      } else r.state = IN_SPECIAL_COMMENT;
      return i + 1;
    case CDATA_SEQUENCE:
      if (c !== CDATA_START[r.sequenceIndex]) {
        r.sequenceIndex = 0;
        r.state = IN_SPECIAL_COMMENT;
        return i;
      }
      if (++r.sequenceIndex === CDATA_START.length) {
        r.state = IN_COMMENT_LIKE;
        r.commentEnd = CDATA_END;
        r.sequenceIndex = 0;
        r.start = i + 1;
      }
      return i + 1;
    case DECLARATION_SEQUENCE:
      if (r.sequenceIndex === DOCTYPE.length) {
        r.state = IN_DECLARATION;
        return i;
      }
      if ((c | 0x20) === DOCTYPE[r.sequenceIndex]) r.sequenceIndex++;
      else if (c === GT) {
        callbacks.oncomment(r.start, i, 0);
        return toText(r, i);
      } else r.state = IN_SPECIAL_COMMENT;
      return i + 1;
    default:
      return commentLike(r, i);
  }
}

/** After a ">" at `at`: text again. */
function toText(r: Reader, at: number): number {
  r.state = TEXT;
  r.start = at + 1;
  return at + 1;
}

/** A comment or CDATA section's body, up to "-->" / "--!>" (or "<!-->", "<!--->") or "]]>". */
function commentLike(r: Reader, i: number): number {
  const { html, length } = r;
  const end = r.commentEnd;
  const comment = end === COMMENT_END;
  let index = r.sequenceIndex;
  for (; i < length; i++) {
    const c = html.charCodeAt(i);
    if (comment && c === GT && ((index <= 1 && i === r.start + index) || index === 2)) {
      r.callbacks.oncomment(r.start, i, index);
      r.sequenceIndex = 0;
      return toText(r, i);
    }
    if (comment && index === 3 && c !== GT) index = c === DASH ? 1 : 0;
    else if (c === end[index]) {
      if (++index === end.length) {
        if (comment) r.callbacks.oncomment(r.start, i, 3);
        else r.callbacks.oncdata(r.start, i, 2);
        r.sequenceIndex = 0;
        return toText(r, i);
      }
    } else if (index === 0) {
      const next = html.indexOf(String.fromCharCode(end[0]!), i + 1);
      if (next < 0) break;
      i = next;
      index = 1;
    } else if (c !== end[index - 1]) index = 0;
  }
  r.sequenceIndex = index;
  return length;
}

/** What the Tokenizer says of the page's last characters, by the state it ends in. */
export function trailing(r: Reader): void {
  const { length, callbacks, start } = r;
  switch (r.state) {
    case IN_COMMENT_LIKE:
      // An unclosed CDATA section is a comment from its "[".
      if (r.commentEnd === CDATA_END) callbacks.oncomment(start - CDATA_START.length - 1, length, 0);
      else callbacks.oncomment(start, length, Math.min(r.sequenceIndex, COMMENT_END.length - 1));
      return;
    case BEFORE_DECLARATION:
    case IN_SPECIAL_COMMENT:
    case BEFORE_COMMENT:
    case CDATA_SEQUENCE:
      callbacks.oncomment(start, length, 0);
      return;
    case DECLARATION_SEQUENCE:
      if (r.sequenceIndex !== DOCTYPE.length) callbacks.oncomment(start, length, 0);
      return;
    // An unclosed doctype, and an unfinished tag, are dropped.
    case IN_DECLARATION:
    case IN_TAG_NAME:
    case BEFORE_ATTRIBUTE_NAME:
    case BEFORE_ATTRIBUTE_VALUE:
    case AFTER_ATTRIBUTE_NAME:
    case IN_ATTRIBUTE_NAME:
    case IN_VALUE_SQ:
    case IN_VALUE_DQ:
    case IN_VALUE_NQ:
    case IN_CLOSING_TAG_NAME:
      return;
    default:
      if (start < length) callbacks.ontext(start, length);
  }
}
