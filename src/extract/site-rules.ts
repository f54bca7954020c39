import { $all, type AnyNode, type Document, type Element, selectorProblem } from '../html/dom.js';

/**
 * Per-site rules, as a reader writes them in sites.json (in the config folder): for a host, or
 * any host under a domain, CSS selectors that say where the article is, what to take out of it,
 * and which links are its related articles and neighbours. They are applied before the
 * heuristics and win over them: a rule is how a reader fixes a site the heuristics misread.
 *
 *   { "example.com": { "content": "article .story-body", "remove": [".promo", ".newsletter"],
 *                      "related": ".more-stories a", "previous": "a.prev-story", "next": "a.next-story" } }
 *
 * The extractor receives the one rule for the page's host as plain data (it reads no files).
 */
export interface SiteRule {
  /** The host key the rule was written under ("example.com"), for messages and the doctor. */
  host: string;
  content?: string[];
  remove?: string[];
  related?: string[];
  previous?: string[];
  next?: string[];
}

export type SiteRules = Record<string, SiteRule>;

export const RULE_FIELDS = ['content', 'remove', 'related', 'previous', 'next'] as const;
type RuleField = (typeof RULE_FIELDS)[number];

export interface CheckedRules {
  rules: SiteRules;
  /** One plain sentence per rule or selector left out, naming the host and the field. */
  problems: string[];
}

/**
 * Reads the parsed contents of sites.json: every selector is compiled, and what cannot be used is
 * left out with a message saying where and why, the rest of the rules kept. Never throws: a bad
 * rule costs its own site, never the reader.
 */
export function checkSiteRules(value: unknown, file = 'sites.json'): CheckedRules {
  const rules: SiteRules = {};
  const problems: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { rules, problems: [`${file} must hold an object of hosts ({ "example.com": { "content": "…" } }); it is ignored.`] };
  }
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const host = normalizeHost(key);
    if (!host) {
      problems.push(`${file}: "${key}" is not a host name; its rule is ignored.`);
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${file}: the rule for ${key} must be an object of selectors; it is ignored.`);
      continue;
    }
    const rule: SiteRule = { host };
    for (const [field, selectors] of Object.entries(raw as Record<string, unknown>)) {
      if (!(RULE_FIELDS as readonly string[]).includes(field)) {
        problems.push(`${file}: ${key} has an unknown field "${field}" (known: ${RULE_FIELDS.join(', ')}); it is ignored.`);
        continue;
      }
      const list = typeof selectors === 'string' ? [selectors] : Array.isArray(selectors) ? selectors : undefined;
      if (!list) {
        problems.push(`${file}: ${key}.${field} must be a selector or a list of selectors; it is ignored.`);
        continue;
      }
      const good: string[] = [];
      for (const selector of list) {
        const problem = typeof selector === 'string' ? selectorProblem(selector) : 'it is not a string';
        if (problem)
          problems.push(`${file}: ${key}.${field}: the selector ${JSON.stringify(selector)} cannot be used (${problem}); it is ignored.`);
        else good.push(selector as string);
      }
      if (good.length) rule[field as RuleField] = good;
    }
    rules[host] = rule;
  }
  return { rules, problems };
}

function normalizeHost(key: string): string | undefined {
  const host = key
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '')
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d+)?$/.test(host) ? host : undefined;
}

/** The rule for a page: its host's own, else the longest domain it is under ("www.example.com" → "example.com"). */
export function ruleFor(rules: SiteRules, url: string): SiteRule | undefined {
  let host: string;
  try {
    const parsed = new URL(url);
    host = parsed.host.toLowerCase();
    const exact = rules[host] ?? rules[parsed.hostname.toLowerCase()];
    if (exact) return exact;
    host = parsed.hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    const rule = rules[host.slice(dot + 1)];
    if (rule) return rule;
  }
  return undefined;
}

/** Elements matched by any of the selectors, in document order, without those inside another match. */
export function matchRule(selectors: string[] | undefined, root: Document | Element): Element[] {
  if (!selectors?.length) return [];
  const found = $all(selectors.join(', '), root);
  const chosen = new Set<AnyNode>(found);
  return found.filter((element) => {
    for (let parent = element.parent; parent; parent = parent.parent) if (chosen.has(parent)) return false;
    return true;
  });
}
