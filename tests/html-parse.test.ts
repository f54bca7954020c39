import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { AnyNode } from 'domhandler';
import { parseHtml } from '../src/html/dom.js';
import { TOKENIZER_FITS } from '../src/html/tokenizer.js';

// kiosque reads pages with htmlparser2's events through a tokenizer that skips text, attribute
// values and names in one go (src/html/tokenizer.ts) and a lean tree builder (src/html/parse.ts):
// the tree must be the one htmlparser2's own DomHandler builds, character for character.

/** A tree as nested plain data: what the heuristics can read of it. */
function shape(node: AnyNode): unknown {
  const out: Record<string, unknown> = { type: node.type };
  if ('name' in node) out['name'] = node.name;
  if ('attribs' in node) out['attribs'] = Object.entries(node.attribs);
  if ('data' in node) out['data'] = node.data;
  if ('children' in node) out['children'] = node.children.map(shape);
  return out;
}

const page = `<!DOCTYPE html><HTML lang=fr><head><TITLE>Tom &amp; Jerry &lt;3</TITLE>
<script>if (a < b && c > d) { document.write("</div>"); }</script><style>p > a { color: red }</style></head>
<body><!-- a comment with <tags> and -- dashes --><!----><!-->
<div CLASS="story main" id='lead' data-x=unquoted&amp;value hidden>
<p>Caf&eacute; cr&egrave;me &nbsp;&copy 2024 &#65;&#x42; &notit; &notin; AT&T</p>
<a href="/search?q=1&amp;page=2&lang=fr" title='it&#39;s "quoted"'>Next &raquo;</a>
<img src=a.jpg alt="x > y" / ><br/><p class="a" class="b">twice</p>
<svg viewBox="0 0 1 1"><foreignObject><p>inside</p></foreignObject><clipPath id=c></clipPath></svg>
<textarea>&lt;b&gt; stays text</textarea><table><tr><td>cell<td>cell 2</table>
</div  ><p>closing tags with spaces</p  ></body></html>`;

describe('parsing a page into the tree the heuristics read', () => {
  it('builds the tree htmlparser2 builds: entities, raw text, comments, odd attributes, foreign content', () => {
    expect(shape(parseHtml(page))).toEqual(shape(parseDocument(page, { decodeEntities: true })));
  });

  it('builds the same tree when a page stops in the middle of a text, a tag name, an attribute or an entity', () => {
    for (let cut = 1; cut < page.length; cut += 7) {
      const part = page.slice(0, cut);
      expect(shape(parseHtml(part)), part.slice(-30)).toEqual(shape(parseDocument(part, { decodeEntities: true })));
    }
  });
});

describe('the skipping tokenizer', () => {
  it('still fits the htmlparser2 installed: its private states are where the overrides expect them', () => {
    // If an update moved them, pages are still read (the plain Tokenizer), only slower: this says so.
    expect(TOKENIZER_FITS).toBe(true);
  });
});
