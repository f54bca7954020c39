import stringWidth from 'string-width';
import { screenText } from '../text/sanitize.js';
import { SIMPLE_TEXT } from './fast-text/simple-text.js';

let segmenter: Intl.Segmenter | undefined;

/**
 * Text cut to at most `columns` terminal columns, "…" included when it is cut. Not
 * cli-truncate (nor Ink's truncate-end, which uses it): when the cut falls in the middle
 * of a wide character (CJK, emoji) it returns one column too many, and that column
 * wraps the row: a source's unread count went to a second line. Cut here by whole
 * graphemes, each measured, so a row laid out with this is never wider than asked.
 */
export function fitWidth(text: string, columns: number): string {
  if (columns <= 0) return '';
  if (stringWidth(text) <= columns) return text;
  // One column a UTF-16 unit, no grapheme joins: cut by length (most news text).
  if (SIMPLE_TEXT.test(text)) return `${text.slice(0, columns - 1)}…`;
  segmenter ??= new Intl.Segmenter();
  let kept = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const width = stringWidth(segment);
    if (used + width > columns - 1) break;
    kept += segment;
    used += width;
  }
  return `${kept}…`;
}

/** Text as one line on screen, spaces kept as typed (the filter): controls out, line breaks as spaces. */
export function oneLine(text: string): string {
  return screenText(text).replace(/[\n\u2028\u2029]/g, ' ');
}
