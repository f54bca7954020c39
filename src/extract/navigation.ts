import { cleanInline } from '../text/sanitize.js';
import {
  $all,
  $one,
  attr,
  closest,
  classAndId,
  type Document,
  type Element,
  elementsByTag,
  isTag,
  resolveLink,
  textOf,
} from '../html/dom.js';
import { PAGINATION_CLASS } from '../html/furniture.js';
import { fitsWithin } from './bounded.js';
import type { Link } from './types.js';

/**
 * "Article précédent" / "Article suivant": the neighbouring articles a theme
 * links to. Kept apart from pagination (page 2 of the same article, page 2 of
 * a list), which WordPress also marks with rel=next.
 */
export interface Neighbours {
  previous: Link | null;
  next: Link | null;
  pagination: { previous: string | null; next: string | null };
}

const PREVIOUS_LABEL =
  /^(?:[«‹<←]\s*)?(?:article|post|artículo|articolo|artigo|articolul|beitrag|entrada|billet|news)?\s*(?:précédent|precedent|previous|prev|anterior|precedente|vorheriger|voriger|older|ancien)\s*(?:article|post|story|artikel|beitrag|entrada|articolo|artigo)?\s*:?$/i;
const NEXT_LABEL =
  /^(?:article|post|artículo|articolo|artigo|articolul|beitrag|entrada|billet|news)?\s*(?:suivant|next|siguiente|successivo|pr[óo]ximo|nächster|naechster|următor|urmator|newer|nouveau)\s*(?:article|post|story|artikel|beitrag|entrada|articolo|artigo)?\s*:?\s*(?:[»›>→])?$/i;

export function findNeighbours(document: Document, url: string): Neighbours {
  const head = headLinks(document, url);
  const labelled = labelledNeighbours(document, url);
  const previous = labelled.previous ?? relNeighbour(document, url, 'prev') ?? head.adjacentPrevious;
  const next = labelled.next ?? relNeighbour(document, url, 'next') ?? head.adjacentNext;
  const notNeighbour = (href: string | null) => (href && href !== previous?.url && href !== next?.url ? href : null);
  return {
    previous,
    next,
    pagination: { previous: notNeighbour(head.pagePrevious), next: notNeighbour(head.pageNext) },
  };
}

/**
 * WordPress prints `<link rel=next title="Post title">` for the adjacent article
 * and a bare `<link rel=next>` for the next page: the title tells them apart.
 */
function headLinks(document: Document, url: string) {
  const result = {
    adjacentPrevious: null as Link | null,
    adjacentNext: null as Link | null,
    pagePrevious: null as string | null,
    pageNext: null as string | null,
  };
  for (const link of elementsByTag(document, 'link').filter((element) => 'rel' in element.attribs)) {
    const rel = (attr(link, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = resolveLink(attr(link, 'href'), url);
    if (!href) continue;
    const title = cleanInline(attr(link, 'title') ?? '');
    const isPrev = rel.includes('prev') || rel.includes('previous');
    const isNext = rel.includes('next');
    if (!isPrev && !isNext) continue;
    if (title) {
      if (isPrev) result.adjacentPrevious ??= { title, url: href };
      else result.adjacentNext ??= { title, url: href };
    } else if (isPrev) result.pagePrevious ??= href;
    else result.pageNext ??= href;
  }
  return result;
}

/** A label is short: no need to read all of an element wrapping the article to know it is not one. */
const LABEL = { characters: 30, nodes: 50 } as const;

/**
 * Short elements whose whole text is "Article précédent" / "Article suivant" (and kin), with a
 * link beside or around them: the first of each in the page. One pass over the page for both,
 * each candidate's text read once.
 */
function labelledNeighbours(document: Document, url: string): { previous: Link | null; next: Link | null } {
  const found: { previous: Link | null; next: Link | null } = { previous: null, next: null };
  for (const element of $all('span, div, p, strong, b, em, small, h3, h4, h5, h6', document)) {
    if (found.previous && found.next) break;
    if (element.children.length > 3 || !fitsWithin(element, LABEL)) continue;
    const text = cleanInline(textOf(element));
    if (!text || text.length > 30) continue;
    for (const which of ['previous', 'next'] as const) {
      const label = which === 'previous' ? PREVIOUS_LABEL : NEXT_LABEL;
      if (found[which] || !label.test(text)) continue;
      found[which] = neighbourBy(element, url, label);
    }
  }
  return found;
}

/** The link a label element names: the link around it, else another link beside it. */
function neighbourBy(element: Element, url: string, label: RegExp): Link | null {
  if (closest(element, (el) => el.name === 'script' || PAGINATION_CLASS.test(classAndId(el)))) return null;
  const anchor = closest(element, (el) => el.name === 'a');
  if (anchor) return anchorLink(anchor, url, label);
  const container = element.parent;
  if (!container || !isTag(container)) return null;
  const candidate = $all('a[href]', container).find((a) => !a.children.includes(element));
  return (candidate && anchorLink(candidate, url, label)) ?? null;
}

function relNeighbour(document: Document, url: string, rel: 'prev' | 'next'): Link | null {
  for (const anchor of $all(`a[rel~="${rel}"]`, document)) {
    if (closest(anchor, (el) => PAGINATION_CLASS.test(classAndId(el)))) continue;
    const label = rel === 'prev' ? PREVIOUS_LABEL : NEXT_LABEL;
    const link = anchorLink(anchor, url, label);
    if (link) return link;
  }
  return null;
}

function anchorLink(anchor: Element, base: string, label: RegExp): Link | null {
  const url = resolveLink(attr(anchor, 'href'), base);
  if (!url) return null;
  const titled = $one('.post-title, .title, .nav-title', anchor);
  let title = cleanInline(textOf(titled ?? anchor));
  if (!titled) {
    // "Next post Title" inside one anchor: drop the label part.
    for (const part of $all('span, p, small, div', anchor)) {
      const partText = cleanInline(textOf(part));
      if (partText && label.test(partText)) title = cleanInline(title.replace(partText, ''));
    }
  }
  title = title.replace(/^[«‹<←»›>→]\s*|\s*[«‹<←»›>→]$/g, '').trim();
  if (!title || label.test(title)) title = cleanInline(attr(anchor, 'title') ?? '');
  if (!title) return null;
  return { title, url };
}
