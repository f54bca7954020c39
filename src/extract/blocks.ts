import { cleanInline, cleanMultiline } from '../text/sanitize.js';
import { $all, $one, type AnyNode, classAndId, type Element, isBlock, isTag, isText, squash, textOf } from '../html/dom.js';
import { ARTICLE_BODY_CLASS, FURNITURE_CLASS, FURNITURE_LINE, SKIPPED_TAGS, SOCIAL_EMBED_CLASS } from '../html/furniture.js';
import { fitsWithin } from './bounded.js';
import { linkDensity, TextMeasure } from './content.js';
import { matchInlineRelated } from './related.js';
import { webUrl } from '../text/url.js';
import type { Block, RelatedLink } from './types.js';

export interface BlockBuilderOptions {
  baseUrl: string;
  title: string;
  titleElement: Element | undefined;
}

export interface BuiltBlocks {
  blocks: Block[];
  related: RelatedLink[];
}

export function buildBlocks(content: Element[], options: BlockBuilderOptions): BuiltBlocks {
  const builder = new BlockBuilder(options);
  for (const element of content) builder.visit(element);
  builder.flush();
  return { blocks: builder.blocks, related: builder.related };
}

class BlockBuilder {
  readonly blocks: Block[] = [];
  readonly related: RelatedLink[] = [];
  /** Where each related link's address is in `related`: a page of 16,000 "Lire aussi" lines must not search 16,000 times. */
  private readonly relatedIndex = new Map<string, number>();
  private inline: string[] = [];
  /** Building blocks reads the DOM and never changes it: lengths are measured once. */
  private readonly measure = new TextMeasure();
  private readonly titleKey: string;

  constructor(private readonly options: BlockBuilderOptions) {
    this.titleKey = squash(options.title).toLowerCase();
  }

  visit(node: AnyNode): void {
    if (isText(node)) {
      this.inline.push(node.data);
      return;
    }
    if (!isTag(node)) return;
    const name = node.name;
    // A "Read more: <a>" line may carry a class that otherwise marks furniture.
    if ((name === 'p' || name === 'div') && node !== this.options.titleElement && this.tryRelated(node, true)) return;
    if (IMAGE_TAGS.has(name) && !this.isSkipped(node, false)) {
      this.image(node);
      return;
    }
    if (this.isSkipped(node)) return;
    if (name === 'br') {
      this.inline.push('\n');
      return;
    }
    if (!isBlock(node)) {
      for (const child of node.children) this.visit(child);
      return;
    }
    this.flush();
    if (/^h[1-6]$/.test(name)) {
      if (this.tryRelated(node)) return;
      const text = cleanInline(textOf(node));
      if (text && squash(text).toLowerCase() !== this.titleKey) this.blocks.push({ type: 'heading', level: Number(name[1]), text });
      return;
    }
    switch (name) {
      case 'p':
        this.paragraph(node);
        return;
      case 'pre': {
        const text = cleanMultiline(textOf(node));
        if (text) this.blocks.push({ type: 'preformatted', text });
        return;
      }
      case 'blockquote': {
        if (SOCIAL_EMBED_CLASS.test(classAndId(node)) && $one('p, div', node)) return;
        const paragraphs = $all('p', node);
        const text =
          paragraphs.length > 1
            ? paragraphs
                .map((p) => cleanInline(textOf(p)))
                .filter(Boolean)
                .join('\n')
            : cleanInline(textOf(node));
        if (text) this.blocks.push({ type: 'quote', text });
        return;
      }
      case 'ul':
      case 'ol':
        this.list(node);
        return;
      case 'table':
        // The first nested block answers: 100,000 nested tables must not each list all those below them.
        if ($one('p, div, table', node)) break;
        for (const row of $all('tr', node)) {
          const cells = row.children
            .filter(isTag)
            .map((cell) => cleanInline(textOf(cell)))
            .filter(Boolean);
          if (cells.length) this.blocks.push({ type: 'paragraph', text: cells.join(' | ') });
        }
        return;
      default:
        if (name !== 'article' && name !== 'main' && name !== 'body' && this.isLinkFarm(node)) return;
    }
    for (const child of node.children) this.visit(child);
    this.flush();
  }

  /** Emits the inline text gathered so far (text directly inside divs, split on blank lines). */
  flush(): void {
    if (this.inline.length === 0) return;
    const raw = this.inline.join('');
    this.inline = [];
    for (const chunk of raw.split(/\n\s*\n/)) this.pushParagraph(cleanInline(chunk));
  }

  private paragraph(node: Element): void {
    const parts = textOf(node).split(/\n\s*\n/);
    for (const part of parts) this.pushParagraph(cleanInline(part));
  }

  private pushParagraph(text: string): void {
    if (!text || FURNITURE_LINE.test(text)) return;
    if (squash(text).toLowerCase() === this.titleKey) return;
    this.blocks.push({ type: 'paragraph', text });
  }

  private list(node: Element): void {
    const items = node.children
      .filter((child): child is Element => isTag(child) && child.name === 'li')
      .map((item) => cleanInline(textOf(item)))
      .filter(Boolean);
    if (items.length === 0) return;
    const text = items.join(' ');
    // A list that is mostly links is a menu or a list of other articles.
    if (linkDensity(node, text.length, this.measure) > 0.6 && items.every((item) => item.length < 120)) return;
    this.blocks.push({ type: 'list', ordered: node.name === 'ol', items });
  }

  private tryRelated(node: Element, onlyIfSmall = false): boolean {
    // Asked of every p and div on the way down: a look at the first few hundred characters and
    // nodes says no for any container, instead of reading its whole text (quadratic in depth).
    if (!mayBeRelatedLine(node, onlyIfSmall)) return false;
    const match = matchInlineRelated(node, this.options.baseUrl);
    if (!match) return false;
    let index = this.relatedIndex.get(match.link.url);
    if (index === undefined) {
      index = this.related.length;
      this.relatedIndex.set(match.link.url, index);
      this.related.push({ ...match.link, label: match.label });
    }
    this.blocks.push({ type: 'related', index, text: match.text });
    return true;
  }

  private isSkipped(element: Element, byTag = true): boolean {
    if (element === this.options.titleElement) return true;
    if (byTag && SKIPPED_TAGS.has(element.name)) return true;
    const names = classAndId(element);
    return names !== '' && FURNITURE_CLASS.test(names) && !ARTICLE_BODY_CLASS.test(names);
  }

  /**
   * A figure, picture or image of the body, kept as an image block where it stood (its pixels are
   * not drawn: the reader shows a line for it and opens it in the browser). A figure is kept with
   * whatever it says of itself; a lone image only when its alt text says something (alt="" is a
   * decorative image, per HTML), and never a tracking pixel. No text of the article comes from it.
   */
  private image(node: Element): void {
    const img = node.name === 'img' ? node : $one('img', node);
    const figcaption = node.name === 'figure' ? $one('figcaption', node) : null;
    const caption = figcaption ? cleanInline(textOf(figcaption)) : '';
    if (!img && !caption) return;
    const alt = img ? cleanInline(img.attribs['alt'] ?? '') : '';
    if (node.name !== 'figure' && !alt) return;
    // A picture inside running text (an emoticon between two sentences) is left out as before: the text stays one paragraph.
    if (node.name !== 'figure' && this.inline.join('').trim()) return;
    if (img && (img.attribs['width'] === '1' || img.attribs['height'] === '1')) return;
    const source = img ? (img.attribs['src'] ?? img.attribs['data-src'] ?? firstOfSrcset(img.attribs['srcset'])) : undefined;
    this.flush();
    this.blocks.push({ type: 'image', alt, caption, src: webUrl(source, this.options.baseUrl) ?? null });
  }

  /** A container that is mostly links (a tag cloud, a list of other articles). */
  private isLinkFarm(element: Element): boolean {
    const length = this.measure.length(element);
    // Empty of text: nothing to read, unless it holds a picture (kept as an image block, see image()).
    if (length === 0) return !$one('img', element);
    return linkDensity(element, length, this.measure) > 0.5 && length < 1000;
  }
}

/** Elements kept as image blocks (see BlockBuilder.image): SKIPPED_TAGS skips them otherwise, with their captions. */
const IMAGE_TAGS: ReadonlySet<string> = new Set(['figure', 'picture', 'img']);

/** The first address of a srcset ("a.jpg 1x, b.jpg 2x"). */
function firstOfSrcset(srcset: string | undefined): string | undefined {
  return srcset?.trim().split(/\s+/)[0];
}

/** A "Lire aussi" line is at most this long (src/extract/related.ts) and a few elements deep. */
const RELATED_LINE = { characters: 400, nodes: 200 } as const;

/** Small enough to be a related-article line; `single`: with at most one p, div or li inside. */
function mayBeRelatedLine(element: Element, single: boolean): boolean {
  return fitsWithin(element, single ? { ...RELATED_LINE, nestedBlocks: 1 } : RELATED_LINE);
}
