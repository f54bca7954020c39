import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { tokenize } from '../src/html/tokenizer.js';

// html/tokenizer.ts against htmlparser2's Tokenizer event by event, not through a tree: kiosque's
// tree builder (html/parse.ts) is not DomHandler, so a difference DomHandler's tree hides could
// still change kiosque's. SVG / MathML is asked of the callbacks at every tag (isInForeignContext),
// answered here by a fixed pseudo-random sequence, so both readers must ask it at the same tags.

type Run = (html: string, callbacks: TokenizerCallbacks) => void;

function events(html: string, run: Run): string {
  const out: Array<[string, string | number]> = [];
  let asked = 0;
  // Text and attribute values may come in other pieces: joined.
  const push = (kind: string, value: string | number) => {
    const last = out[out.length - 1];
    if ((kind === 'text' || kind === 'value') && last && last[0] === kind) last[1] = `${last[1]}${value}`;
    else out.push([kind, value]);
  };
  const slice = (start: number, end: number) => html.slice(start, end);
  run(html, {
    isInForeignContext: () => Math.imul(++asked, 0x9e3779b1) >>> 0 < 0x55555555,
    onopentagname: (start, end) => push('open', slice(start, end)),
    onattribname: (start, end) => push('attribute', slice(start, end)),
    onattribdata: (start, end) => push('value', slice(start, end)),
    onattribentity: (codepoint) => push('value', String.fromCodePoint(codepoint)),
    onattribend: (quote) => push('attribute end', quote),
    onopentagend: () => push('open end', ''),
    onselfclosingtag: () => push('self-closing', ''),
    onclosetag: (start, end) => push('close', slice(start, end)),
    ontext: (start, end) => push('text', slice(start, end)),
    ontextentity: (codepoint) => push('text', String.fromCodePoint(codepoint)),
    oncomment: (start, end, offset) => push('comment', slice(start, end - offset)),
    oncdata: (start, end, offset) => push('cdata', slice(start, end - offset)),
    ondeclaration: (start, end) => push('declaration', slice(start, end)),
    onprocessinginstruction: (start, end) => push('instruction', slice(start, end)),
    onend: () => push('end', ''),
  });
  // htmlparser2 hands over the value read so far of a tag the page ends in (then drops the tag):
  // kiosque's reader does not, and neither tree has the tag.
  if (out.length > 1 && out[out.length - 2]![0] === 'value') out.splice(out.length - 2, 1);
  return JSON.stringify(out);
}

const reference: Run = (html, callbacks) => {
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
};

function same(html: string): void {
  expect(events(html, tokenize), JSON.stringify(html)).toBe(events(html, reference));
}

// What the tree test's soup holds little of: NUL, CRLF, surrogates (paired and lone), "</scrip"
// prefixes in raw text, entities in RCDATA, <plaintext>, attributes across lines.
const pieces = [
  '<script>',
  '</script',
  '</scrip',
  '</SCRIPT\n>',
  '<</script>',
  '<title>',
  '</titl',
  '</title>',
  '<textarea>',
  '</textarea ',
  '<plaintext>',
  '<style>',
  '<xmp>',
  '<noembed>',
  '</noframes',
  '&amp;',
  '&amp',
  '&lt',
  '&#x1F600;',
  '&#xD83D;',
  '&#55357;&#56832;',
  '&#0;',
  '&#13;',
  '&notin;',
  '&noti',
  '&Gdot ',
  '&',
  '&#',
  '\0',
  '\r\n',
  '\r',
  '\uD83D\uDE00',
  '\uD83D',
  '\uDE00',
  '\x1c',
  '<',
  '>',
  '/',
  '=',
  '"',
  "'",
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?',
  '<!doctype x>',
  '<div',
  '<p',
  '</p>',
  ' class="a\r\nb"',
  " id='x\n&amp;\ny'",
  ' href=a&amp;b',
  '\n  z\n  =\n  "w"',
  '/>',
  '</ x>',
  'text',
];
const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

describe('html/tokenizer.ts calls what htmlparser2’s Tokenizer calls', () => {
  it('on soup of NUL, CRLF, surrogates, raw-text end prefixes, RCDATA entities and attributes across lines', () => {
    fc.assert(
      fc.property(soup, (html) => same(html)),
      { numRuns: 2000 },
    );
  });

  it('wherever such a page ends', () => {
    fc.assert(
      fc.property(soup, (html) => {
        for (let cut = 0; cut <= html.length; cut++) same(html.slice(0, cut));
      }),
      { numRuns: 200 },
    );
  });

  it('on long runs', () => {
    for (const html of [
      `<title>${'<&amp;'.repeat(20_000)}</title>`,
      `<script>${'</scrip'.repeat(20_000)}</script>x`,
      `<a${'\n b\n=\n"c&amp;"'.repeat(10_000)}>`,
      `<p class="${'&lt;x'.repeat(20_000)}">${'&#x1F600;\r\n'.repeat(20_000)}`,
      `<!--${'--!'.repeat(20_000)}`,
      `<plaintext>${'</plaintext><p>'.repeat(10_000)}`,
    ])
      same(html);
  });
});
