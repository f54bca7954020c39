import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHTML, DecodingMode } from 'entities';
import { htmlLine } from '../src/feeds/html-line.js';
import { decode } from '../src/feeds/xml-entities.js';
import { htmlText } from '../src/html/text.js';
import { cleanInline } from '../src/text/sanitize.js';

/**
 * A summary or title given as simple HTML is read without the tokenizer (feeds/html-line.ts): it must
 * read as the HTML parser reads it (cleanInline(htmlText)), or not at all (undefined: the parser reads it).
 */
const parsed = (html: string) => cleanInline(htmlText(html));

/** Pieces of the HTML feeds carry, and of the HTML that must not be read without the parser. */
const PIECES = [
  '<p>',
  '</p>',
  '<P class="x">',
  '<a href="http://e.fr/a?b=1&amp;c=2">',
  "<a title='1 > 0'>",
  '<a href=nu/>',
  '</a>',
  '<b>',
  '</b>',
  '<i >',
  '</I >',
  '<em>',
  '</em>',
  '<br>',
  '<br/>',
  '</br>',
  '<hr>',
  '<img src="i.png" alt="">',
  '<div>',
  '</div>',
  '<ul>',
  '<li>',
  '</li>',
  '</ul>',
  '<h2>',
  '</h2>',
  '<blockquote>',
  '</blockquote>',
  '<span>',
  '</span>',
  '<wbr>',
  // Not for the fast reading: it must give up, or read them as the parser does.
  '<table>',
  '<td>',
  '<script>',
  '</script>',
  '<!-- c -->',
  '< ',
  '</>',
  '<a href="x"title="y">',
  '<a\u00a0b>',
  '<p.x>',
  '&amp;',
  '&eacute;',
  '<svg>',
  '<textarea>',
];
const WORDS = ['Le', 'marché', ' ', '  ', '\n', '\u00a0', '\u202f', 'rouvre', '1 > 0', '"', "'", '=', '\u001b[31m', '\u0007', 'é'];

const fragment = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.constantFrom(...WORDS), fc.string({ maxLength: 4 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('a summary in simple HTML, read without the tokenizer', () => {
  it.each([
    '<p>Le marché</p><p>rouvre</p>',
    'Une ligne<br>et une autre',
    '<a href="/x"><p>un</a>deux',
    '<p>un<div>deux</div>trois',
    'a</p>b</br>c<img src=x>d',
    '<li>a<li>b</ul>c',
    '<h1>titre<h2>sous-titre</h1>suite',
    '<a>un<a>deux</a>trois</a>quatre',
  ])('%s reads as the parser reads it', (html) => {
    expect(htmlLine(html)).toBe(parsed(html));
  });

  it('gives up on what it does not read as the parser does (entities, comments, scripts, tables)', () => {
    for (const html of ['Caf&eacute;', '<!-- x -->y', 'a<script>b</script>', '<table><td>1<td>2</table>', 'a < b <c'])
      expect(htmlLine(html)).toBeUndefined();
  });

  it('reads any mix of tags, text and controls as the parser does, or gives up', () => {
    let read = 0;
    fc.assert(
      fc.property(fragment, (html) => {
        const line = htmlLine(html);
        if (line === undefined) return;
        read++;
        expect(line).toBe(parsed(html));
      }),
      { numRuns: 3000 },
    );
    // Most simple mixes are read here, not by the parser.
    expect(read).toBeGreaterThan(300);
  });

  it('stopped early for a summary, gives the same summary as the whole line', () => {
    const cut = (line: string, atMost: number) => (line.length > atMost ? line.slice(0, atMost - 1) : line);
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 80 }), (parts, atMost) => {
        const html = parts.join('<p>');
        const line = htmlLine(html, atMost);
        if (line === undefined) return;
        expect(cut(line, atMost)).toBe(cut(parsed(html), atMost));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a feed's text with XML's own entities, decoded without the HTML5 table's decoder", () => {
  const PARTS = [
    '&lt;',
    '&gt;',
    '&amp;',
    '&quot;',
    '&apos;',
    '&amp;lt;',
    '&',
    'amp;',
    'lt;',
    '&eacute;',
    '&copy=2',
    '&#233;',
    '&lt',
    'p',
    ' ',
    '<',
    'é',
  ];
  it('reads as the decoder reads it', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PARTS), fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(decode(text)).toBe(decodeHTML(text, DecodingMode.Attribute));
      }),
      { numRuns: 3000 },
    );
  });
});
