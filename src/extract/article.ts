import { buildBlocks } from './blocks.js';
import { findContent, stripBoilerplate } from './content.js';
import { parseHtml } from '../html/dom.js';
import { readMetadata } from './metadata.js';
import { findNeighbours } from './navigation.js';
import { findRelatedBoxes } from './related.js';
import type { Article, Block, RelatedLink } from './types.js';

/**
 * Reads an article out of a web page: metadata, the body as plain-text blocks,
 * related links ("Lire aussi"), the previous / next articles and pagination.
 * Pure: no network, no globals; the same HTML and URL give the same Article.
 */
export function extractArticle(html: string, url: string): Article {
  const document = parseHtml(html);
  // Links and metadata first: they live in the parts of the page the body leaves out.
  const metadata = readMetadata(document, url);
  const neighbours = findNeighbours(document, url);
  const boxes = findRelatedBoxes(document, url);

  stripBoilerplate(document);
  const content = findContent(document);
  const { blocks, related: inline } = buildBlocks(content, {
    baseUrl: url,
    title: metadata.title,
    titleElement: metadata.titleElement,
  });

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
    related: mergeRelated(inline, boxes, url),
    previous: neighbours.previous,
    next: neighbours.next,
    pagination: neighbours.pagination,
    wordCount: countWords(blocks),
  };
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
    .filter((block) => block.type !== 'related' && block.type !== 'image')
    .map((block) => (block.type === 'list' ? block.items.join('\n') : block.text))
    .join('\n');
}

function countWords(blocks: Block[]): number {
  return articleText({ blocks }).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
