import { readAccessSigns, judgeAccess } from './access.js';
import { buildBlocks } from './blocks.js';
import { stripBoilerplate } from './boilerplate.js';
import { findContent } from './content.js';
import { TextMeasure } from './text-measure.js';
import { attr, type Document, parseHtml, removeNode, resolveLink, textOf } from '../html/dom.js';
import { cleanInline } from '../text/sanitize.js';
import { countWords as wordsIn } from '../text/words.js';
import { readMetadata } from './metadata.js';
import { findNeighbours, type Neighbours } from './navigation.js';
import { findPagination, notAPage } from './pagination.js';
import { findRelatedBoxes } from './related.js';
import { matchRule, type SiteRule } from './site-rules.js';
import { candidate, Trace, type Diagnosis } from './trace.js';
import type { Article, Block, Link, RelatedLink } from './types.js';

export interface ExtractOptions {
  /** The sites.json rule for this page's host (src/extract/site-rules.ts ruleFor), applied before the heuristics. */
  siteRule?: SiteRule | undefined;
  /** Filled with how the page was read (kiosque doctor). */
  trace?: Trace | undefined;
}

/**
 * Reads an article out of a web page: metadata, the body as plain-text blocks,
 * related links ("Lire aussi"), the previous / next articles and pagination.
 * Pure: no network, no globals; the same HTML, URL and rule give the same Article.
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const { siteRule, trace } = options;
  const document = parseHtml(html);
  // Links and metadata first: they live in the parts of the page the body leaves out.
  const metadata = readMetadata(document, url);
  const neighbours = withRuleNeighbours(findNeighbours(document, url), document, url, siteRule, trace);
  const pagination = findPagination(document, url, neighbours.pagination);
  const boxes = siteRule?.related ? ruleLinks(document, siteRule.related, url) : findRelatedBoxes(document, url);
  // Paywall prompts and consent managers sit in what stripBoilerplate takes out: looked for first.
  const signs = readAccessSigns(document);

  if (trace && siteRule) trace.diagnosis.siteRule = siteRule.host;
  for (const element of matchRule(siteRule?.remove, document)) {
    trace?.drop(element, `sites.json ${siteRule!.host}: remove`, 'site rule');
    removeNode(element);
  }
  const ruled = matchRule(siteRule?.content, document);
  // One measure of the page's text for stripping, scoring and building blocks (each keeps it true).
  const measure = new TextMeasure();
  if (!ruled.length) stripBoilerplate(document, trace, false, measure);
  const content = ruled.length ? ruled : findContent(document, trace, measure);
  if (trace && ruled.length) {
    trace.diagnosis.method = 'site rule';
    trace.diagnosis.container = candidate(ruled[0]!, 0);
    trace.diagnosis.alsoTaken = ruled.slice(1).map((element) => candidate(element, 0));
  }
  let built = buildBlocks(content, {
    baseUrl: url,
    title: metadata.title,
    titleElement: metadata.titleElement,
    trace,
    measure,
  });
  if (!hasText(built.blocks) && !ruled.length) built = readLeniently(html, url, metadata, trace) ?? built;
  const access = judgeAccess(signs, built.blocks);
  // A consent form read as if it were the article is not the article.
  const blocks = access.verdict === 'consent' ? [] : built.blocks;
  const related = mergeRelated(built.related, boxes, url);
  if (trace) {
    trace.diagnosis.access = access;
    explainLinks(trace, related, boxes, neighbours, siteRule);
  }

  return {
    url,
    canonicalUrl: metadata.canonicalUrl,
    title: metadata.title,
    byline: metadata.byline,
    published: metadata.published,
    section: metadata.section,
    siteName: metadata.siteName,
    lang: metadata.lang,
    description: metadata.description,
    blocks,
    related,
    // Page 2 of this article is never its next article (extract/pagination.ts).
    previous: notAPage(neighbours.previous, url, pagination),
    next: notAPage(neighbours.next, url, pagination),
    pagination,
    wordCount: countWords(blocks),
    access: access.verdict,
  };
}

/**
 * The last resort for a page where nothing was read (class 8): parsed again, with only what can
 * never be text taken out (hidden blocks and unlikely class names stay: a slideshow hidden until
 * a script shows it, an article inside a wrapper named "comments-and-story").
 */
function readLeniently(
  html: string,
  url: string,
  metadata: ReturnType<typeof readMetadata>,
  trace: Trace | undefined,
): ReturnType<typeof buildBlocks> | undefined {
  const document = parseHtml(html);
  const measure = new TextMeasure();
  stripBoilerplate(document, undefined, true, measure);
  // The title element of the first parse is not in this one: the title is left out by its text.
  const content = findContent(document, undefined, measure);
  const built = buildBlocks(content, { baseUrl: url, title: metadata.title, titleElement: undefined, measure });
  if (!hasText(built.blocks)) return undefined;
  trace?.note('nothing was read at first: read again keeping hidden blocks and unlikely class names');
  if (trace) trace.diagnosis.method = 'recovery';
  return built;
}

/** Whether any block holds text: pictures alone are no article. */
function hasText(blocks: Block[]): boolean {
  return blocks.some((block) => block.type !== 'image');
}

/** The article and how it was read (kiosque doctor). */
export function diagnoseArticle(html: string, url: string, siteRule?: SiteRule): { article: Article; diagnosis: Diagnosis } {
  const trace = new Trace();
  const article = extractArticle(html, url, { siteRule, trace });
  return { article, diagnosis: trace.diagnosis };
}

/** The links a site rule's selectors point at: the elements themselves when they are links, else the links inside them. */
function ruleLinks(document: Document, selectors: string[], base: string): RelatedLink[] {
  const out: RelatedLink[] = [];
  const seen = new Set<string>();
  for (const element of matchRule(selectors, document)) {
    const anchors = element.name === 'a' ? [element] : matchRule(['a[href]'], element);
    for (const anchor of anchors) {
      const url = resolveLink(attr(anchor, 'href'), base);
      const title = cleanInline(textOf(anchor)) || cleanInline(attr(anchor, 'title') ?? '');
      if (!url || !title || seen.has(url) || url === base) continue;
      seen.add(url);
      out.push({ title, url });
    }
  }
  return out;
}

function withRuleNeighbours(
  found: Neighbours,
  document: Document,
  url: string,
  rule: SiteRule | undefined,
  trace: Trace | undefined,
): Neighbours {
  if (!rule?.previous && !rule?.next) return found;
  const first = (selectors: string[] | undefined): Link | null => (selectors ? (ruleLinks(document, selectors, url)[0] ?? null) : null);
  const previous = rule.previous ? first(rule.previous) : found.previous;
  const next = rule.next ? first(rule.next) : found.next;
  if (trace && rule.previous && !previous) trace.note(`sites.json ${rule.host}: previous matched no link on this page`);
  if (trace && rule.next && !next) trace.note(`sites.json ${rule.host}: next matched no link on this page`);
  return { ...found, previous, next };
}

function explainLinks(
  trace: Trace,
  related: RelatedLink[],
  boxes: RelatedLink[],
  neighbours: Neighbours,
  rule: SiteRule | undefined,
): void {
  const links = trace.diagnosis.links;
  const boxUrls = new Set(boxes.map((link) => link.url));
  for (const link of related) {
    const why = link.label
      ? `an inline "${link.label}" line in the body`
      : rule?.related
        ? `sites.json ${rule.host}: related (${rule.related.join(', ')})`
        : boxUrls.has(link.url)
          ? 'a related-posts box of a known theme or plugin'
          : 'related';
    links.push({ kind: 'related', url: link.url, title: link.title, why });
  }
  const neighbourWhy = (kind: 'previous' | 'next') =>
    rule?.[kind]
      ? `sites.json ${rule.host}: ${kind} (${rule[kind].join(', ')})`
      : 'a labelled or rel link to the neighbouring article (navigation.ts)';
  if (neighbours.previous)
    links.push({ kind: 'previous', url: neighbours.previous.url, title: neighbours.previous.title, why: neighbourWhy('previous') });
  if (neighbours.next) links.push({ kind: 'next', url: neighbours.next.url, title: neighbours.next.title, why: neighbourWhy('next') });
  for (const [direction, url] of Object.entries(neighbours.pagination)) {
    if (url)
      links.push({
        kind: 'pagination',
        url,
        why: `the ${direction} page of this same article (rel=${direction === 'previous' ? 'prev' : 'next'} without a title, or a pager)`,
      });
  }
}

function mergeRelated(inline: RelatedLink[], boxes: RelatedLink[], pageUrl: string): RelatedLink[] {
  const seen = new Set(inline.map((link) => link.url));
  const out = [...inline];
  for (const link of boxes) {
    if (seen.has(link.url) || link.url === pageUrl) continue;
    seen.add(link.url);
    out.push(link);
  }
  return out;
}

/** The article's text as plain paragraphs, as a reader (or a benchmark) reads it. */
export function articleText(article: Pick<Article, 'blocks'>): string {
  return article.blocks
    .filter((block) => block.type !== 'related' && block.type !== 'image' && block.type !== 'page')
    .map((block) => (block.type === 'list' ? block.items.join('\n') : block.text))
    .join('\n');
}

/**
 * The words of articleText, counted block by block (and item by item) without joining the article's
 * text into one string: the line breaks it would join them with part words anyway.
 */
function countWords(blocks: Block[]): number {
  let count = 0;
  for (const block of blocks) {
    if (block.type === 'list') for (const item of block.items) count += wordsIn(item);
    else if (block.type !== 'related' && block.type !== 'image' && block.type !== 'page') count += wordsIn(block.text);
  }
  return count;
}
