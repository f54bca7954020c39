import { cleanInline } from '../text/sanitize.js';
import { $all, attr, type Document, type Element, elementsByTag, firstOfEach, relsOf, resolveLink, squash, textOf } from '../html/dom.js';
import { JsonLd, stringOf } from '../html/jsonld.js';
import { metadataCandidates } from './metadata-candidates.js';
import { cleanMetaText as clean, meta, siteNameOf } from '../html/meta.js';
import { normalizeDate } from '../text/dates.js';
import { isWebUrl } from '../text/url.js';

export interface Metadata {
  title: string;
  /** The element the title was read from, so the body can leave it out. */
  titleElement: Element | undefined;
  byline: string | null;
  published: string | null;
  section: string | null;
  siteName: string | null;
  lang: string | null;
  description: string | null;
  canonicalUrl: string | null;
}

export function readMetadata(document: Document, url: string): Metadata {
  const ld = new JsonLd(document);
  const article = ld.article();
  const titleTag = elementsByTag(document, 'title')[0];
  const docTitle = (titleTag ? clean(textOf(titleTag)) : undefined) ?? '';
  const siteName = siteNameOf(document, ld);

  const { title, element: titleElement } = chooseTitle(
    document,
    docTitle,
    [clean(stringOf(article?.['headline'])), clean(meta(document, 'og:title', 'twitter:title'))],
    siteName,
  );

  const canonicalHref = elementsByTag(document, 'link').find((link) => relsOf(link).includes('canonical'));
  const canonicalUrl = resolveLink(canonicalHref ? attr(canonicalHref, 'href') : meta(document, 'og:url'), url) ?? null;
  const htmlElement = elementsByTag(document, 'html')[0];
  const lang =
    (htmlElement && attr(htmlElement, 'lang')?.trim()) || meta(document, 'og:locale', 'content-language')?.replace('_', '-') || null;

  return {
    title,
    titleElement,
    byline: chooseByline(document, ld, article),
    published: chooseDate(document, article),
    section: chooseSection(document, ld, article),
    siteName,
    lang: lang ? cleanInline(lang) : null,
    description: clean(meta(document, 'description', 'og:description', 'twitter:description')) ?? null,
    canonicalUrl,
  };
}

function normalizedForCompare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

/**
 * The headline as shown on the page (an <h1>/<h2>), chosen because it agrees
 * with the metadata title or the <title>; metadata titles often carry a site
 * suffix or escaped entities, and pages often have several h1s (logo, widgets).
 */
function chooseTitle(
  document: Document,
  docTitle: string,
  metaTitles: Array<string | undefined>,
  siteName: string | null,
): { title: string; element: Element | undefined } {
  const references = [...metaTitles, docTitle].filter((text): text is string => Boolean(text)).map(normalizedForCompare);
  const site = siteName ? normalizedForCompare(siteName) : '';
  let best: { title: string; element: Element; score: number } | undefined;
  for (const heading of elementsByTag(document, 'h1', 'h2')) {
    const text = cleanInline(textOf(heading));
    const normalized = normalizedForCompare(text);
    if (normalized.length < 8 || normalized === site) continue;
    let score = 0;
    for (const reference of references) {
      if (reference === normalized) score = Math.max(score, 3);
      else if (reference.includes(normalized) && normalized.length > reference.length * 0.4) score = Math.max(score, 2);
    }
    if (score === 0) continue;
    if (heading.name === 'h1') score += 0.5;
    if (!best || score > best.score) best = { title: text, element: heading, score };
  }
  if (best) return { title: best.title, element: best.element };
  const fromMeta = metaTitles.find((text): text is string => Boolean(text));
  if (fromMeta) return { title: fromMeta, element: undefined };
  const h1s = elementsByTag(document, 'h1')
    .map((h1) => cleanInline(textOf(h1)))
    .filter((text) => text.length >= 8);
  if (h1s.length === 1 && h1s[0]) return { title: h1s[0], element: undefined };
  if (docTitle) return { title: stripSiteSuffix(docTitle, siteName), element: undefined };
  // No title anywhere: the page's first heading, however short.
  const heading = elementsByTag(document, 'h1', 'h2')
    .map((element) => cleanInline(textOf(element)))
    .find(Boolean);
  return { title: heading ?? '', element: undefined };
}

function stripSiteSuffix(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|–—·»:-]\s+/);
  if (parts.length < 2) return title;
  const site = siteName ? normalizedForCompare(siteName) : '';
  const kept = parts.filter((part) => normalizedForCompare(part) !== site);
  const longest = kept.reduce((a, b) => (b.length > a.length ? b : a), '');
  return longest || title;
}

const BYLINE_PREFIX = /^(?:by|par|von|por|di|de|door|autor(?:e|a)?|author|written by|écrit par)\s*:?\s+/i;

function chooseByline(document: Document, ld: JsonLd, article: Record<string, unknown> | undefined): string | null {
  const fromLd = ld
    .names(article?.['author'])
    .map((name) => cleanInline(name))
    // A name, as a page's byline must be: not a biography or an address put in the name's place.
    .filter((name) => name && name.length < 80 && !isWebUrl(name));
  if (fromLd.length) return fromLd.join(', ');
  const fromMeta = clean(meta(document, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator'));
  if (fromMeta && !isWebUrl(fromMeta)) return fromMeta;
  // Links count only inside a byline or an author block (extract/metadata-candidates.ts).
  const [itemprop, rel, byline, authorName, sentence] = firstOfEach(metadataCandidates(document).byline, [
    '[itemprop="author"] [itemprop="name"]',
    '[rel="author"]',
    '.byline .author, .byline a, .byline',
    '.author-name, .td-post-author-name a, .post-author a, .entry-author a',
    '.postmetadata, .post-meta, .entry-meta, .meta',
  ]);
  for (const element of [itemprop, rel, byline, authorName]) {
    const text = element && cleanInline(attr(element, 'content') ?? textOf(element)).replace(BYLINE_PREFIX, '');
    if (text && text.length < 80) return text;
  }
  // Classic WordPress themes put it in a sentence: "publié le ... par Odile Schaller et ...".
  const match = sentence && /\b(?:par|by|von|por)\s+(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){0,3})/u.exec(squash(textOf(sentence)));
  return match?.[1] ?? null;
}

function chooseDate(document: Document, article: Record<string, unknown> | undefined): string | null {
  const candidates: string[] = [];
  const push = (value: string | undefined) => {
    if (value) candidates.push(value.trim());
  };
  push(stringOf(article?.['datePublished']));
  push(
    meta(
      document,
      'article:published_time',
      'datePublished',
      'pubdate',
      'publishdate',
      'date',
      'dc.date.issued',
      'dc.date',
      'sailthru.date',
      'parsely-pub-date',
    ),
  );
  for (const time of elementsByTag(document, 'time')
    .filter((element) => 'datetime' in element.attribs)
    .slice(0, 3)) {
    push(attr(time, 'datetime'));
  }
  const dates = candidates.map((raw) => normalizeDate(raw)).filter((date): date is NonNullable<typeof date> => date !== null);
  const first = dates[0];
  if (!first) return null;
  // Prefer the same instant written in the site's own time zone (metadata is often UTC).
  const local = dates.find((date) => date.epoch === first.epoch && date.hasLocalOffset);
  return (local ?? first).iso;
}

function chooseSection(document: Document, ld: JsonLd, article: Record<string, unknown> | undefined): string | null {
  const crumbs = breadcrumb(document, ld);
  if (crumbs) return crumbs;
  const fromLd = clean(stringOf(article?.['articleSection']));
  if (fromLd) return fromLd;
  const fromMeta = clean(meta(document, 'article:section', 'section'));
  if (fromMeta) return fromMeta;
  const [category] = firstOfEach(metadataCandidates(document).category, [
    'a[rel~="category"], .cat-links a, .post-categories a, .entry-category a',
  ]);
  return category ? cleanInline(textOf(category)) || null : null;
}

const HOME = /^(?:accueil|home|startseite|inicio|início|home page|pagina iniziale|acasă|homepage)$/i;

function breadcrumb(document: Document, ld: JsonLd): string | null {
  const list = ld.ofType(/^BreadcrumbList$/)[0];
  const items = Array.isArray(list?.['itemListElement']) ? (list['itemListElement'] as Array<Record<string, unknown>>) : [];
  const names = items
    .filter((item) => item && typeof item === 'object' && item['item'] !== undefined)
    .map((item) => clean(stringOf(item['name']) ?? stringOf((item['item'] as Record<string, unknown> | undefined)?.['name'])))
    .filter((name): name is string => Boolean(name) && !HOME.test(name ?? ''));
  if (names.length) return names[names.length - 1] ?? null;

  const [trail] = firstOfEach(metadataCandidates(document).breadcrumb, [
    '.entry-crumbs, .breadcrumb, .breadcrumbs, nav[aria-label*="breadcrumb" i], [itemtype*="BreadcrumbList"]',
  ]);
  if (!trail) return null;
  const linked = $all('a', trail)
    .map((link) => cleanInline(textOf(link)))
    .filter((text) => text && !HOME.test(text));
  return linked[linked.length - 1] ?? null;
}
