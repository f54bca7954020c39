/**
 * string-width as Ink sees it in the bundled reader (build/esbuild-options.js routes every
 * `import 'string-width'` here). Ink measures every row of every frame; for
 * ordinary news text (accents, curly quotes, French spaces) string-width segments
 * graphemes and runs Unicode-property regexes whose first compilation alone costs
 * ~50 ms at start-up. Simple text is measured by its length, anything else goes
 * to string-width itself, remembered for the next frame.
 */
import stringWidthOfAnyText from 'string-width';
import { SGR_SEQUENCE, SIMPLE_STYLED_TEXT, SIMPLE_TEXT } from './simple-text.js';

type Options = Parameters<typeof stringWidthOfAnyText>[1];

const MEMO_LIMIT = 4096;
const memo = new Map<string, number>();

export default function stringWidth(text: string, options?: Options): number {
  if (typeof text !== 'string') return 0;
  // Only the default measure (ambiguous characters narrow, escapes not counted) has the shortcut.
  if (options !== undefined && (options.ambiguousIsNarrow === false || options.countAnsiEscapeCodes === true)) {
    return stringWidthOfAnyText(text, options);
  }
  if (SIMPLE_TEXT.test(text)) return text.length;
  // Ink measures rows with their colours in: styles take no columns.
  if (SIMPLE_STYLED_TEXT.test(text)) return text.replace(SGR_SEQUENCE, '').length;
  let width = memo.get(text);
  if (width === undefined) {
    width = stringWidthOfAnyText(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, width);
  }
  return width;
}
