import { describe, expect, it } from 'vitest';
import { countWords, WORD } from '../src/text/words.js';

/** The count as the regex gives it: what an article's word count always was. */
function byRegex(text: string): number {
  return text.match(new RegExp(WORD.source, 'gu'))?.length ?? 0;
}

describe("an article's word count", () => {
  it('counts words joined by an apostrophe or a hyphen once, in any script', () => {
    expect(countWords("Aujourd'hui, l’état-major a voté 2 024 amendements.")).toBe(7);
    expect(countWords("rock-'n'-roll -- fin")).toBe(4);
    expect(countWords('東京 Москва 𝒜lpha 😀 ١٢٣')).toBe(4);
    expect(countWords('')).toBe(0);
  });

  it('gives the count the word pattern gives, on texts mixing letters, marks, joiners and lone surrogates', () => {
    const pieces = ['a', 'é', "'", '’', '-', ' ', '1', '\u0301', '日', '😀', '𝒜', '\ud800', '\udc00', '.', 'ß', '٣', '\n'];
    for (let seed = 1; seed < 3000; seed++) {
      let text = '';
      for (let i = 0, state = seed; i < 10; i++) {
        state = (state * 1103515245 + 12345) % 2147483648;
        text += pieces[state % pieces.length];
      }
      expect(countWords(text), JSON.stringify(text)).toBe(byRegex(text));
    }
  });
});
