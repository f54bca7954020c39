import { UNREAD_TAGS } from '../html/blocks.js';
import { cleanInline, cleanMultiline } from '../text/sanitize.js';
import { $all, $one, type AnyNode, classAndId, type Element, isBlock, isTag, isText, squash, textOf } from '../html/dom.js';
import {
  ARTICLE_BODY_CLASS,
  COPYRIGHT_LINE,
  FURNITURE_CLASS,
  NEGATIVE_CLASS,
  FURNITURE_LINE,
  SKIPPED_TAGS,
  SOCIAL_EMBED_CLASS,
} from '../html/furniture.js';
import { fitsWithin } from './bounded.js';
import { classWeight, roleNames } from './boilerplate.js';
import { linkDensity, TextMeasure } from './text-measure.js';
import { matchInlineRelated } from './related.js';
import { webUrl } from '../text/url.js';
import type { Block, RelatedLink } from './types.js';

import type { BlockBuilderOptions } from './blocks.js';

/**
 * The walk over the chosen body that makes the article's blocks (paragraphs, headings, lists, quotes,
 * pictures, related lines), leaving out page furniture: src/extract/blocks.ts drives it, and reads the
 * body again with fewer rules when it left too little (recovery).
 */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  readonly related: RelatedLink[] = [];
  /** Where each related link's address is in `related`: a page of 16,000 "Lire aussi" lines must not search 16,000 times. */
  private readonly relatedIndex = new Map<string, number>();
  private inline: string[] = [];
  private readonly counts = new TagCounts();
  private readonly titleKey: string;
  /** How many data tables the walk is inside: their rows and cells are records, never link farms. */
  private dataTables = 0;
  /** How many parts were left out for their class or id names or by the conditional cleaning: what a recovery pass would give back. */
  ruleDrops = 0;

  /**
   * `measure`: building blocks reads the DOM and never changes it, so lengths are measured once
   * (and shared by a second pass). `total`: the body's text length, for the guard on removals.
   * `byClass`: whether class and id names may drop a part of the body.
   */
  constructor(
    private readonly options: BlockBuilderOptions,
    private readonly measure: TextMeasure,
    private readonly total: number,
    private readonly byClass: boolean,
    /** The body's own containers, which the conditional cleaning never drops. */
    private readonly roots: ReadonlySet<Element>,
    /** Whether Readability's conditional cleaning (teaser rails, galleries, forms) applies. */
    private readonly conditional = byClass,
  ) {
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
    // A table an editor wrapped in a <figure> is read as text (class 6); other figures are pictures.
    if (name === 'figure' && this.figureText(node)) return;
    if (IMAGE_TAGS.has(name) && !this.skipReason(node, false)) {
      this.image(node);
      return;
    }
    const skipped = this.skipReason(node);
    if (skipped) {
      if (skipped !== 'title') this.options.trace?.drop(node, skipped, 'body');
      return;
    }
    if (name === 'br') {
      this.inline.push('\n');
      return;
    }
    if (!isBlock(node)) {
      this.visitChildren(node);
      return;
    }
    this.flush();
    // A div of bare text and inline links, or around one paragraph with few links, is a paragraph
    // (Readability turns it into a <p> before scoring): judged as prose, not as a box of teasers.
    if (
      this.conditional &&
      this.dataTables === 0 &&
      CONDITIONAL_TAGS.has(name) &&
      !this.roots.has(node) &&
      !this.isParagraphDiv(node) &&
      !isDataTable(node)
    ) {
      const reason = this.conditionalReason(node);
      if (reason) {
        this.ruleDrops++;
        this.options.trace?.drop(node, reason, 'body');
        return;
      }
    }
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
        // An embedded post (a tweet) is quoted text of the article, its author and date line included (class 7).
        if (SOCIAL_EMBED_CLASS.test(classAndId(node))) {
          const text = cleanInline(textOf(node));
          if (text) this.blocks.push({ type: 'quote', text });
          return;
        }
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
        // A list misused as a wrapper (paragraphs straight inside a <ul>, no <li>: hand-written
        // markup a browser shows as plain paragraphs) is read as what it holds.
        if (node.children.some((child) => isTag(child) && child.name === 'li')) {
          this.list(node);
          return;
        }
        // Links straight inside a list are a menu or a rail however they are marked up.
        if (this.dropsLinkFarm(node)) return;
        break;
      case 'table':
        // The first nested block answers: 100,000 nested tables must not each list all those below them.
        if ($one('p, div, table', node)) {
          // A data table is read row by row: a row of links (a list of films, each a link to its
          // page) is a record of the table, not a menu.
          if (!isDataTable(node)) break;
          this.dataTables++;
          this.visitChildren(node);
          this.dataTables--;
          this.flush();
          return;
        }
        for (const row of $all('tr', node)) {
          const cells = row.children
            .filter(isTag)
            .map((cell) => cleanInline(textOf(cell)))
            .filter(Boolean);
          if (cells.length) this.blocks.push({ type: 'paragraph', text: cells.join(' | ') });
        }
        return;
      default:
        if (
          name !== 'article' &&
          name !== 'main' &&
          name !== 'body' &&
          !(this.dataTables > 0 && TABLE_PARTS.has(name)) &&
          this.dropsLinkFarm(node)
        )
          return;
    }
    this.visitChildren(node);
    this.flush();
  }

  /** Indexed: a for-of allocated an iterator result per child of every element walked (see text-measure.ts). */
  private visitChildren(node: Element): void {
    const children = node.children;
    for (let i = 0; i < children.length; i++) this.visit(children[i]!);
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
    if (!text) return;
    if (FURNITURE_LINE.test(text)) {
      this.options.trace?.dropLine(text, 'a whole line of page furniture ("Advertisement", "Read more", "Share this")');
      return;
    }
    if (text.length < 120 && COPYRIGHT_LINE.test(text)) {
      this.options.trace?.dropLine(text, 'a copyright line');
      return;
    }
    if (squash(text).toLowerCase() === this.titleKey) return;
    this.blocks.push({ type: 'paragraph', text });
  }

  private list(node: Element): void {
    const items = listItems(node)
      .map((item) => cleanInline(textOf(item)))
      .filter(Boolean);
    if (items.length === 0) return;
    const text = items.join(' ');
    // A list that is mostly links is a menu or a list of other articles.
    if (linkDensity(node, text.length, this.measure) > 0.6 && items.every((item) => item.length < 120)) {
      this.options.trace?.drop(node, 'a list of short links: a menu or a list of other articles', 'body');
      return;
    }
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

  /** Why an element of the body is left out with all it holds, or undefined to read it; `byTag`: SKIPPED_TAGS apply. */
  private skipReason(element: Element, byTag = true): string | undefined {
    if (element === this.options.titleElement) return 'title';
    if (byTag && SKIPPED_TAGS.has(element.name)) return `<${element.name}> is not body text`;
    if (!this.byClass) return undefined;
    const names = roleNames(element);
    if (names !== '' && !ARTICLE_BODY_CLASS.test(names)) {
      const word = FURNITURE_CLASS.exec(names);
      // A class name is a weak hint: the part that holds most of the body's text is the body.
      if (word && !this.holdsMostOfTheText(element)) {
        this.ruleDrops++;
        return `class or id names page furniture ("${word[0]}")`;
      }
    }
    return undefined;
  }

  /** Whether lists hold over 90 % of the element's text (Readability's test for a list). */
  private mostlyLists(element: Element, length: number): boolean {
    if (length === 0) return false;
    let inLists = 0;
    for (const list of $all('ul, ol', element)) {
      // A list inside a list (directly or in a wrapper of an item) is counted with its outer one.
      if (insideList(list, element)) continue;
      inLists += this.measure.length(list);
    }
    return inLists > length * 0.9;
  }

  private holdsMostOfTheText(element: Element): boolean {
    return this.measure.length(element) > this.total * 0.5;
  }

  /**
   * A table that an editor wrapped in a <figure> is data of the article, not a picture: read as
   * text, with its caption. Other figures are left to the skipping rules (and the image blocks).
   */
  private figureText(node: Element): boolean {
    const tables = $all('table', node);
    if (tables.length === 0) return false;
    this.flush();
    for (const table of tables) this.visit(table);
    const caption = $one('figcaption', node);
    const text = caption ? cleanInline(textOf(caption)) : '';
    if (text) this.blocks.push({ type: 'paragraph', text });
    return true;
  }

  /**
   * Readability's conditional cleaning, for the parts of the body that are not prose: teaser cards
   * and "more stories" rails (link density from 0.2, against the 0.5 of a plain link farm), image
   * galleries, forms, lists standing in for a layout. Prose (ten commas or more) is never judged
   * so, and neither is the part that holds most of the body's text.
   */
  private conditionalReason(node: Element): string | undefined {
    const counts = this.counts.of(node);
    if (counts.commas >= 10 || this.holdsMostOfTheText(node)) return undefined;
    const weight = classWeight(node);
    const negative = weight < 0 ? (NEGATIVE_CLASS.exec(classAndId(node))?.[0] ?? '') : '';
    // A caption or a credit is the article's own text (class 6), whatever its class says.
    if (weight < 0 && !/^(?:caption|credit)$/.test(negative)) return `class or id of a part that is not the article ("${negative}")`;
    const length = this.measure.length(node);
    const density = linkDensity(node, length, this.measure);
    // A layout table whose text is nearly all in its lists (a post laid out as a table of dated
    // lists) is judged as the lists are, as Readability judges any block so made. Only tables: a
    // div of lists with a heading is as often a rail of teasers.
    const isList = node.name === 'ul' || node.name === 'ol' || (node.name === 'table' && this.mostlyLists(node, length));
    if (counts.img > 1 && counts.p / counts.img < 0.5 && !isList)
      return `more images (${counts.img}) than paragraphs: a gallery or a rail of cards`;
    if (!isList && counts.li > counts.p && density > 0.2)
      return `more list items (${counts.li}) than paragraphs, with links: a rail of other articles`;
    if (counts.input > Math.floor(counts.p / 3)) return `a form (${counts.input} fields)`;
    if (!isList && weight < 25 && density > 0.2 && length < 2000)
      return `link density ${density.toFixed(2)} over 0.2 in a short block: teaser cards or a "more stories" rail`;
    if (weight >= 25 && density > 0.5) return `link density ${density.toFixed(2)} over 0.5`;
    return undefined;
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

  /** A div of text and inline elements only, or around a single <p>, with under a quarter of its text in links. */
  private isParagraphDiv(element: Element): boolean {
    if (element.name !== 'div') return false;
    const blocks = element.children.filter((child): child is Element => isTag(child) && (isBlock(child) || child.name === 'img'));
    if (blocks.length > 1 || (blocks.length === 1 && blocks[0]!.name !== 'p')) return false;
    return linkDensity(element, undefined, this.measure) < 0.25;
  }

  /** Drops a container that is mostly links, saying why in the trace: whether it did. */
  private dropsLinkFarm(element: Element): boolean {
    if (!this.isLinkFarm(element)) return false;
    this.options.trace?.drop(element, 'mostly links (over half of its text is link text): a menu or a list of other articles', 'body');
    return true;
  }

  /** A container that is mostly links (a tag cloud, a list of other articles). */
  private isLinkFarm(element: Element): boolean {
    const length = this.measure.length(element);
    // Empty of text: nothing to read, unless it holds a picture (kept as an image block, see image()).
    if (length === 0) return !$one('img', element);
    return linkDensity(element, length, this.measure) > 0.5 && length < 1000;
  }
}

/**
 * A table of data, not of layout (as Readability tells them): headers or a caption, and no table
 * inside. Neither it nor what it holds is judged by the conditional cleaning or as a link farm.
 */
function isDataTable(node: Element): boolean {
  return node.name === 'table' && $one('th, caption', node) !== null && $one('table', node) === null;
}

/** The parts of a table, between the table and its cells' content. */
const TABLE_PARTS: ReadonlySet<string> = new Set(['thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

/** The containers judged by the conditional cleaning (Readability cleans the same). */
const CONDITIONAL_TAGS: ReadonlySet<string> = new Set(['div', 'section', 'ul', 'ol', 'table', 'fieldset']);

interface Counts {
  p: number;
  img: number;
  li: number;
  input: number;
  commas: number;
}

/** Counts of what an element holds, each element's computed once from its children's (a body nested deep is read once, not once per level). */
class TagCounts {
  // A Map, not a WeakMap: it lives for one pass, and a WeakMap's entries cost the collector more.
  private readonly known = new Map<Element, Counts>();

  of(element: Element): Counts {
    const cached = this.known.get(element);
    if (cached) return cached;
    // Iterative, children before parents: no recursion on a page nested thousands deep.
    const order: Element[] = [];
    const stack: Element[] = [element];
    while (stack.length) {
      const next = stack.pop()!;
      if (this.known.has(next)) continue;
      order.push(next);
      const children = next.children;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        if (isTag(child) && !this.known.has(child)) stack.push(child);
      }
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const next = order[i]!;
      const counts: Counts = { p: 0, img: 0, li: 0, input: 0, commas: 0 };
      const children = next.children;
      for (let c = 0; c < children.length; c++) {
        const child = children[c]!;
        if (isText(child)) counts.commas += countCommas(child.data);
        else if (isTag(child)) {
          if (UNREAD_TAGS.has(child.name)) continue;
          const below = this.known.get(child)!;
          counts.p += below.p + (child.name === 'p' ? 1 : 0);
          counts.img += below.img + (child.name === 'img' ? 1 : 0);
          counts.li += below.li + (child.name === 'li' ? 1 : 0);
          counts.input += below.input + (child.name === 'input' ? 1 : 0);
          counts.commas += below.commas;
        }
      }
      this.known.set(next, counts);
    }
    return this.known.get(element)!;
  }
}

function countCommas(text: string): number {
  let count = 0;
  for (let i = text.indexOf(','); i >= 0; i = text.indexOf(',', i + 1)) count++;
  return count;
}

/** Elements kept as image blocks (see BlockBuilder.image): SKIPPED_TAGS skips them otherwise, with their captions. */
const IMAGE_TAGS: ReadonlySet<string> = new Set(['figure', 'picture', 'img']);

/** The first address of a srcset ("a.jpg 1x, b.jpg 2x"). */
function firstOfSrcset(srcset: string | undefined): string | undefined {
  return srcset?.trim().split(/\s+/)[0];
}

/** A "Lire aussi" line is at most this long (src/extract/related/callouts.ts) and a few elements deep. */
const RELATED_LINE = { characters: 400, nodes: 200 } as const;

/** The same, with at most one p, div or li inside. */
const SINGLE_RELATED_LINE = { ...RELATED_LINE, nestedBlocks: 1 } as const;

/** Small enough to be a related-article line; `single`: with at most one p, div or li inside. */
function mayBeRelatedLine(element: Element, single: boolean): boolean {
  return fitsWithin(element, single ? SINGLE_RELATED_LINE : RELATED_LINE);
}

/**
 * The items of a list in order, with those of a sublist written straight inside it (<ul><li>…</li>
 * <ul><li>…</li></ul></ul>: invalid, but browsers show it as a nested list, and editors write it).
 */
function listItems(list: Element): Element[] {
  const items: Element[] = [];
  // Iterative: a page may nest lists thousands deep.
  const stack: AnyNode[] = [...list.children].reverse();
  while (stack.length) {
    const child = stack.pop()!;
    if (!isTag(child)) continue;
    if (child.name === 'li') items.push(child);
    else if (child.name === 'ul' || child.name === 'ol')
      for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i]!);
  }
  return items;
}

/** Whether `list` sits inside another list below `top`. */
function insideList(list: Element, top: Element): boolean {
  for (let node = list.parent; node && node !== top; node = node.parent) {
    if (isTag(node) && (node.name === 'ul' || node.name === 'ol')) return true;
  }
  return false;
}
