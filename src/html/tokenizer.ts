import type { TokenizerCallbacks } from 'htmlparser2';
import { DecodingMode, EntityDecoder, htmlDecodeTree } from 'entities/decode';
import {
  AFTER_ATTRIBUTE_NAME,
  BEFORE_ATTRIBUTE_NAME,
  BEFORE_ATTRIBUTE_VALUE,
  BEFORE_CLOSING_TAG_NAME,
  BEFORE_DECLARATION,
  BEFORE_TAG_NAME,
  COMMENT_END,
  endsTagSection,
  IN_ATTRIBUTE_NAME,
  IN_ENTITY,
  IN_PLAIN_TEXT,
  IN_SPECIAL_COMMENT,
  IN_SPECIAL_TAG,
  IN_TAG_NAME,
  IN_VALUE_DQ,
  IN_VALUE_NQ,
  IN_VALUE_SQ,
  isAlpha,
  isSpace,
  markupState,
  PLAINTEXT,
  SELF_CLOSING,
  SPECIAL_START,
  specialMatch,
  specialState,
  TEXT,
  trailing,
  type Reader,
} from './markup.js';

/**
 * htmlparser2's (12.0.0) Tokenizer in HTML mode, decoding entities, rewritten to read a page by
 * runs instead of a state function call per character: text and quoted attribute values are skipped
 * with indexOf("<") / indexOf(quote) (the next "&" found once and kept), names with a charCodeAt
 * loop. It calls the very callbacks htmlparser2's Tokenizer calls, in the same order, for the same
 * ranges (text and attribute values may come in other pieces: html/parse.ts joins them; a page ending
 * inside an attribute value does not hand over the value read so far, as htmlparser2 does, but both
 * then drop the tag, so the tree is the same), so that
 * html/parse.ts builds the tree it built; tests/html-tokenizer.test.ts checks it against htmlparser2's
 * Parser and DomHandler on random tag soup. The states mirror the Tokenizer's, whose rules (and EOF
 * cases) they keep, however odd: markup.ts holds the rarer ones (comments, declarations, raw text).
 * htmlparser2's code is under its MIT licence (see html/tag-rules.ts).
 */
export function tokenize(html: string, callbacks: TokenizerCallbacks): void {
  new PageReader(html, callbacks).read();
}

const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQ = 0x22;
const SQ = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
/** htmlparser2's QuoteType (only passed along: html/parse.ts does not read it). */
const NO_VALUE = 0;
const UNQUOTED = 1;
const SINGLE = 2;
const DOUBLE = 3;

// Slots of PageReader.found.
const LT_AT = 0;
const AMP_AT = 1;
const DQ_AT = 2;
const SQ_AT = 3;

class PageReader implements Reader {
  readonly length: number;
  /** htmlparser2's sectionStart: where the text, name or value being read began (-1: none). */
  start = 0;
  state = TEXT;
  /** The state an entity is read in (text, a raw text's, an attribute value's). */
  base = TEXT;
  /** How much of an end sequence ("-->", "]]>", "</script", "doctype") has been matched. */
  sequenceIndex = 0;
  /** Which raw-text element the open tag is (SPECIAL_END's index), or -1. */
  special = -1;
  /** The comment's or CDATA's end ("--!>" or "]]>"). */
  commentEnd = COMMENT_END;
  private entityStart = 0;
  private entityInValue = false;
  /** Where the next "<", "&", '"' and "'" are at or after the last search of each (see next). */
  private readonly found = [-1, -1, -1, -1];
  private readonly decoder: EntityDecoder;

  constructor(
    readonly html: string,
    readonly callbacks: TokenizerCallbacks,
  ) {
    this.length = html.length;
    // entities 8's decoder, the one htmlparser2 12's Tokenizer uses: the same entities read the same way.
    this.decoder = new EntityDecoder(htmlDecodeTree, (codepoint, consumed) => this.emitCodePoint(codepoint, consumed));
  }

  read(): void {
    const { html, length, callbacks } = this;
    let i = 0;
    while (i < length) {
      switch (this.state) {
        case TEXT: {
          const lt = this.next(LT_AT, '<', i);
          const amp = this.next(AMP_AT, '&', i);
          if (amp < lt) {
            i = this.entity(amp, TEXT);
            break;
          }
          if (lt === length) return this.end();
          if (lt > this.start) callbacks.ontext(this.start, lt);
          this.start = lt;
          this.state = BEFORE_TAG_NAME;
          i = lt + 1;
          break;
        }
        case BEFORE_TAG_NAME:
          i = this.beforeTagName(i);
          break;
        case BEFORE_ATTRIBUTE_NAME: {
          const c = html.charCodeAt(i);
          if (c === GT) {
            callbacks.onopentagend(i);
            this.enterTagBody();
            this.start = ++i;
          } else if (c === SLASH) {
            this.state = SELF_CLOSING;
            i++;
          } else if (isSpace(c)) {
            i++;
          } else {
            this.state = IN_ATTRIBUTE_NAME;
            this.start = i++;
          }
          break;
        }
        case IN_ATTRIBUTE_NAME: {
          let end = i;
          for (let c = html.charCodeAt(end); end < length && c !== EQ && !endsTagSection(c); c = html.charCodeAt(++end));
          if (end === length) return this.end();
          callbacks.onattribname(this.start, end);
          this.start = end;
          this.state = AFTER_ATTRIBUTE_NAME;
          i = end;
          break;
        }
        case AFTER_ATTRIBUTE_NAME: {
          const c = html.charCodeAt(i);
          if (c === EQ) {
            this.state = BEFORE_ATTRIBUTE_VALUE;
            i++;
          } else if (c === SLASH || c === GT) {
            callbacks.onattribend(NO_VALUE, this.start);
            this.start = -1;
            this.state = BEFORE_ATTRIBUTE_NAME;
          } else if (isSpace(c)) {
            i++;
          } else {
            callbacks.onattribend(NO_VALUE, this.start);
            this.state = IN_ATTRIBUTE_NAME;
            this.start = i++;
          }
          break;
        }
        case BEFORE_ATTRIBUTE_VALUE: {
          const c = html.charCodeAt(i);
          if (c === DQ || c === SQ) {
            this.state = c === DQ ? IN_VALUE_DQ : IN_VALUE_SQ;
            this.start = ++i;
          } else if (isSpace(c)) {
            i++;
          } else {
            this.state = IN_VALUE_NQ;
            this.start = i;
          }
          break;
        }
        case IN_VALUE_DQ:
        case IN_VALUE_SQ: {
          const double = this.state === IN_VALUE_DQ;
          const quote = double ? this.next(DQ_AT, '"', i) : this.next(SQ_AT, "'", i);
          const amp = this.next(AMP_AT, '&', i);
          if (amp < quote) {
            i = this.entity(amp, this.state);
            break;
          }
          if (quote === length) return this.end();
          callbacks.onattribdata(this.start, quote);
          this.start = -1;
          callbacks.onattribend(double ? DOUBLE : SINGLE, quote + 1);
          this.state = BEFORE_ATTRIBUTE_NAME;
          i = quote + 1;
          break;
        }
        case IN_VALUE_NQ: {
          let end = i;
          for (let c = html.charCodeAt(end); end < length && c !== GT && c !== AMP && !isSpace(c); c = html.charCodeAt(++end));
          if (end === length) return this.end();
          if (html.charCodeAt(end) === AMP) {
            i = this.entity(end, IN_VALUE_NQ);
            break;
          }
          callbacks.onattribdata(this.start, end);
          this.start = -1;
          callbacks.onattribend(UNQUOTED, end);
          this.state = BEFORE_ATTRIBUTE_NAME;
          i = end;
          break;
        }
        case SELF_CLOSING: {
          const c = html.charCodeAt(i);
          if (c === GT) {
            callbacks.onselfclosingtag(i);
            this.start = i + 1;
            this.enterTagBody();
            i++;
          } else if (isSpace(c)) {
            i++;
          } else {
            this.state = BEFORE_ATTRIBUTE_NAME;
          }
          break;
        }
        case IN_SPECIAL_TAG:
          i = specialState(this, i);
          break;
        case IN_PLAIN_TEXT:
          return this.end();
        default:
          i = markupState(this, i);
      }
    }
    this.end();
  }

  /** After "<": a tag, a closing tag, "<!" or "<?", or a "<" that is text. */
  private beforeTagName(i: number): number {
    const html = this.html;
    const c = html.charCodeAt(i);
    if (c === BANG) {
      this.state = BEFORE_DECLARATION;
      this.start = i + 1;
      return i + 1;
    }
    if (c === QUESTION) {
      this.state = IN_SPECIAL_COMMENT;
      this.start = i;
      return i + 1;
    }
    if (c === SLASH) {
      this.state = BEFORE_CLOSING_TAG_NAME;
      return i + 1;
    }
    if (!isAlpha(c)) {
      this.state = TEXT;
      return i;
    }
    this.start = i;
    const length = this.length;
    let end = i + 1;
    for (; end < length && !endsTagSection(html.charCodeAt(end)); end++);
    // The Tokenizer asks at the tag's first letter whether it is in SVG or MathML (no raw text there).
    const detect = !(this.callbacks.isInForeignContext?.() ?? false);
    const special = detect ? specialMatch(html, i, end) : -1;
    if (end === length) {
      // A page ending inside a name that is still a raw-text element's (or all of it) ends in text.
      this.state = special === -1 ? IN_TAG_NAME : SPECIAL_START;
      return end;
    }
    this.callbacks.onopentagname(i, end);
    this.start = -1;
    this.special = special >= 0 ? special : -1;
    this.state = BEFORE_ATTRIBUTE_NAME;
    return end;
  }

  /** After an opening tag's ">": text, or a raw-text element's body. */
  private enterTagBody(): void {
    const special = this.special;
    if (special === -1) this.state = TEXT;
    else if (special === PLAINTEXT) {
      this.special = -1;
      this.state = IN_PLAIN_TEXT;
    } else {
      this.state = IN_SPECIAL_TAG;
      this.sequenceIndex = 0;
    }
  }

  /**
   * Where the next `char` is at or after `from` (the page's length when none), found once and kept
   * until passed: a text or value of thousands of entities before its "<" or quote is then not a
   * search to that far character per entity.
   */
  private next(slot: number, char: string, from: number): number {
    const found = this.found;
    if (found[slot]! < from) {
      const at = this.html.indexOf(char, from);
      found[slot] = at < 0 ? this.length : at;
    }
    return found[slot]!;
  }

  /**
   * The entity whose "&" is at `at`, read in `base` (text or raw text: Legacy, a value: Attribute):
   * where reading goes on. The page may end inside it: the state is then IN_ENTITY, ended by end().
   */
  entity(at: number, base: number): number {
    this.base = base;
    this.entityStart = at;
    this.entityInValue = base === IN_VALUE_DQ || base === IN_VALUE_SQ || base === IN_VALUE_NQ;
    const decoder = this.decoder;
    decoder.startEntity(this.entityInValue ? DecodingMode.Attribute : DecodingMode.Legacy);
    const consumed = decoder.write(this.html, at + 1);
    if (consumed > 0) return this.start; // emitCodePoint moved the section past the entity
    if (consumed === 0 || (at + 1 < this.length && this.html.charCodeAt(at + 1) === AMP)) return at + 1;
    this.state = IN_ENTITY;
    return this.length;
  }

  private emitCodePoint(codepoint: number, consumed: number): void {
    const entityStart = this.entityStart;
    const start = this.start;
    this.start = entityStart + consumed;
    if (this.entityInValue) {
      if (start < entityStart) this.callbacks.onattribdata(start, entityStart);
      this.callbacks.onattribentity(codepoint);
    } else {
      if (start < entityStart) this.callbacks.ontext(start, entityStart);
      this.callbacks.ontextentity(codepoint, this.start);
    }
  }

  /** The page's end: an entity still open is decoded as it stands, then what is left is said as the Tokenizer says it. */
  private end(): void {
    if (this.state === IN_ENTITY) {
      this.decoder.end();
      this.state = this.base;
    }
    trailing(this);
    this.callbacks.onend();
  }
}
