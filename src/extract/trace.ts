import { type Element, isTag, squash, textOf } from '../html/dom.js';
import type { Access } from './types.js';

/**
 * How a page was read, for `kiosque doctor`: which container was chosen and why, what was
 * dropped and by which rule, where the links came from, and the access verdict. The extractor
 * writes to a Trace only when one is given: reading a page for the reader costs nothing more.
 */
export interface Candidate {
  /** A CSS selector that finds the element on the page (tag, id, classes, and the path above it when needed). */
  selector: string;
  score: number;
  /** Characters of text it holds. */
  characters: number;
}

export interface DroppedBlock {
  /** The rule that dropped it, in words ("class or id names page furniture: share-bar"). */
  rule: string;
  /** When it was dropped: before scoring (the page's furniture) or inside the chosen body. */
  stage: 'page' | 'body' | 'site rule';
  selector: string;
  /** The beginning of its text. */
  text: string;
  characters: number;
}

export interface LinkReason {
  kind: 'related' | 'previous' | 'next' | 'pagination';
  url: string;
  title?: string;
  why: string;
}

export interface Diagnosis {
  /** The sites.json host key whose rule was applied, if any. */
  siteRule: string | null;
  /** How the body was found. */
  method: 'site rule' | 'heuristics' | 'paragraph fallback' | 'recovery';
  container: Candidate | null;
  runnerUp: Candidate | null;
  /** Sibling elements taken with the container (a lead, a second part of a split body). */
  alsoTaken: Candidate[];
  dropped: DroppedBlock[];
  links: LinkReason[];
  access: { verdict: Access; reason: string };
  /** Notes on recovery passes and fallbacks taken. */
  notes: string[];
}

const EXCERPT = 100;

export class Trace {
  readonly diagnosis: Diagnosis = {
    siteRule: null,
    method: 'heuristics',
    container: null,
    runnerUp: null,
    alsoTaken: [],
    dropped: [],
    links: [],
    access: { verdict: 'full', reason: '' },
    notes: [],
  };

  drop(element: Element, rule: string, stage: DroppedBlock['stage']): void {
    const text = squash(textOf(element));
    // Scripts, styles and empty wrappers are not what a reader asks about.
    if (!text) return;
    this.diagnosis.dropped.push({
      rule,
      stage,
      selector: selectorOf(element),
      text: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text,
      characters: text.length,
    });
  }

  /** A line of text dropped on its own words (an "Advertisement" line), not for its element. */
  dropLine(text: string, rule: string): void {
    this.diagnosis.dropped.push({ rule, stage: 'body', selector: '', text: text.slice(0, EXCERPT), characters: text.length });
  }

  /** A pass that was undone: what it had dropped is no longer dropped. */
  forgetDrops(stage: DroppedBlock['stage']): void {
    this.diagnosis.dropped = this.diagnosis.dropped.filter((drop) => drop.stage !== stage);
  }

  note(message: string): void {
    this.diagnosis.notes.push(message);
  }
}

export function candidate(element: Element, score: number): Candidate {
  return { selector: selectorOf(element), score: Math.round(score * 10) / 10, characters: squash(textOf(element)).length };
}

const SIMPLE_NAME = /^-?[_a-zA-Z][\w-]*$/;

/** One element as a selector: tag#id when it has a usable id, else tag.class.class, prefixed by its parents' until it is distinctive enough. */
export function selectorOf(element: Element): string {
  const own = simpleSelector(element);
  if (own.includes('#')) return own;
  const parts = [own];
  let parent = element.parent;
  while (parts.length < 3 && parent && isTag(parent) && parent.name !== 'body' && parent.name !== 'html') {
    const selector = simpleSelector(parent);
    parts.unshift(selector);
    if (selector.includes('#')) break;
    parent = parent.parent;
  }
  return parts.join(' > ');
}

export function simpleSelector(element: Element): string {
  const id = element.attribs['id']?.trim();
  if (id && SIMPLE_NAME.test(id)) return `${element.name}#${id}`;
  const classes = (element.attribs['class'] ?? '')
    .split(/\s+/)
    .filter((name) => SIMPLE_NAME.test(name))
    .slice(0, 3);
  return element.name + classes.map((name) => `.${name}`).join('');
}
