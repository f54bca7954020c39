import { cleanInline } from '../text/sanitize.js';
import { $all, attr, type Document, type Element, resolveLink, textOf } from '../html/dom.js';
import { RELATED_BOX_SELECTOR } from '../html/furniture.js';
import type { RelatedLink } from './types.js';

/**
 * "Lire aussi :" and its kin, at the start of a block. The label must be
 * followed by a link that makes up the rest of the block, so a sentence such as
 * "On peut lire aussi, dans le projet de texte, ..." stays a paragraph.
 */
const RELATED_LABEL = new RegExp(
  '^(?:' +
    [
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
    ].join('|') +
    ')\\s*[:：»>–-]?',
  'i',
);

export interface InlineRelated {
  label: string;
  link: RelatedLink;
  /** The whole line as read (label and link), for the block that stands in the text. */
  text: string;
}

/** An inline related-article line: a block that is a label followed by one link. */
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
  const url = resolveLink(attr(anchor, 'href'), base);
  const title = anchorText.replace(RELATED_LABEL, '').trim();
  // The link must be most of what follows the label.
  if (!url || title.length < rest.length * 0.6) return null;
  return { label: label[0].trim(), link: { title, url }, text };
}

/** Items of related-posts boxes (tagDiv, Jetpack, YARPP and similar), in page order. */
export function findRelatedBoxes(document: Document, base: string): RelatedLink[] {
  const out: RelatedLink[] = [];
  for (const box of $all(RELATED_BOX_SELECTOR, document)) {
    const headingLinks = $all('h3 a[href], h4 a[href], .entry-title a[href], .jp-relatedposts-post-title a[href]', box);
    const anchors = headingLinks.length ? headingLinks : $all('a[href]', box);
    for (const anchor of anchors) {
      const url = resolveLink(attr(anchor, 'href'), base);
      const title = cleanInline(textOf(anchor)) || cleanInline(attr(anchor, 'title') ?? '');
      if (!url || title.length < 12) continue;
      out.push({ title, url: withoutTrackingParameters(url) });
    }
  }
  return out;
}

/** Jetpack and analytics decorate related links with query strings that name no page. */
export function withoutTrackingParameters(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()]) {
    if (/^(?:utm_|relatedposts|fbclid|gclid|mc_)/.test(key)) parsed.searchParams.delete(key);
  }
  return parsed.href;
}
