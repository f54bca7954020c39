import {
  $all,
  isBlock,
  elementsByTag,
  hasDescendant,
  type AnyNode,
  classAndId,
  type Document,
  type Element,
  isTag,
  isText,
  removeNode,
  squash,
  textOf,
  wrapBareText,
} from '../html/dom.js';
import {
  CONTENT_HINT,
  FURNITURE_ROLES,
  FURNITURE_TAGS,
  NEGATIVE_CLASS,
  NEVER_TEXT_TAGS,
  POSITIVE_CLASS,
  UNLIKELY_CONTAINER,
} from '../html/furniture.js';
import { candidate, type Trace } from './trace.js';

/**
 * Finding the article body in a page: a readability-style scoring of text
 * blocks (length, commas, link density, class and id hints), written for
 * htmlparser2's DOM so it runs without a browser DOM.
 */

export function classWeight(element: Element): number {
  const names = roleNames(element);
  if (!names) return 0;
  let weight = 0;
  if (NEGATIVE_CLASS.test(names)) weight -= 25;
  if (POSITIVE_CLASS.test(names)) weight += 25;
  return weight;
}

/**
 * The class and id names that may say what an element is. An id written from the element's own
 * heading (documentation generators and Markdown renderers name a section "sharing-with-a-team"
 * after its title) names the section's subject, not its role: it is left out.
 */
export function roleNames(element: Element): string {
  const id = element.attribs['id'];
  if (!id || !id.includes('-') || !isHeadingSlug(element, id.toLowerCase())) return classAndId(element);
  return (element.attribs['class'] ?? '').trim().toLowerCase();
}

function isHeadingSlug(element: Element, id: string): boolean {
  const heading = element.children.find((child): child is Element => isTag(child) && /^h[1-6]$/.test(child.name));
  if (!heading) return false;
  const slug = squash(textOf(heading))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return slug !== '' && (slug === id || slug.startsWith(`${id}-`) || id.endsWith(`-${slug}`));
}

function isHidden(element: Element): boolean {
  const style = (element.attribs['style'] ?? '').replace(/\s+/g, '').toLowerCase();
  return (
    'hidden' in element.attribs ||
    element.attribs['aria-hidden'] === 'true' ||
    style.includes('display:none') ||
    style.includes('visibility:hidden')
  );
}

/**
 * A card a script pops up over a name in a sentence (a person's picture and their latest stories):
 * a span right after the link it describes, inside a paragraph, made of links (and a picture).
 * Read as text it pours a list of headlines into the middle of the sentence.
 */
function isHoverCard(element: Element, measure: TextMeasure): boolean {
  if (element.name !== 'span') return false;
  const before = element.prev && isText(element.prev) && !element.prev.data.trim() ? element.prev.prev : element.prev;
  if (!before || !isTag(before) || before.name !== 'a') return false;
  let inParagraph = false;
  for (let node = element.parent, level = 0; node && isTag(node) && level < 3; node = node.parent, level++) {
    if (node.name === 'p') inParagraph = true;
  }
  if (!inParagraph) return false;
  const links = $all('a', element).length;
  if (links < 2 && !hasDescendant(element, 'img')) return false;
  const length = measure.length(element);
  return length > 0 && measure.linkLength(element) >= length * 0.9;
}

/**
 * Removes what can never be article text, before scoring. Mutates the document. `lenient`: only
 * what can never be text (scripts, forms, navigation landmarks), for a second reading of a page
 * whose first reading found nothing (its article hidden until a script shows it, say).
 */
export function stripBoilerplate(document: Document, trace?: Trace, lenient = false): void {
  const doomed: Element[] = [];
  const doom = (element: Element, rule: string) => {
    doomed.push(element);
    trace?.drop(element, rule, 'page');
  };
  // The text of the page's paragraphs, added up on every ancestor once (not one query per candidate).
  const paragraphText = new Map<Element, number>();
  let totalParagraphText = 0;
  // Measured, not built: the lengths of squash(textOf(p)) without the strings.
  const measure = new TextMeasure();
  for (const p of elementsByTag(document, 'p')) {
    const length = measure.length(p);
    totalParagraphText += length;
    for (let node: Element | null = p; node && isTag(node); node = node.parent as Element | null) {
      paragraphText.set(node, (paragraphText.get(node) ?? 0) + length);
    }
  }
  // A class name is a weak hint: a container holding most of the page's prose stays.
  const holdsTheProse = (element: Element) => totalParagraphText > 500 && (paragraphText.get(element) ?? 0) > totalParagraphText * 0.3;
  // A list is never the article's own wrapper: a list named as furniture that holds most of the
  // paragraphs (a photo gallery's list of captions, "legends") is what its name says. Readers'
  // comments are the exception: people read them as part of the page.
  const isNamedList = (element: Element, names: string) =>
    (element.name === 'ul' || element.name === 'ol') && !/comment|replies|disqus/.test(names);
  const visit = (node: AnyNode) => {
    if (!isTag(node)) return;
    const role = node.attribs['role'] ?? '';
    const structural = FURNITURE_TAGS.has(node.name) || FURNITURE_ROLES.has(role);
    if (NEVER_TEXT_TAGS.has(node.name)) {
      doom(node, `<${node.name}> never holds article text`);
      return;
    }
    if (!lenient && isHidden(node)) {
      doom(node, 'hidden (hidden, aria-hidden or display:none)');
      return;
    }
    if (!lenient && isHoverCard(node, measure)) {
      doom(node, 'a hover card: links and a picture after a link, inside a sentence');
      return;
    }
    if (structural && !holdsTheProse(node)) {
      doom(node, FURNITURE_TAGS.has(node.name) ? `page furniture by its tag <${node.name}>` : `page furniture by its role="${role}"`);
      return;
    }
    // A link is part of the sentence it sits in, whatever its class says (a glossary "popup", a
    // "share" of a quote): taking it out leaves holes in the text. Readability spares links too.
    if (node.name !== 'body' && node.name !== 'html' && node.name !== 'article' && node.name !== 'main' && node.name !== 'a') {
      const names = roleNames(node);
      if (
        !lenient &&
        names &&
        UNLIKELY_CONTAINER.test(names) &&
        !CONTENT_HINT.test(names) &&
        !hasTag(node, 'article') &&
        (!holdsTheProse(node) || isNamedList(node, names))
      ) {
        doom(node, `class or id unlikely to be the article ("${UNLIKELY_CONTAINER.exec(names)?.[0] ?? names}")`);
        return;
      }
    }
    for (const child of node.children) visit(child);
  };
  for (const child of document.children) visit(child);
  for (const element of doomed) removeNode(element);
}

function hasTag(element: Element, name: string): boolean {
  // The first match answers: no need to list them all.
  return hasDescendant(element, name);
}

/**
 * What squash() makes of a text, summed up so that a parent's is made of its children's: the
 * characters that stay (`visible`), the single spaces between them (`gaps`), and whether it
 * starts or ends with white space (which becomes a gap when joined to more text).
 */
interface TextShape {
  visible: number;
  /** Commas of several scripts (, ， 、 ،), for the scoring. */
  commas: number;
  gaps: number;
  leadingSpace: boolean;
  trailingSpace: boolean;
}

const EMPTY_SHAPE: TextShape = { visible: 0, commas: 0, gaps: 0, leadingSpace: false, trailingSpace: false };
const SPACE_SHAPE: TextShape = { visible: 0, commas: 0, gaps: 0, leadingSpace: true, trailingSpace: true };
const NOT_READ = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Adds `b`'s text after `a`'s, in place: `a` is the running shape of one element, made once and
 * filled child by child (a new shape per child was most of the garbage of scoring a big page).
 */
function appendShape(a: TextShape, b: TextShape): void {
  if (a.visible === 0) {
    const space = a.leadingSpace || a.trailingSpace || b.leadingSpace;
    a.visible = b.visible;
    a.commas = b.commas;
    a.gaps = b.gaps;
    a.leadingSpace = space;
    a.trailingSpace = b.visible === 0 ? space || b.trailingSpace : b.trailingSpace;
    return;
  }
  if (b.visible === 0) {
    a.trailingSpace = a.trailingSpace || b.leadingSpace || b.trailingSpace;
    return;
  }
  a.gaps += b.gaps + (a.trailingSpace || b.leadingSpace ? 1 : 0);
  a.visible += b.visible;
  a.commas += b.commas;
  a.trailingSpace = b.trailingSpace;
}

/** The shape of one text, white space as JavaScript's \s counts it (squash's /\s+/). */
function textShape(text: string): TextShape {
  let visible = 0;
  let commas = 0;
  let gaps = 0;
  let inSpace = false;
  let leadingSpace = false;
  for (let i = 0; i < text.length; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (visible === 0) leadingSpace = true;
      inSpace = true;
    } else {
      if (inSpace && visible > 0) gaps++;
      inSpace = false;
      visible++;
      const code = text.charCodeAt(i);
      if (code === 0x2c || code === 0xff0c || code === 0x3001 || code === 0x60c) commas++;
    }
  }
  return { visible, commas, gaps, leadingSpace, trailingSpace: inSpace };
}

function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Text and link-text lengths, each computed once per element: scoring asks
 * for them on every container up the tree, which is quadratic on a big page
 * if each question walks the subtree again. Valid while the DOM is unchanged,
 * so it lives for one pass only.
 */
export class TextMeasure {
  // Maps, not WeakMaps: a measure lives for one pass over one page, and a WeakMap's entries cost
  // the garbage collector more. Only elements have an entry: a text's shape is read from it.
  private readonly shapes = new Map<Element, TextShape>();
  private readonly linkLengths = new Map<Element, number>();

  /** squash(textOf(node)).length, computed from the children's shapes: each node's text is read once, however deep. */
  length(node: AnyNode): number {
    const shape = this.shape(node);
    return shape.visible + shape.gaps;
  }

  /** The commas of the node's text, from the same shapes. */
  commas(node: AnyNode): number {
    return this.shape(node).commas;
  }

  private shape(node: AnyNode): TextShape {
    if (!isTag(node)) return isText(node) ? textShape(node.data) : EMPTY_SHAPE;
    if (NOT_READ.has(node.name)) return EMPTY_SHAPE;
    if (node.name === 'br') return SPACE_SHAPE;
    const known = this.shapes.get(node);
    if (known) return known;
    // Recursive, children before parents: parseHtml keeps every page under a few hundred levels
    // (limitDepth), and one call per element asks the Map once and fills it once.
    // textOf puts a space around a block element's text.
    const block = isBlock(node);
    const shape = { visible: 0, commas: 0, gaps: 0, leadingSpace: block, trailingSpace: block };
    let nested = false;
    for (const child of node.children) {
      if (isTag(child)) {
        nested = true;
        appendShape(shape, this.shape(child));
      } else if (isText(child)) appendShape(shape, textShape(child.data));
    }
    if (block) appendShape(shape, SPACE_SHAPE);
    // A short element of text alone (most elements: a link, a span) is read again when asked, not
    // kept: on a page of 100,000 links the Map would hold them all. A paragraph is kept.
    if (nested || shape.visible > SHORT_LEAF) this.shapes.set(node, shape);
    return shape;
  }

  /** Length of the text inside links; links within the page (footnotes, anchors) count less than links away. */
  linkLength(node: AnyNode): number {
    if (!isTag(node)) return 0;
    // A link's is its text's (measured and kept above): only containers are kept here.
    if (node.name === 'a') return this.length(node) * ((node.attribs['href'] ?? '').startsWith('#') ? 0.3 : 1);
    let length = this.linkLengths.get(node);
    if (length === undefined) {
      length = 0;
      let nested = false;
      for (const child of node.children) {
        if (!isTag(child)) continue;
        nested = true;
        length += this.linkLength(child);
      }
      if (nested) this.linkLengths.set(node, length);
    }
    return length;
  }
}

/** Characters of an element of text alone that are cheaper to read again than to keep. */
const SHORT_LEAF = 80;

export function linkDensity(element: Element, textLength?: number, measure = new TextMeasure()): number {
  const total = textLength ?? measure.length(element);
  if (total === 0) return 0;
  return Math.min(1, measure.linkLength(element) / total);
}

/** Under this many characters a block is a line or two of text (a card, a menu box), not a body. */
const SHORT_BLOCK = 200;
const BARE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'center', 'font']);
const SCORED_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'h2', 'h3', 'h4', 'li']);

function baseScore(element: Element): number {
  let score = classWeight(element);
  switch (element.name) {
    case 'article':
      score += 10;
      break;
    case 'div':
    case 'section':
    case 'main':
      score += 5;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      score += 3;
      break;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      score -= 3;
      break;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      score -= 5;
      break;
  }
  return score;
}

/** The elements that make up the article body, in document order. */
export function findContent(document: Document, trace?: Trace): Element[] {
  const body = $all('body', document)[0] ?? document.children.find(isTag);
  if (!body) return [];
  const measure = new TextMeasure();
  const scores = new Map<Element, number>();
  const scoreOf = (element: Element) => {
    let score = scores.get(element);
    if (score === undefined) {
      score = baseScore(element);
      scores.set(element, score);
    }
    return score;
  };

  // Paragraphs written as bare text in a <div> (between <br>s) become <p>s, as Readability does:
  // their score then goes to the div that holds them, not to its parent with the sidebar.
  for (const element of descendants(body)) if (BARE_TEXT_HOLDERS.has(element.name)) wrapBareText(element, 25);

  /** Paragraph-like blocks of the page, for the fallback when the chosen body holds little of them (class 5). */
  const prose: Array<{ element: Element; length: number }> = [];
  for (const element of descendants(body)) {
    if (!SCORED_TAGS.has(element.name)) continue;
    if (element.name === 'li' && hasDescendant(element, 'p')) continue;
    const length = measure.length(element);
    if (length < 25) continue;
    // A list item that is mostly a link is a menu entry: tens of thousands of them must not make
    // the page's <html> outscore its article.
    if (element.name === 'li' && linkDensity(element, length, measure) > 0.5) continue;
    if (element.name === 'p' && length >= PROSE_MINIMUM) prose.push({ element, length });
    // The commas of a list of links ("Tags: a, b, c", the names of those who liked a post) are no
    // prose: thousands of them must not make their container the article.
    const commas = linkDensity(element, length, measure) > 0.5 ? 0 : measure.commas(element);
    let contentScore = 1 + commas + Math.min(Math.floor(length / 100), 3);
    if (element.name === 'li' || /^h\d$/.test(element.name)) contentScore *= 0.5;
    let level = 0;
    let ancestor = element.parent;
    while (ancestor && isTag(ancestor) && level < 5) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scoreOf(ancestor) + contentScore / divider);
      ancestor = ancestor.parent;
      level++;
    }
  }

  let top: Element | undefined;
  let topScore = -Infinity;
  const finalScores = new Map<Element, number>();
  const templateClasses = new Map<string, number>();
  for (const element of scores.keys()) {
    const name = element.attribs['class'];
    if (name) templateClasses.set(name, (templateClasses.get(name) ?? 0) + 1);
  }
  for (const [element, score] of scores) {
    // A class name is a weak hint: a short block whose class is shared by two or more other scored
    // blocks is a card of a template (a teaser's "content" or "entry" div around a one-line
    // excerpt, a mega-menu's featured box), not the article body its name says.
    const length = measure.length(element);
    const named =
      length < SHORT_BLOCK && (templateClasses.get(element.attribs['class'] ?? '') ?? 0) >= 3 ? Math.max(0, classWeight(element)) : 0;
    const final = (score - named) * (1 - linkDensity(element, length, measure));
    finalScores.set(element, final);
    if (final > topScore) {
      top = element;
      topScore = final;
    }
  }
  if (!top || topScore <= 0) {
    trace?.note('no block scored as article text: the whole page body is read');
    if (trace) trace.diagnosis.container = candidate(body, 0);
    return [body];
  }

  // Several strong candidates under one ancestor: the article is that ancestor.
  const strong = [...finalScores].filter(([element, score]) => element !== top && score >= topScore * 0.75).map(([element]) => element);
  if (strong.length >= 2) {
    let ancestor = top.parent;
    while (ancestor && isTag(ancestor) && ancestor.name !== 'body') {
      const holder = ancestor;
      const contained = strong.filter((element) => isInside(element, holder)).length;
      if (contained >= Math.min(3, strong.length)) {
        top = holder;
        break;
      }
      ancestor = ancestor.parent;
    }
  }
  // A body split over sibling containers (a story in parts between ads, class 3): the part that won
  // stands in a parent whose own score, from all the parts, is higher still. Walk up while the
  // parents' scores hold above a third of the winner's, and take the first one that beats it (as
  // Readability does); its other parts then come in as siblings.
  {
    let lastScore = topScore;
    for (let parent = top.parent; parent && isTag(parent) && parent.name !== 'body'; parent = parent.parent) {
      const parentScore = finalScores.get(parent);
      if (parentScore === undefined) continue;
      if (parentScore < topScore / 3) break;
      if (parentScore > lastScore) {
        top = parent;
        break;
      }
      lastScore = parentScore;
    }
  }
  // An only child carries no more information than its parent.
  while (top.parent && isTag(top.parent) && top.parent.name !== 'body' && top.parent.children.filter(isTag).length === 1) {
    top = top.parent;
  }
  const chosen = top;
  topScore = finalScores.get(chosen) ?? topScore;

  // Siblings that look like more of the article (a lead outside the body div, a second column).
  const parent = chosen.parent;
  if (trace) traceChoice(trace, chosen, topScore, finalScores);
  if (!parent || !isTag(parent)) return [chosen];
  const threshold = Math.max(10, topScore * 0.2);
  const content: Element[] = [];
  for (const sibling of parent.children) {
    if (!isTag(sibling)) continue;
    if (sibling === chosen) {
      content.push(sibling);
      continue;
    }
    let bonus = 0;
    const names = classAndId(sibling);
    if (names && names === classAndId(chosen)) bonus += topScore * 0.2;
    const score = (finalScores.get(sibling) ?? 0) + bonus;
    if (score >= threshold) {
      content.push(sibling);
      continue;
    }
    if (sibling.name === 'p') {
      const text = squash(textOf(sibling));
      const density = linkDensity(sibling, text.length, measure);
      if ((text.length > 80 && density < 0.25) || (text.length > 0 && text.length <= 80 && density === 0 && /\.( |$)/.test(text))) {
        content.push(sibling);
      }
      continue;
    }
    if (isSplitPart(sibling, measure) || (names !== '' && names === classAndId(chosen) && isProsePart(sibling, measure)))
      content.push(sibling);
  }
  const fallback = paragraphFallback(content, prose, measure);
  if (fallback) {
    trace?.note(fallback.note);
    if (trace) trace.diagnosis.method = 'paragraph fallback';
    return fallback.content;
  }
  if (trace)
    trace.diagnosis.alsoTaken = content
      .filter((element) => element !== chosen)
      .map((element) => candidate(element, finalScores.get(element) ?? 0));
  return content;
}

/**
 * A part of a body split over sibling containers (grid cells, the text after an embed, a "read
 * more" expansion): a bare div or section, with no class or id to say it is anything else, made
 * of paragraphs of prose (class 3). Its score may be low (a few paragraphs), its text is the article's.
 */
function isSplitPart(element: Element, measure: TextMeasure): boolean {
  if ((element.name !== 'div' && element.name !== 'section') || classAndId(element)) return false;
  const length = measure.length(element);
  if (length < 140 || linkDensity(element, length, measure) >= 0.2) return false;
  let prose = 0;
  for (const child of element.children) {
    if (isTag(child) && child.name === 'p') prose += measure.length(child);
  }
  return prose >= length * 0.6;
}

/**
 * Another part of the same body made from the same template as the chosen one (the same class
 * names: a story cut into "section" wrappers between pictures): taken when it is prose, however
 * deep its paragraphs sit (too deep for the scoring to have reached it).
 */
function isProsePart(element: Element, measure: TextMeasure): boolean {
  const length = measure.length(element);
  if (length < 140 || linkDensity(element, length, measure) >= 0.2) return false;
  let prose = 0;
  for (const p of $all('p', element)) prose += measure.length(p);
  return prose >= length * 0.6;
}

/** A paragraph of prose for the fallback: this long, and not mostly links. */
const PROSE_MINIMUM = 80;

/**
 * Landing, review and FAQ pages: a slider, a review widget or an accordion wins the scoring while
 * the page's prose lies elsewhere. When the chosen body holds under a third of the page's
 * paragraph-like text, the paragraphs themselves are the article, in document order.
 */
function paragraphFallback(
  content: Element[],
  prose: Array<{ element: Element; length: number }>,
  measure: TextMeasure,
): { content: Element[]; note: string } | undefined {
  const paragraphs = prose.filter(({ element, length }) => linkDensity(element, length, measure) < 0.3);
  const total = paragraphs.reduce((sum, { length }) => sum + length, 0);
  if (total < 600) return undefined;
  const chosen = content.reduce((sum, element) => sum + measure.length(element), 0);
  if (chosen >= total / 3) return undefined;
  // A body of paragraphs is an article with more prose elsewhere (comments, other stories): kept.
  // The fallback is for a chosen block that is not prose itself (a slider, a widget, an accordion).
  const inside = paragraphs.filter(({ element }) => content.some((part) => part === element || isInside(element, part)));
  if (inside.reduce((sum, { length }) => sum + length, 0) >= chosen * 0.5) return undefined;
  return {
    content: paragraphs.map(({ element }) => element),
    note: `paragraph fallback: the chosen body held ${chosen} characters of the page's ${total} in paragraphs; the ${paragraphs.length} paragraphs are read in page order`,
  };
}

/** The chosen container and the best one outside it and not around it: the choice the page came closest to. */
function traceChoice(trace: Trace, chosen: Element, score: number, finalScores: Map<Element, number>): void {
  trace.diagnosis.container = candidate(chosen, score);
  let runnerUp: Element | undefined;
  let best = -Infinity;
  for (const [element, final] of finalScores) {
    if (final <= best || element === chosen || isInside(element, chosen) || isInside(chosen, element)) continue;
    runnerUp = element;
    best = final;
  }
  trace.diagnosis.runnerUp = runnerUp ? candidate(runnerUp, best) : null;
}

/** Every element under `root`, in document order: a plain walk, cheaper than css-select's `*`. */
function descendants(root: Element): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

function isInside(node: AnyNode, container: Element): boolean {
  let current = node.parent;
  while (current) {
    if (current === container) return true;
    current = current.parent;
  }
  return false;
}
