import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { parseHtml } from '../src/html/dom.js';
import { shape } from './helpers/tree-shape.js';

// html/tokenizer.ts reads pages by runs (indexOf, charCodeAt loops) in place of htmlparser2's
// Tokenizer and its state call per character: on any input, the tree must be the one htmlparser2's
// Parser and DomHandler build. Random tag soup, made of the pieces where tokenizers go wrong.

function same(html: string): void {
  expect(shape(parseHtml(html)), JSON.stringify(html)).toEqual(shape(parseDocument(html, { decodeEntities: true })));
}

const names = [
  'div',
  'p',
  'a',
  'li',
  'ul',
  'table',
  'td',
  'tr',
  'form',
  'br',
  'img',
  'DIV',
  'P',
  'svg',
  'math',
  'foreignObject',
  'mi',
  'clipPath',
  'image',
];
const raw = [
  'script',
  'style',
  'title',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'plaintext',
  'SCRIPT',
  'Title',
  'scr',
  'sty',
  'tex',
  'noe',
  'scripts',
  'titles',
];
const entities = [
  '&amp;',
  '&amp',
  '&AMP;',
  '&lt',
  '&gt;',
  '&notin',
  '&noti',
  '&notit;',
  '&not',
  '&#65;',
  '&#x42',
  '&#x',
  '&#',
  '&#0;',
  '&#1114112;',
  '&#128;',
  '&nbsp',
  '&copy=',
  '&ampx',
  '&&',
  '&',
  '&eacute;',
  '&acE;',
  '&frac12',
];
const marks = [
  '<',
  '>',
  '!',
  '--!',
  '</',
  '/>',
  '/',
  '=',
  '"',
  "'",
  '<!',
  '<!--',
  '-->',
  '--!>',
  '--',
  '-',
  '<!-->',
  '<!--->',
  '<![CDATA[',
  ']]>',
  ']',
  '<!DOCTYPE html>',
  '<!doc',
  '<!DOCTYPE',
  '<?xml ?>',
  '<?',
  '<!x>',
  '</ x>',
  '</1>',
  '</>',
  '<<',
  '\x1c',
  '\x0f',
  '\t',
  '\n',
  ' ',
  '\r',
  '\f',
];
const words = ['text', 'a b', 'é', '😀', 'x', 'Z', '1'];
const attributes = [
  ' class="x y"',
  " id='y'",
  ' href=a&amp;b',
  ' hidden',
  ' a=b',
  ' a = "c"',
  ' class="x" class="z"',
  ' =x',
  ' a="<b>"',
  " b='&quot;'",
  ' c=d/',
  ' D=E',
  ' data-x="&notin;&amp"',
];

const piece = fc.oneof(
  fc.constantFrom(...names).map((name) => `<${name}`),
  fc.constantFrom(...names, ...raw).map((name) => `</${name}`),
  fc.constantFrom(...raw).map((name) => `<${name}`),
  fc.constantFrom(...names, ...raw).map((name) => `<${name}>`),
  fc.constantFrom(...names, ...raw).map((name) => `</${name}>`),
  fc.constantFrom(...entities),
  fc.constantFrom(...marks),
  fc.constantFrom(...words),
  fc.constantFrom(...attributes),
  fc.string({ maxLength: 4 }),
);
const soup = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const runs = Number(process.env['TOKENIZER_RUNS'] ?? 3000);

describe('html/tokenizer.ts reads any page as htmlparser2 does', () => {
  it('builds the tree htmlparser2 builds on random tag soup', () => {
    fc.assert(
      fc.property(soup, (html) => same(html)),
      { numRuns: runs },
    );
  });

  it('builds the tree htmlparser2 builds wherever the page ends', () => {
    fc.assert(
      fc.property(soup, (html) => {
        for (let cut = 0; cut <= html.length; cut++) same(html.slice(0, cut));
      }),
      { numRuns: Math.ceil(runs / 10) },
    );
  });

  it('reads these pages as htmlparser2 does', () => {
    for (const html of [
      '<a /',
      'a</div x',
      '<scri',
      '<script',
      '<title><&amp;</title>',
      '<title></title&amp;</title>',
      '<script>\x1c/script>x',
      '<textarea>a\x1c/textarea>b</textarea>',
      '<script><</script>x',
      '<!---->',
      '<!-- a --!> b',
      '<!--x--!-->y',
      '<!--x--!--->y',
      '<![CDATA[x',
      '<plaintext><p>x</plaintext>',
      '<svg><script>a<b></script></svg>',
    ])
      same(html);
  });
});
