import { $all, type AnyNode, type Document, type Element, selectorProblem } from '../html/dom.js';
import { normalizeHost, RULE_FIELDS, type RuleField, type SiteRule, type SiteRules } from './site-hosts.js';

export { ruleFor, type SiteRule, type SiteRules } from './site-hosts.js';

/* Selectors of sites.json checked (css-select compiles each), and a rule's elements found on a page. */

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
