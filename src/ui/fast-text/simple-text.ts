/**
 * Characters that a terminal always draws one column wide and that never join a
 * neighbour into one grapheme: printable ASCII, Latin-1 and Latin Extended letters
 * (without the soft hyphen, which is invisible), the everyday punctuation of news
 * text (’ “ ” « » – — … • ‹ ›), the spaces French typography uses (U+00A0, U+2009,
 * U+202F), currency signs, and the reader's own marks (arrows, box lines, ★).
 * Text made only of these has as many columns as UTF-16 units, with no need for
 * grapheme segmentation or emoji tables.
 *
 * tests/fast-text.test.ts checks every one of these characters, and random text
 * made of them, against string-width and ansi-tokenize themselves.
 */
const SIMPLE_CLASS =
  '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u024F\\u2000-\\u200A\\u2010-\\u2027\\u202F-\\u203B\\u203D-\\u2047\\u20A0-\\u20C0\\u2190-\\u2193\\u2500-\\u257F\\u2605\\u2606';

export const SIMPLE_TEXT = new RegExp(`^[${SIMPLE_CLASS}]*$`);

/** Simple characters and SGR styling sequences (ESC [ digits and semicolons m), which is what Ink's rows are made of. */
export const SIMPLE_STYLED_TEXT = new RegExp(`^(?:[${SIMPLE_CLASS}]|\\u001B\\[[0-9;]*m)*$`);

export const SGR_SEQUENCE = /\u001B\[[0-9;]*m/g;
