import { Tokenizer } from 'htmlparser2';

/**
 * htmlparser2's Tokenizer, with the states that wait for one of a few characters skipping to it in
 * one go. The Tokenizer calls a state function per character of the page (its parse loop is a
 * `switch` on the state, then `index++`), and with entities decoded the text and attribute-value
 * states have no fast-forward of their own: a page's text and its class / href values, most of
 * its characters, went through two calls a character. Each override does exactly what the state
 * does for the characters it skips (nothing) and hands the first character that matters to the
 * original state function, so the events, and the tree, are the same.
 */
export class SkippingTokenizer extends Tokenizer {
  /** Where the next "&" at or after the last search sits in `ampBuffer` (its length when none). */
  ampAt = -1;
  ampBuffer = '';
}

/** The Tokenizer's private fields and states the overrides use (typed here, private in its .d.ts). */
interface Internals {
  buffer: string;
  index: number;
  offset: number;
  decodeEntities: boolean;
  ampAt: number;
  ampBuffer: string;
  stateText(c: number): void;
  stateInTagName(c: number): void;
  stateInClosingTagName(c: number): void;
  stateInAttributeName(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
  fastForwardTo(c: number): boolean;
}

const LT = 0x3c;
const AMP = 0x26;
const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;

const base = Tokenizer.prototype as unknown as Internals;
const skipping = SkippingTokenizer.prototype as unknown as Internals;

/**
 * Whether htmlparser2's Tokenizer still has the private states the overrides were written for
 * (htmlparser2 12.0.0, pinned in package.json). If an update renamed them, the overrides would
 * never be called: html/parse.ts then uses the Tokenizer as it is, and tests/html-parse.test.ts
 * fails on this flag, so the loss is seen, never a page misread.
 */
export const TOKENIZER_FITS = (
  ['stateText', 'stateInTagName', 'stateInClosingTagName', 'stateInAttributeName', 'handleInAttributeValue', 'fastForwardTo'] as const
).every((name) => typeof base[name] === 'function');

/** Index (in the buffer) of the first "&" at or after `from`, or the buffer's length. */
function nextAmp(tokenizer: Internals, buffer: string, from: number): number {
  if (tokenizer.ampBuffer !== buffer || tokenizer.ampAt < from) {
    const found = buffer.indexOf('&', from);
    tokenizer.ampAt = found < 0 ? buffer.length : found;
    tokenizer.ampBuffer = buffer;
  }
  return tokenizer.ampAt;
}

/**
 * Moves the tokenizer to just before `stop` (a buffer index): the parse loop's `index++` then lands
 * on it. `stop` may be the buffer's length: the loop ends as it would have, a character at a time.
 */
function skipTo(tokenizer: Internals, stop: number): void {
  tokenizer.index = stop - 1 + tokenizer.offset;
}

// The Tokenizer's own skip (script and style bodies, comments, the rest of a closing tag), a
// character at a time in a loop of its own: the same, with the engine's indexOf.
skipping.fastForwardTo = function (this: Internals, c: number): boolean {
  const buffer = this.buffer;
  const found = buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (found < 0) {
    // As the original: the loop's `index++` then ends the buffer.
    skipTo(this, buffer.length);
    return false;
  }
  this.index = found + this.offset;
  return true;
};

// Text: nothing happens until "<" (a tag) or "&" (an entity).
skipping.stateText = function (this: Internals, c: number): void {
  if (c === LT || c === AMP || !this.decodeEntities) {
    base.stateText.call(this, c);
    return;
  }
  const buffer = this.buffer;
  const from = this.index - this.offset + 1;
  const lt = buffer.indexOf('<', from);
  skipTo(this, Math.min(lt < 0 ? buffer.length : lt, nextAmp(this, buffer, from)));
};

// A quoted attribute value: nothing happens until its quote or "&".
skipping.handleInAttributeValue = function (this: Internals, c: number, quote: number): void {
  if (c === quote || c === AMP || !this.decodeEntities) {
    base.handleInAttributeValue.call(this, c, quote);
    return;
  }
  const buffer = this.buffer;
  const from = this.index - this.offset + 1;
  const end = buffer.indexOf(quote === 0x22 ? '"' : "'", from);
  skipTo(this, Math.min(end < 0 ? buffer.length : end, nextAmp(this, buffer, from)));
};

/** Whether a character ends a tag or attribute name: white space, "/" or ">" (the Tokenizer's isEndOfTagSection). */
function endsName(c: number): boolean {
  return c === SLASH || c === GT || c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** The buffer index of the first character from `from` on that ends a name (or "=" when `equals`). */
function nameEnd(buffer: string, from: number, equals: boolean): number {
  let i = from;
  for (; i < buffer.length; i++) {
    const c = buffer.charCodeAt(i);
    if (endsName(c) || (equals && c === EQ)) break;
  }
  return i;
}

skipping.stateInTagName = function (this: Internals, c: number): void {
  if (endsName(c)) base.stateInTagName.call(this, c);
  else skipTo(this, nameEnd(this.buffer, this.index - this.offset + 1, false));
};

skipping.stateInClosingTagName = function (this: Internals, c: number): void {
  if (endsName(c)) base.stateInClosingTagName.call(this, c);
  else skipTo(this, nameEnd(this.buffer, this.index - this.offset + 1, false));
};

skipping.stateInAttributeName = function (this: Internals, c: number): void {
  if (c === EQ || endsName(c)) base.stateInAttributeName.call(this, c);
  else skipTo(this, nameEnd(this.buffer, this.index - this.offset + 1, true));
};
