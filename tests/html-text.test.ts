import { describe, expect, it } from 'vitest';
import { parseHtml, textOf } from '../src/html/dom.js';
import { htmlText } from '../src/html/text.js';

/** A feed's summaries and titles are read without a tree (html/text.ts): they must read as the tree reads them. */
describe('the text of an HTML fragment, without a tree', () => {
  const fragments = [
    '<p>Le marché</p><p>rouvre</p>',
    'Une ligne<br>et une autre',
    'avant<script>var a = "<p>caché</p>";</script>après',
    '<noscript><style>p { color: red }</style>rien</noscript>texte',
    '<template><p>modèle</p></template>visible',
    '<div><p>un <b>deux</div>trois',
    '<table><tr><td>1<td>2<tr><td>3</table>',
    '<ul><li>a<li>b</ul>c',
    'Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e &hellip;',
    '&lt;p&gt; écrit, pas une balise',
    '<!-- un commentaire -->z<![CDATA[ignoré]]>',
    '<P>Majuscules</P><BR>fin',
    '<p>non fermé <i>italique',
    'a</p>b</br>c',
  ];
  it.each(fragments)('%s', (fragment) => {
    expect(htmlText(fragment)).toBe(textOf(parseHtml(fragment)));
  });
});
