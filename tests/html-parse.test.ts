import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { isText, type AnyNode } from 'domhandler';
import { parseHtml } from '../src/html/dom.js';
import { shape } from './helpers/tree-shape.js';

// kiosque reads pages with a tokenizer of its own that calls what htmlparser2's Tokenizer calls
// (src/html/tokenizer.ts, tests/html-tokenizer.test.ts), driving a lean tree builder that applies htmlparser2's Parser rules
// itself (src/html/parse.ts): the tree must be the one htmlparser2's Parser and DomHandler build,
// character for character.

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

// The tags that close others without an end tag, which html/parse.ts applies itself (html/tag-rules.ts)
// since it builds the tree from the tokenizer's events without htmlparser2's Parser.
const closings = `<body><P>first paragraph<div>a block closes it</div><p>one<p>two<h2>a heading</h2>
<ul><li>one<li>two<LI>three</ul><ol><li>a<ol><li>nested</ol><li>b</ol>
<dl><dt>term<dd>definition<dt>term 2<dd>definition 2</dl>
<select><option>a<option>b<optgroup label=g><option>c<optgroup><option>d</select>
<table><thead><tr><th>h1<th>h2<tbody><tr><td>c1<td>c2<tr><td>c3</table>
<table><tr><td>x<td>y<tfoot><tr><td>z</table><ruby>漢<rt>kan<rp>(<rt>ji</ruby>
<p>a paragraph<ul><li>closed by a list</ul><p>then<table><tr><td>a table</table><p>then<hr>a rule
<form id=outer><input name=a><form id=inner><input name=b></form></form><p>after the forms
<a href=1>one<a href=2>two</a><button>b1<button>b2</button><input value=x><textarea>t</textarea>
</p></br><br></br x=1></img><span>unclosed <em>inline <strong>elements</span>text</em> after
<svg><clipPath><path d="M0"/><rect/></clipPath><foreignObject><p>html<br/>in svg</p></foreignObject><image href=i.png /><title>t</title></svg>
<math><mi>x</mi><mtext><b>bold</b></mtext><mspace/></math><image src=img.png><IMG SRC=up.png>
<div><![CDATA[not cdata in html]]><svg><![CDATA[text in svg]]></svg></div><h1>one<h3>two</h1>three</h3>
<td>stray cell<tr>stray row<li>stray item<dd>stray definition</body><p>after body`;

/** The text of a tree, an element's text in brackets: what sits inside what. */
function nesting(node: AnyNode): string {
  if (isText(node)) return node.data.trim();
  if (!('children' in node)) return '';
  const inner = node.children.map(nesting).filter(Boolean).join(' ');
  return 'name' in node ? `${node.name}[${inner}]` : inner;
}

describe('the tags that close others without an end tag', () => {
  it('builds the tree htmlparser2 builds, tag for tag', () => {
    expect(shape(parseHtml(closings))).toEqual(shape(parseDocument(closings, { decodeEntities: true })));
    for (let cut = 1; cut < closings.length; cut += 11) {
      const part = closings.slice(0, cut);
      expect(shape(parseHtml(part)), part.slice(-30)).toEqual(shape(parseDocument(part, { decodeEntities: true })));
    }
  });

  it('closes paragraphs, list items, definitions and cells where a browser does', () => {
    const read = (html: string) => nesting(parseHtml(html));
    expect(read('<p>one<div>two</div>')).toBe('p[one] div[two]');
    expect(read('<p>one<p>two<h2>three</h2>')).toBe('p[one] p[two] h2[three]');
    expect(read('<ul><li>one<li>two</ul>')).toBe('ul[li[one] li[two]]');
    expect(read('<dl><dt>a<dd>b<dt>c</dl>')).toBe('dl[dt[a] dd[b] dt[c]]');
    expect(read('<table><tr><td>a<td>b<tr><td>c</table>')).toBe('table[tr[td[a] td[b]] tr[td[c]]]');
    expect(read('<select><option>a<option>b</select>')).toBe('select[option[a] option[b]]');
    expect(read('<p>a<br>b</p></p>')).toBe('p[a br[] b] p[]');
    expect(read('<form><form><input></form>x')).toBe('form[input[]] x');
    expect(read('<svg><path/><g>in</g></svg>')).toBe('svg[path[] g[in]]');
  });
});

describe('tag names read through the name table (html/names.ts)', () => {
  it('reads every name right when many share one hash ("az" and "b[" hash alike), upper case included', () => {
    // 16 names of four pairs each, all of one hash: more than a hash keeps, so some are read as strings of their own.
    const names = Array.from({ length: 16 }, (_, n) => [0, 1, 2, 3].map((bit) => ((n >> bit) & 1 ? 'b[' : 'az')).join(''));
    const page = `<body>${names.map((name, n) => `<${n % 2 ? name.toUpperCase() : name}>${n}</${name}>`).join('')}</body>`;
    // Twice: the second page finds in the table what the first put there.
    for (let round = 0; round < 2; round++) {
      const body = parseHtml(page).children.find((node) => 'name' in node && node.name === 'body');
      expect(body && 'children' in body ? body.children.map((node) => ('name' in node ? node.name : '#text')) : []).toEqual(names);
    }
  });
});
