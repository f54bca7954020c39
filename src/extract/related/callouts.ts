import { cleanInline } from '../../text/sanitize.js';
import { $all, attr, type Element, textOf } from '../../html/dom.js';
import { listingOrFurniture, looksLikeArticle, onSite, resolveHref } from '../links/addresses.js';
import { firstCharacter, holdsItsOwnText, leadingText, shortText } from '../links/short-text.js';
import { type RelatedLink } from '../types.js';
import { type Search, headlineLike, isClaimed, inChrome } from './search.js';

/** Callout lines ("Lire aussi : <a>", "[Read: <a>]"): in the body's text, and anywhere in the page with the lines in the same style. */
/**
 * "Lire aussi :" and its kin, at the start of a block, as the body's text reads them: the line
 * becomes a related block in place (src/extract/block-builder.ts). The label must be followed by a link
 * that makes up the rest of the block, so a sentence such as "On peut lire aussi, dans le projet
 * de texte, ..." stays a paragraph.
 */
const BODY_LABELS = [
  '(?:[àa]\\s+)?(?:lire|voir|relire|découvrir)\\s+(?:aussi|également|egalement|encore)',
  'sur le même sujet',
  'read (?:also|more)',
  'also read',
  'see also',
  'related(?:\\s+(?:articles?|stories|story|content|coverage|reading))?',
  'more on this(?: story| topic)?',
  'recommended',
  'lesen sie (?:auch|mehr)',
  'auch interessant',
  'mehr zum thema',
  'lea también',
  'lee también',
  'leer también',
  've[ar]? también',
  'leggi anche',
  'vedi anche',
  'leia (?:também|mais)',
  'veja também',
  'citește și',
  'citeste si',
  'vezi și',
  'vezi si',
];

const RELATED_LABEL = new RegExp(`^(?:${BODY_LABELS.join('|')})\\s*[:：»>–-]?`, 'i');

/**
 * The same callouts as the related-links search reads them anywhere in the page, in more
 * wordings: inside brackets ("[Read: …]"), in Czech, Russian, Indonesian, and the short verbs
 * ("Read:", "Lire :", "See:") when a colon follows them ("Read the full report" is a sentence).
 */
const CALLOUT_LABEL = new RegExp(
  '^[\\[(]?\\s*(?:(?:' +
    [...BODY_LABELS, 'související', 'читайте также', 'baca juga', 'lihat juga'].join('|') +
    ')\\s*[:：»>–-]?|(?:read|lire|voir|see|leia|lea|lee|leggi|lies|lesen)\\s*[:：])',
  'i',
);

/**
 * CALLOUT_LABEL for a text whose white space is not folded: each space of a wording matches a run
 * of white space, as the folded text's one space would (no wording holds a space inside brackets).
 * The same answer as CALLOUT_LABEL on the folded text, without folding every block's first words.
 */
const CALLOUT_LABEL_UNFOLDED = new RegExp(CALLOUT_LABEL.source.replaceAll(' ', '\\s+'), 'i');

/**
 * The characters a callout can begin with, in CALLOUT_LABEL's case-blind sense: its brackets, and
 * the first letter of every wording above (à / a, lire, voir, relire, découvrir, sur, read, see,
 * related, more, recommended, lesen, lea, ver, citește, baca, читайте…). A wording taught
 * to CALLOUT_LABEL with another first letter is taught here too (tests/related-links.test.ts reads one of each).
 */
const CALLOUT_FIRST = /^[[(àabcdlmrsvч]/i;

export interface InlineRelated {
  label: string;
  link: RelatedLink;
  /** The whole line as read (label and link), for the block that stands in the text. */
  text: string;
}

/** An inline related-article line of the body's text: a block that is a label followed by one link. */
export function matchInlineRelated(block: Element, base: string): InlineRelated | null {
  const text = cleanInline(textOf(block));
  const label = RELATED_LABEL.exec(text);
  if (!label || text.length > 400) return null;
  const rest = text.slice(label[0].length).trim();
  if (!rest) return null;
  // The first link with text of its own, not a label itself; each link's text read once.
  let anchor: Element | undefined;
  let anchorText = '';
  for (const candidate of $all('a[href]', block)) {
    const candidateText = cleanInline(textOf(candidate));
    if (candidateText.length > 0 && !RELATED_LABEL.test(candidateText + ' ')) {
      anchor = candidate;
      anchorText = candidateText;
      break;
    }
  }
  if (!anchor) return null;
  const url = resolveHref(attr(anchor, 'href'), base);
  const title = anchorText.replace(RELATED_LABEL, '').trim();
  // The link must be most of what follows the label.
  if (!url || title.length < rest.length * 0.6) return null;
  return { label: label[0].trim(), link: { title, url }, text };
}

/** A callout anywhere in the page: a label and one link, or one link that begins with a label and a colon ("[Read: T]"). */
function matchCallout(text: string, anchors: Element[], base: string): InlineRelated | null {
  const label = CALLOUT_LABEL.exec(text);
  if (!label || text.length > 400) return null;
  const rest = stripBrackets(text.slice(label[0].length));
  if (!rest) return null;
  let anchor: Element | undefined;
  let anchorText = '';
  for (const candidate of anchors) {
    const candidateText = cleanInline(textOf(candidate));
    const candidateLabel = CALLOUT_LABEL.exec(candidateText);
    // A label inside the link ("[Read: T]") ends with a colon: "Read more on Hot Corner »" is a link to a section.
    if (candidateLabel && !/[:：]\s*$/.test(candidateLabel[0])) continue;
    if (candidateText.length > 0 && (!candidateLabel || stripBrackets(candidateText.slice(candidateLabel[0].length)))) {
      anchor = candidate;
      anchorText = candidateText;
      break;
    }
  }
  if (!anchor) return null;
  const url = resolveHref(attr(anchor, 'href'), base);
  const title = stripBrackets(anchorText.replace(CALLOUT_LABEL, ''));
  // The link must be most of what follows the label, and lead to an article, not a tag page.
  if (!url || title.length < rest.length * 0.6 || listingOrFurniture(url)) return null;
  return { label: label[0].replace(/^[[(]\s*/, '').trim(), link: { title, url }, text };
}

/** "[Read: T]" and "(T)": the brackets around a callout are not part of its title. */
function stripBrackets(text: string): string {
  return text
    .trim()
    .replace(/^[\])]\s*/, '')
    .replace(/^[[(]\s*(.*?)\s*[\])]$/, '$1')
    .replace(/\s*[\])]$/, '')
    .trim();
}

/** A callout line: a label and one link, in one block. */
const CALLOUT_BOUNDS = { characters: 400, nodes: 60, nestedBlocks: 1 } as const;

/** A callout line: "Lire aussi : <a>", "[Read: <a>…]", in the text or in an aside, a blockquote, a q. */
export function readCallout(element: Element, search: Search, position: number): boolean {
  if (!CALLOUT_TAGS.has(element.name) || !holdsItsOwnText(element)) return false;
  // Most blocks are turned away by their first character alone (six in ten do not begin as any wording does).
  if (!CALLOUT_FIRST.test(firstCharacter(element))) return false;
  // The label opens the block: most blocks are turned away by their first words alone.
  // Its first 200 characters are enough for the label: a paragraph of one long text is not folded whole.
  if (!CALLOUT_LABEL_UNFOLDED.test(leadingText(element, 48).trimStart().slice(0, 200))) return false;
  const short = shortText(element, CALLOUT_BOUNDS);
  if (!short || short.anchors.length === 0) return false;
  const match = matchCallout(cleanInline(short.text), short.anchors, search.base);
  if (!match || !onSite(match.link.url, search.sites) || isClaimed(element, search) || inChrome(element)) return false;
  if (!looksLikeArticle(match.link.url) && !headlineLike(match.link.title)) return false;
  search.found.push({ order: position, links: [{ ...match.link, label: match.label }] });
  search.claimed.add(element);
  return true;
}

const CALLOUT_TAGS = new Set(['p', 'div', 'li', 'dd', 'blockquote', 'aside', 'q', 'center', 'td', 'h4', 'h5', 'h6']);

/**
 * Lines in the same style as a labelled callout (the same tag and class), made of one link to an
 * article: a site that writes "[Read: T]" in its interstitials also writes "[T]" in the same
 * box. Only classed callouts count: a bare <p> says nothing about style.
 */
export function readCalloutsInTheSameStyle(callouts: Element[], candidates: Element[], search: Search): void {
  const styles = new Set(
    callouts.map((element) => `${element.name}.${attr(element, 'class') ?? ''}`).filter((style) => !style.endsWith('.')),
  );
  if (styles.size === 0) return;
  for (let position = 0; position < candidates.length; position++) {
    const element = candidates[position]!;
    if (!styles.has(`${element.name}.${attr(element, 'class') ?? ''}`) || search.claimed.has(element)) continue;
    const short = shortText(element, CALLOUT_BOUNDS);
    const anchors = short?.anchors ?? [];
    if (!short || anchors.length !== 1) continue;
    const text = stripBrackets(cleanInline(short.text));
    const title = stripBrackets(cleanInline(textOf(anchors[0]!)));
    const url = resolveHref(attr(anchors[0]!, 'href'), search.base);
    if (!url || !title || title.length < text.length * 0.9 || listingOrFurniture(url) || !onSite(url, search.sites)) continue;
    search.found.push({ order: position, links: [{ title, url }] });
    search.claimed.add(element);
  }
}
