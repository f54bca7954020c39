import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { KiosqueError } from '../errors.js';

/**
 * A feed the strict parser refuses, written out again as well-formed XML, so that it is read
 * with the same mapping as any other (feeds/parse.ts). Read with htmlparser2's forgiving XML
 * tokenizer, as the reference parsers do with ill-formed feeds:
 * - undefined named entities (`&eacute;`, `&nbsp;`, `&hellip;`: the feed has no DTD to define
 *   them) are decoded by the HTML5 table; a DTD's own entities are never expanded (the DOCTYPE is
 *   dropped before, see prepareXml);
 * - a bare `&` or `<` in text is text;
 * - an end tag cut short (`</title` with no `>`) ends its element; elements left open when
 *   the text ends (a truncated download) are closed; an end tag that closes an ancestor closes
 *   what is open inside it;
 * - nesting deeper than MAX_DEPTH is refused: no feed needs it, and the mapping walks the tree;
 *   deeper than FLATTEN_BELOW, elements are read for their text (the strict parser stops at 100).
 */

/** Elements nested deeper than this: the feed is refused (TOO_COMPLEX), not read. */
export const MAX_DEPTH = 1000;

/** Elements nested this deep or deeper are read for their text alone. */
const FLATTEN_BELOW = 64;

export function rewriteWellFormed(text: string, url: string): string {
  const out: string[] = [];
  /** Per open element: whether it was written out (else only its text is). */
  const open: boolean[] = [];
  let failure: KiosqueError | undefined;
  // Within CDATA, text is as written: escaped for XML, never decoded.
  let inCdata = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (failure) return;
        if (open.length >= MAX_DEPTH) {
          failure = new KiosqueError(
            'TOO_COMPLEX',
            `This feed could not be read (${url}): its elements nest more than ${MAX_DEPTH} deep.`,
            {
              url,
            },
          );
          parser.pause();
          return;
        }
        // Kept as text only, below the nesting feedsmith accepts (100): no feed's fields are that deep.
        const kept = open.length < FLATTEN_BELOW;
        open.push(kept);
        if (!kept) return;
        out.push(`<${name}`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (!/^[A-Za-z_][\w.:-]*$/.test(attribute)) continue;
          out.push(` ${attribute}="${escapeXml(decodeHTML(value)).replace(/"/g, '&quot;')}"`);
        }
        out.push('>');
      },
      ontext(data) {
        if (!failure) out.push(escapeXml(inCdata ? data : decodeHTML(data)));
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      onclosetag(name) {
        if (failure) return;
        if (open.pop()) out.push(`</${name}>`);
      },
    },
    // Entities are decoded here, by the HTML5 table: htmlparser2's XML mode knows only XML's five.
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.end(closeCutEndTags(text));
  if (failure) throw failure;
  return out.join('');
}

/** `</title` followed by text or another tag, not by `>`: the end tag, cut short. */
function closeCutEndTags(text: string): string {
  return text.replace(/<\/([A-Za-z_][\w.:-]*)(\s*)(?=<|$)/g, '</$1>$2');
}

/** Text as XML character data: the three characters markup would take for its own. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
