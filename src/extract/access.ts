import { UNREAD_TAGS } from '../html/blocks.js';
import {
  type AnyNode,
  classAndId,
  type Document,
  type Element,
  elementsByTag,
  isBlock,
  isTag,
  isText,
  rawTextOf,
  squash,
  textOf,
} from '../html/dom.js';
import { CONSENT_MANAGER_CLASS, PAYWALL_CLASS } from '../html/furniture.js';
import type { Access, Block } from './types.js';

/**
 * Whether the page served its article, a subscriber's teaser, or a consent manager's wall, read
 * from the markup alone (kiosque sends no cookies, so what a paywalled site serves it is what an
 * anonymous visitor sees). The signs are gathered from the page as parsed, before its furniture
 * (where paywall and consent containers live) is taken out; the verdict weighs them against the
 * text that was read.
 */
export interface AccessSigns {
  /** JSON-LD says `isAccessibleForFree: false` (on the article or on a part of it). */
  notFree: boolean;
  /** A paywall container asking to subscribe, by its selector-ish name. */
  paywall: string | undefined;
  /** A consent manager's container (Didomi, OneTrust, Sourcepoint, Quantcast…), by its name. */
  consentManager: string | undefined;
  /** The page's visible words speak of cookies and partners and ask to accept. */
  consentWords: boolean;
}

const NOT_FREE = /"isAccessibleForFree"\s*:\s*(?:false|"false")/i;
/** A prompt to pay or sign in, in the languages kiosque's readers read. */
const SUBSCRIBE_PROMPT =
  /(?<![\p{L}\p{N}])(?:subscribe|subscription|subscribers?[- ]only|already a (?:subscriber|member)|(?:sign|log) in to (?:continue|read)|to continue reading|register to continue|unlock (?:this|the) (?:article|story)|abonnez-vous|abonnement|réservée? aux abonnés|déjà abonné|pour lire la suite|il vous reste \d+\s*%|la suite (?:de cet article )?est réservée|jetzt abonnieren|abonnenten|weiterlesen mit|suscríbete|suscriptores|abbonati|riservato agli abbonati|assine)(?![\p{L}\p{N}])/iu;
const CONSENT_WORDS =
  /\b(?:cookies?|consent|consentement|partners|partenaires|vendors|traceurs|einwilligung|datenschutz|privacy|vie privée)\b/gi;
const ACCEPT_WORDS = /\b(?:accept(?: all)?|agree|i agree|accepter|tout accepter|j'accepte|akzeptieren|alle akzeptieren|aceptar|accetta)\b/i;

const EITHER_CLASS = new RegExp(`${CONSENT_MANAGER_CLASS.source}|${PAYWALL_CLASS.source}`);

export function readAccessSigns(document: Document): AccessSigns {
  const notFree = elementsByTag(document, 'script').some(
    (script) => (script.attribs['type'] ?? '').toLowerCase() === 'application/ld+json' && NOT_FREE.test(rawTextOf(script)),
  );
  let paywall: string | undefined;
  let consentManager: string | undefined;
  const stack: Element[] = elementsByTag(document, 'body').slice(0, 1);
  while (stack.length && !(paywall && consentManager)) {
    const element = stack.pop()!;
    // Made once per element by the passes before this one (html/dom.ts classAndId): no attribute is looked up again.
    const names = classAndId(element);
    // One test of the two names' union first: most classes name neither.
    if (names && EITHER_CLASS.test(names)) {
      if (!consentManager && CONSENT_MANAGER_CLASS.test(names)) consentManager = names;
      // A paywall container is a prompt (short, asking to subscribe), not a wrapper around the full text.
      else if (!paywall && PAYWALL_CLASS.test(names)) {
        const text = squash(textOf(element));
        if (text.length < 1500 && SUBSCRIBE_PROMPT.test(text)) paywall = names;
      }
    }
    for (let i = element.children.length - 1; i >= 0; i--) {
      const child = element.children[i]!;
      if (isTag(child)) stack.push(child);
    }
  }
  // Consent walls are often drawn by script: the words left in the page say what the wall is.
  // The first 20,000 characters of its text are enough, and a big page is not read whole for this.
  const text = leadingText(elementsByTag(document, 'body')[0], 20_000);
  // A plea to accept first: it stops at its first match, and most pages make none.
  const consentWords = ACCEPT_WORDS.test(text) && new Set((text.match(CONSENT_WORDS) ?? []).map((word) => word.toLowerCase())).size >= 2;
  return { notFree, paywall, consentManager, consentWords };
}

export interface AccessVerdict {
  verdict: Access;
  reason: string;
}

export function judgeAccess(signs: AccessSigns, blocks: Block[]): AccessVerdict {
  const texts = blocks.flatMap((block) => (block.type === 'list' ? [block.items.join(' ')] : block.type === 'image' ? [] : [block.text]));
  const length = texts.reduce((sum, text) => sum + text.length, 0);
  // A wall with no article behind it: the little text read is the wall's own.
  const consentText = new Set((texts.join(' ').match(CONSENT_WORDS) ?? []).map((word) => word.toLowerCase())).size >= 2;
  if (length < 200 && (signs.consentManager || signs.consentWords)) {
    return {
      verdict: 'consent',
      reason: signs.consentManager
        ? `a consent manager's container (${signs.consentManager}) and no article text`
        : 'the page asks to accept cookies and holds no article text',
    };
  }
  if (length < 1500 && consentText && (signs.consentManager || signs.consentWords)) {
    return { verdict: 'consent', reason: 'the only text read is a consent form about cookies and partners' };
  }
  if (signs.notFree) return { verdict: 'teaser', reason: 'the JSON-LD says isAccessibleForFree: false' };
  if (signs.paywall) return { verdict: 'teaser', reason: `a paywall container asks to subscribe (${signs.paywall})` };
  const closing = texts.slice(-2).find((text) => text.length < 400 && SUBSCRIBE_PROMPT.test(text));
  if (closing && length < 6000) return { verdict: 'teaser', reason: `the text ends on a prompt to subscribe: "${closing.slice(0, 80)}"` };
  return { verdict: 'full', reason: 'no paywall or consent wall in the markup' };
}

/** The text of an element's first text nodes, up to about `limit` characters, without scripts and styles. */
function leadingText(root: Element | undefined, limit: number): string {
  if (!root) return '';
  const parts: string[] = [];
  let length = 0;
  const stack: AnyNode[] = [root];
  while (stack.length && length < limit) {
    const node = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data);
      length += node.data.length;
    } else if (isTag(node) && !UNREAD_TAGS.has(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
      if (isBlock(node)) parts.push(' ');
    }
  }
  return parts.join('');
}
