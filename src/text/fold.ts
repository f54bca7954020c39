/**
 * Text folded for matching as a reader types: case and accents ignored (`NUMERO` finds
 * `numéro`, `oeuvre` finds `œuvre`). The one rule for the reader's filter, the article
 * search and `kiosque search`.
 */

// Letters that decomposition leaves alone but a French or German reader types as two.
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ﬁ: 'fi', ﬂ: 'fl', ø: 'o', Ø: 'o', ł: 'l', Ł: 'l' };
const MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]*$/;

/** Characters folded so far: titles use few distinct ones, and normalize() per character is what folding costs. */
const folded = new Map<string, string>();

function foldChar(char: string): string {
  let result = folded.get(char);
  if (result === undefined) {
    result = LIGATURES[char] ?? char.normalize('NFD').replace(MARKS, '').toLowerCase();
    // Bounded: text in any script has at most some thousands of distinct characters, but a hostile one could have more.
    if (folded.size < 65_536) folded.set(char, result);
  }
  return result;
}

/** The folded text (lower case, no accents, ligatures as two letters). */
export function fold(text: string): string {
  // Most titles and most queries are plain ASCII: no per-character work for them.
  if (ASCII.test(text)) return text.toLowerCase();
  let folded = '';
  for (const char of text) folded += foldChar(char);
  return folded;
}

/** The folded text, and for each of its characters the index in `text` it came from (one more entry: the end). */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    for (let i = 0; i < piece.length; i++) origin.push(index);
    folded += piece;
    index += char.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** The words of a query, folded: what every match must contain. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Whether every word of the query is in the text, case and accents ignored. */
export function matchesWords(text: string, words: string[]): boolean {
  if (words.length === 0) return true;
  const folded = fold(text);
  return words.every((word) => folded.includes(word));
}

/** Where a (folded) phrase occurs in `text`, as [start, end) ranges of `text`, in order, not overlapping. */
export function findFolded(text: string, phrase: string): Array<[number, number]> {
  if (!phrase) return [];
  const { folded, origin } = foldWithMap(text);
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (;;) {
    const at = folded.indexOf(phrase, from);
    if (at < 0) return ranges;
    const end = at + phrase.length;
    ranges.push([origin[at]!, origin[end] ?? text.length]);
    from = end;
  }
}
