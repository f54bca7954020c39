import {
  $all,
  type AnyNode,
  classAndId,
  type Document,
  type Element,
  hasDescendant,
  isTag,
  isText,
  squash,
  textOf,
  wrapBareText,
} from '../html/dom.js';
import { classWeight } from './boilerplate.js';
import { isProsePart, isSplitPart, withCousins } from './content-parts.js';
import { linkDensity, TextMeasure } from './text-measure.js';
import { candidate, type Trace } from './trace.js';

/**
 * Finding the article body in a page: a readability-style scoring of text
 * blocks (length, commas, link density, class and id hints), written for
 * htmlparser2's DOM so it runs without a browser DOM.
 */

/** Under this many characters a block is a line or two of text (a card, a menu box), not a body. */
const SHORT_BLOCK = 200;
const BARE_TEXT_HOLDERS = new Set(['div', 'section', 'article', 'main', 'center', 'font']);
const SCORED_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'h2', 'h3', 'h4', 'li']);
const SCORED_WITH_SECTIONS = new Set([...SCORED_TAGS, 'section']);
/** Readability's charThreshold: a body under this many characters is retried another way. */
const SHORT_BODY = 500;

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

/**
 * The elements that make up the article body, in document order. `measure`: the page's text as
 * measured so far (stripBoilerplate's), kept up to date here and shared with the block building.
 */
export function findContent(document: Document, trace?: Trace, measure = new TextMeasure()): Element[] {
  const body = $all('body', document)[0] ?? document.children.find(isTag);
  if (!body) return [];

  const elements = wrappedDescendants(body, measure);
  // What the trace said before the choice: a second choice that is kept is told alone, not over the first's.
  const untraced = trace && structuredClone(trace.diagnosis);
  const content = chooseContent(body, elements, measure, SCORED_TAGS, trace);
  if (contentLength(content, measure) >= SHORT_BODY) return content;
  // A landing page made of sections of short cards (a product's features, a hub's rails): no one
  // block is a body, and a small box (a notice, a promo) wins. Readability scores <section>s as it
  // scores paragraphs, so that a page's sections together outweigh one box; done here only when
  // the first choice is short, since on an article page a section's whole text would lift its parent.
  const sectioned = chooseContent(body, elements, measure, SCORED_WITH_SECTIONS);
  if (contentLength(sectioned, measure) <= contentLength(content, measure)) return content;
  if (!trace || !untraced) return sectioned;
  Object.assign(trace.diagnosis, untraced);
  return chooseContent(body, elements, measure, SCORED_WITH_SECTIONS, trace);
}

/**
 * Every element under `body`, in document order, once paragraphs written as bare text in a <div>
 * (between <br>s) are made <p>s, as Readability does: their score then goes to the div that holds
 * them, not to its parent with the sidebar. One walk does both: an element is wrapped when the walk
 * reaches it, before its children are listed, so the list is that of the tree as wrapped.
 */
function wrappedDescendants(body: Element, measure: TextMeasure): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  for (let i = body.children.length - 1; i >= 0; i--) stack.push(body.children[i]!);
  while (stack.length) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    out.push(node);
    if (BARE_TEXT_HOLDERS.has(node.name) && wrapBareText(node, 25)) measure.changed(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

function contentLength(content: readonly Element[], measure: TextMeasure): number {
  let length = 0;
  for (const element of content) length += measure.length(element);
  return length;
}

/** `elements`: every element under `body`, in document order. */
function chooseContent(
  body: Element,
  elements: readonly Element[],
  measure: TextMeasure,
  scoredTags: ReadonlySet<string>,
  trace?: Trace,
): Element[] {
  const scores = new Map<Element, number>();
  const scoreOf = (element: Element) => {
    let score = scores.get(element);
    if (score === undefined) {
      score = baseScore(element);
      scores.set(element, score);
    }
    return score;
  };

  /** Paragraph-like blocks of the page, for the fallback when the chosen body holds little of them (class 5). */
  const prose: Array<{ element: Element; length: number }> = [];
  const teasers = new Set<Element>();
  // Indexed loops over the page's elements: a for-of allocated an iterator result per element.
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i]!;
    if (!scoredTags.has(element.name)) continue;
    const length = measure.length(element);
    // Short first: the length is kept for the scoring, the walk for a <p> is not.
    if (length < 25) continue;
    if (element.name === 'li' && hasDescendant(element, 'p')) continue;
    // A teaser's excerpt, cut with a bracketed ellipsis ("… the organisation of the [...]", as
    // blogs print other posts in an "editor's picks" widget), is another article's text: a row of
    // them must not outscore the article they stand beside.
    // Its card and the card's wrapper lose what their class names ("post", "entry") give them.
    if (endsAsExcerpt(element)) {
      for (let holder = element.parent, level = 0; holder && isTag(holder) && level < 2; holder = holder.parent, level++)
        teasers.add(holder);
      continue;
    }
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
      teasers.has(element) || (length < SHORT_BLOCK && (templateClasses.get(element.attribs['class'] ?? '') ?? 0) >= 3)
        ? Math.max(0, classWeight(element))
        : 0;
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
  withCousins(content, chosen, parent, measure);
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

/** A cut excerpt's mark at the very end of a block's text: "[...]", "[…]". */
const EXCERPT_MARK = /\[(?:\.\.\.|…)\]\s*$/;

/**
 * Whether the block's last words are an excerpt's mark: its last text node is read, not its whole
 * text, and only a few levels down (blocks nested thousands deep must not each walk the depth).
 */
function endsAsExcerpt(element: Element): boolean {
  let node: AnyNode | undefined = element;
  for (let level = 0; node && isTag(node); level++) {
    if (level === 6) return false;
    const children: AnyNode[] = node.children;
    let next: AnyNode | undefined;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (isText(child) ? child.data.trim() !== '' : isTag(child)) {
        next = child;
        break;
      }
    }
    node = next;
  }
  return node !== undefined && isText(node) && EXCERPT_MARK.test(node.data);
}

function isInside(node: AnyNode, container: Element): boolean {
  let current = node.parent;
  while (current) {
    if (current === container) return true;
    current = current.parent;
  }
  return false;
}
