import * as realTokenizer from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import * as fastTokenizer from '../src/ui/fast-text/ansi-tokenize.js';
import { SIMPLE_TEXT } from '../src/ui/fast-text/simple-text.js';
import fastStringWidth from '../src/ui/fast-text/string-width.js';

/**
 * The bundled reader gives Ink fast paths for measuring and styling simple text
 * (build/bundle.js). A wrong shortcut would misalign every row on the screen, so
 * each shortcut is checked against the library it stands in for.
 */

const RUNS = Number(process.env['KIOSQUE_PROPERTY_RUNS'] ?? 300);
const everyBmpCharacter = Array.from({ length: 0xd800 }, (_, code) => String.fromCharCode(code));
const simpleCharacters = everyBmpCharacter.filter((character) => SIMPLE_TEXT.test(character));

// What Ink's rows are made of: chalk styles, news text, and now and then what has no shortcut.
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...simpleCharacters) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\u001b[1m',
      '\u001b[22m',
      '\u001b[2m',
      '\u001b[7m',
      '\u001b[27m',
      '\u001b[36m',
      '\u001b[39m',
      '\u001b[38;5;214m',
      '\u001b[1;3;31m',
      '\u001b[0m',
      '\u001b[m',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '😀',
      '👍🏽',
      '中文',
      'e\u0301',
      '\u00ad',
      '\u200b',
      '\u2028',
      '\t',
      '\u001b]8;;http://x/\u0007',
      'ᄀ\u1161',
      '🇫🇷',
      '‼',
      '\ufe0f',
      '한',
    ),
  },
);
const row = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('fast text paths for Ink', () => {
  it('has a shortcut only for characters string-width and ansi-tokenize see as one narrow column', () => {
    // The shortcut must cover ordinary French news text, or it saves nothing.
    expect(SIMPLE_TEXT.test('L’été, « déjà » à 3\u00a0€\u202f; œuvre — fin…')).toBe(true);
    for (const character of simpleCharacters) {
      expect(realStringWidth(character), `U+${character.charCodeAt(0).toString(16)}`).toBe(1);
      expect(realTokenizer.tokenize(character)).toEqual([{ type: 'char', value: character, fullWidth: false }]);
    }
  });

  it('measures every row as string-width does', () => {
    fc.assert(
      fc.property(row, (text) => {
        expect(fastStringWidth(text)).toBe(realStringWidth(text));
        expect(fastStringWidth(text, { ambiguousIsNarrow: false })).toBe(realStringWidth(text, { ambiguousIsNarrow: false }));
      }),
      { numRuns: RUNS },
    );
  });

  it('tokenizes and restyles every row as ansi-tokenize does', () => {
    fc.assert(
      fc.property(row, fc.option(fc.nat({ max: 50 }), { nil: undefined }), (text, endChar) => {
        const tokens = fastTokenizer.tokenize(text, endChar);
        expect(tokens).toEqual(realTokenizer.tokenize(text, endChar));
        const chars = realTokenizer.styledCharsFromTokens(tokens);
        expect(fastTokenizer.styledCharsToString(chars)).toBe(realTokenizer.styledCharsToString(chars));
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps a French row with non-breaking spaces and an inverse cursor exact', () => {
    const text = '\u001b[7m› Lire aussi\u00a0: « Un été à Paris »\u202f!\u001b[27m 3 h';
    expect(fastStringWidth(text)).toBe(realStringWidth(text));
    const chars = realTokenizer.styledCharsFromTokens(fastTokenizer.tokenize(text));
    expect(fastTokenizer.styledCharsToString(chars)).toBe(
      realTokenizer.styledCharsToString(realTokenizer.styledCharsFromTokens(realTokenizer.tokenize(text))),
    );
  });
});
