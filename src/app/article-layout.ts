import wrapAnsi from 'wrap-ansi';
import type { Article } from '../extract/types.js';

export type LineKind = 'title' | 'meta' | 'heading' | 'body' | 'quote' | 'related' | 'page' | 'link' | 'blank' | 'image' | 'caption';

export interface Line {
  text: string;
  kind: LineKind;
  /** Which block the line belongs to (-1 for the header), to keep the place across re-wraps. */
  block: number;
}

const MAX_MEASURE = 100;

function wrapText(text: string, width: number): string[] {
  // wrap-ansi measures with string-width (wide characters, emoji) and only breaks
  // at ordinary spaces, so non-breaking spaces keep « mots » and « ? » together.
  return wrapAnsi(text, Math.max(10, width), { hard: true, trim: true }).split('\n');
}

/**
 * Glue between a French mark and its word while wrapping: not a space, so the wrapping never
 * breaks there, and one column wide like the space it stands for, which it becomes again after.
 */
const GLUE = '\ue000';

/**
 * French typography whatever spaces the page used: « keeps the next word, and » : ; ! ? keep the
 * previous one. A page that already used no-break or thin spaces is left as it is.
 */
export function frenchSpacing(text: string): string {
  return text.replace(/«[ \t]+/g, `«${GLUE}`).replace(/(\S)[ \t]+(?=[»:;!?])/g, `$1${GLUE}`);
}

const isFrench = (lang: string | null | undefined) => /^fr\b/i.test(lang ?? '');

function formatDate(iso: string | null, locale: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

const cache = new WeakMap<Article, Map<string, Line[]>>();

export interface LayoutOptions {
  /**
   * End with every link the article offers, addresses written out (related, then previous / next):
   * for printed text, where links cannot be followed by a key.
   */
  linkList?: boolean;
  /**
   * End with the related links that no "Lire aussi" line of the text shows (a related-posts box),
   * numbered as the digit keys open them: for the reader's pane.
   */
  boxLinks?: boolean;
  /** Other sources that list the same story, named under the header (the reader's grouped rows). */
  alsoIn?: string[];
  /** One line per paragraph, heading, quote, list item and link: for text piped to another program (grep sees whole paragraphs). */
  unwrapped?: boolean;
}

/**
 * The article laid out in lines for a width: the one layout of the reader's pane and of
 * `kiosque read`. Computed once per article, width and options.
 */
export function layoutArticle(article: Article, width: number, locale = 'en', options: LayoutOptions = {}): Line[] {
  const key = `${width}|${locale}|${options.linkList ? 'links' : ''}|${options.boxLinks ? 'box' : ''}|${options.alsoIn?.join('\u0000') ?? ''}|${options.unwrapped ? 'unwrapped' : ''}`;
  let byWidth = cache.get(article);
  const known = byWidth?.get(key);
  if (known) return known;
  const measure = options.unwrapped ? Infinity : Math.min(width, MAX_MEASURE);
  const lines: Line[] = [];
  const typeset = isFrench(article.lang) ? frenchSpacing : (text: string) => text;
  const wrap = (text: string, columns: number) =>
    typeset === frenchSpacing ? wrapText(typeset(text), columns).map((line) => line.replaceAll(GLUE, ' ')) : wrapText(text, columns);
  const push = (kind: LineKind, texts: string[], block: number, indent = '') => {
    for (const text of texts) lines.push({ text: indent + text, kind, block });
  };
  const blank = (block: number) => lines.push({ text: '', kind: 'blank', block });
  push('title', wrap(article.title, measure), -1);
  const meta = [article.byline, formatDate(article.published, locale), article.section, article.siteName].filter(Boolean).join(' · ');
  if (meta) push('meta', wrap(meta, measure), -1);
  if (options.alsoIn?.length) push('meta', wrap(`Also in: ${options.alsoIn.join(' · ')}`, measure), -1);
  blank(-1);
  article.blocks.forEach((block, index) => {
    switch (block.type) {
      case 'heading':
        push('heading', wrap(block.text, measure), index);
        break;
      case 'paragraph':
        push('body', wrap(block.text, measure), index);
        break;
      case 'quote':
        push('quote', wrap(block.text, measure - 2), index, '│ ');
        break;
      // Code and verse keep their line breaks and spaces; a line wider than the pane is cut into pieces, not lost off the edge.
      case 'preformatted':
        push(
          'body',
          block.text
            .split('\n')
            .flatMap((line) => wrapAnsi(line, Math.max(10, measure), { hard: true, trim: false, wordWrap: false }).split('\n')),
          index,
        );
        break;
      case 'list':
        block.items.forEach((item, itemIndex) => {
          const bullet = block.ordered ? `${itemIndex + 1}. ` : '• ';
          wrap(item, measure - bullet.length).forEach((text, n) =>
            lines.push({ text: (n === 0 ? bullet : ' '.repeat(bullet.length)) + text, kind: 'body', block: index }),
          );
        });
        break;
      // A figure's line where it stood ("[image: alt or caption]"), its caption under it as a caption.
      case 'image': {
        const label = block.alt || block.caption;
        push('image', wrap(label ? `[image: ${label}]` : '[image]', measure), index);
        if (block.alt && block.caption) push('caption', wrap(block.caption, measure - 2), index, '  ');
        break;
      }
      case 'related': {
        const link = article.related[block.index];
        push('related', wrap(`[${block.index + 1}] ${block.text || link?.title || ''}`, measure), index);
        break;
      }
      // Where the next page of a multi-page article begins: a quiet rule, not a heading of the text.
      case 'page':
        push('page', block.text.length + 10 <= measure ? [pageRule(block.text, measure)] : wrap(block.text, measure), index);
        break;
    }
    blank(index);
  });
  if (options.boxLinks) pushBoxLinks(article, measure, lines);
  if (options.linkList) pushLinkList(article, measure, lines);
  if (!byWidth) {
    byWidth = new Map();
    cache.set(article, byWidth);
  }
  byWidth.set(key, lines);
  return lines;
}

/** The related links no line of the text shows, numbered as their digit opens them. */
function pushBoxLinks(article: Article, measure: number, lines: Line[]): void {
  const shown = new Set(article.blocks.flatMap((block) => (block.type === 'related' ? [block.index] : [])));
  const box = article.related.map((link, index) => ({ link, index })).filter(({ index }) => !shown.has(index));
  if (box.length === 0) return;
  const block = article.blocks.length;
  lines.push({ text: 'Related', kind: 'heading', block });
  for (const { link, index } of box) {
    for (const text of wrapText(`[${index + 1}] ${link.title || link.url}`, measure)) lines.push({ text, kind: 'related', block });
  }
  lines.push({ text: '', kind: 'blank', block });
}

/** Addresses are written whole, never wrapped, so that they can be copied. */
function pushLinkList(article: Article, measure: number, lines: Line[]): void {
  const block = article.blocks.length;
  const push = (text: string) => lines.push({ text, kind: 'link', block });
  if (article.related.length) {
    push('Related:');
    article.related.forEach((link, index) => {
      for (const text of wrapText(`[${index + 1}] ${link.title}`, measure - 2)) push(`  ${text}`);
      push(`      ${link.url}`);
    });
    lines.push({ text: '', kind: 'blank', block });
  }
  for (const [label, link] of [
    ['Previous', article.previous],
    ['Next', article.next],
  ] as const) {
    if (!link) continue;
    for (const text of wrapText(`${label}: ${link.title}`, measure)) push(text);
    push(`  ${link.url}`);
  }
  // The page that could not be read, to be opened by hand.
  if (article.missingPage) {
    push(`Missing page ${article.missingPage.number}:`);
    push(`  ${article.missingPage.url}`);
  }
}

/** The first line of the block that was at the top, in a new layout. */
export function remapScroll(oldLines: Line[], scroll: number, newLines: Line[]): number {
  const anchor = oldLines[scroll];
  if (!anchor || anchor.block < 0) return 0;
  let firstOfBlock = oldLines.findIndex((line) => line.block === anchor.block);
  const offset = Math.max(0, scroll - firstOfBlock);
  firstOfBlock = newLines.findIndex((line) => line.block === anchor.block);
  if (firstOfBlock < 0) return 0;
  const blockLength = newLines.filter((line) => line.block === anchor.block).length;
  return firstOfBlock + Math.min(offset, Math.max(0, blockLength - 1));
}

/** "──── page 2 of 3 ────" across the measure. */
function pageRule(label: string, measure: number): string {
  const room = Math.max(0, measure - label.length - 2);
  const left = Math.min(4, Math.floor(room / 2));
  return `${'─'.repeat(left)} ${label} ${'─'.repeat(room - left)}`;
}
