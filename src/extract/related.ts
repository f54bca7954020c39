import { type Document, type Element, elementsByTag } from '../html/dom.js';
import { documentBase, pageSites } from './links/addresses.js';
import { type RelatedLink } from './types.js';
import { type Search, withoutFragment } from './related/search.js';
import { readCallout, readCalloutsInTheSameStyle } from './related/callouts.js';
import { readLabelledRun } from './related/labelled-runs.js';
import { readNamedBox } from './related/named-boxes.js';

export { type InlineRelated, matchInlineRelated } from './related/callouts.js';
export { withoutTrackingParameters } from './related/search.js';

/** Elements that may be a label, a callout or a box of further reading. */
const CANDIDATE_TAGS = [
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'div',
  'span',
  'strong',
  'b',
  'em',
  'li',
  'dt',
  'dd',
  'header',
  'section',
  'aside',
  'blockquote',
  'q',
  'center',
  'td',
  'th',
  'caption',
  'legend',
  'ul',
  'ol',
  'table',
];

/**
 * The page's further reading for this article, in page order, found before the page's furniture
 * is removed (a box may stand in an aside, a sidebar, a blockquote):
 * - a related label (a heading or a label line: "Related posts", "Artigos relacionados",
 *   "関連記事", "Read more:") followed by a run of links to articles of the site: a list, cards,
 *   or paragraphs that each hold one link;
 * - a box whose class names it related (Jetpack, YARPP, "meme_sujet"…), unless its own heading
 *   says it is something else ("Latest articles", "Most read", "Tags");
 * - a callout line ("Lire aussi : <a>", "[Read: <a>…]") anywhere but the site's chrome, and
 *   the lines in the same style beside it.
 * Links to tag, topic, author and list pages, to other sites and to the page itself are left out.
 */
export function findRelatedBoxes(document: Document, url: string): RelatedLink[] {
  const search: Search = {
    pageUrl: url,
    base: documentBase(document, url),
    sites: pageSites(document, url),
    claimed: new Set(),
    found: [],
    candidates: elementsByTag(document, ...CANDIDATE_TAGS),
    namedBoxes: undefined,
  };
  // An element's position in `candidates` is its order in the page.
  const candidates = search.candidates;
  const callouts: Element[] = [];
  for (let position = 0; position < candidates.length; position++) {
    const element = candidates[position]!;
    if (readLabelledRun(element, search, position)) continue;
    if (readNamedBox(element, search, position)) continue;
    if (readCallout(element, search, position)) callouts.push(element);
  }
  readCalloutsInTheSameStyle(callouts, candidates, search);
  search.found.sort((a, b) => a.order - b.order);
  const seen = new Set<string>([withoutFragment(url)]);
  const out: RelatedLink[] = [];
  for (const link of search.found.flatMap((entry) => entry.links)) {
    const key = withoutFragment(link.url);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(link);
  }
  return out;
}
