/**
 * @alcalzone/ansi-tokenize as Ink sees it in the bundled reader (build/esbuild-options.js
 * routes Ink's import here). Ink turns every row of every frame into styled
 * characters and back; the library segments graphemes for the first and builds
 * three Sets per character for the second, which made up most of a frame's cost
 * (and of its garbage). For rows of simple text and SGR styles both are done
 * here directly; the result is the same (tests/fast-text.test.ts compares them).
 */
import {
  ansiCodesToString,
  diffAnsiCodes,
  tokenize as tokenizeAnyText,
  type AnsiCode,
  type StyledChar,
  type Token,
} from '@alcalzone/ansi-tokenize';
import { SGR_SEQUENCE, SIMPLE_STYLED_TEXT } from './simple-text.js';

export * from '@alcalzone/ansi-tokenize';

const sequenceTokens = new Map<string, Token[]>();

function tokensOfSequence(sequence: string): Token[] {
  let tokens = sequenceTokens.get(sequence);
  if (!tokens) {
    tokens = tokenizeAnyText(sequence);
    if (sequenceTokens.size > 1024) sequenceTokens.clear();
    sequenceTokens.set(sequence, tokens);
  }
  return tokens;
}

export function tokenize(text: string, endChar = Number.POSITIVE_INFINITY): Token[] {
  if (!SIMPLE_STYLED_TEXT.test(text)) return tokenizeAnyText(text, endChar);
  const tokens: Token[] = [];
  let visible = 0;
  let index = 0;
  const pushChars = (until: number): boolean => {
    for (; index < until; index++) {
      tokens.push({ type: 'char', value: text.charAt(index), fullWidth: false });
      if (++visible >= endChar) return false;
    }
    return true;
  };
  for (const match of text.matchAll(SGR_SEQUENCE)) {
    if (!pushChars(match.index)) return tokens;
    for (const token of tokensOfSequence(match[0])) tokens.push({ ...token });
    index = match.index + match[0].length;
  }
  pushChars(text.length);
  return tokens;
}

function sameStyles(a: AnsiCode[], b: AnsiCode[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]?.code !== b[i]?.code || a[i]?.endCode !== b[i]?.endCode) return false;
  return true;
}

/** The library's own, except that a character styled like the one before it adds no codes (diffAnsiCodes would find none). */
export function styledCharsToString(chars: StyledChar[]): string {
  let text = '';
  let previous: StyledChar | undefined;
  for (const char of chars) {
    if (!previous) text += ansiCodesToString(char.styles);
    else if (!sameStyles(previous.styles, char.styles)) text += ansiCodesToString(diffAnsiCodes(previous.styles, char.styles));
    text += char.value;
    previous = char;
  }
  if (previous) text += ansiCodesToString(diffAnsiCodes(previous.styles, []));
  return text;
}
