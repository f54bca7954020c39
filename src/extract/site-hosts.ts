/* The shape of sites.json and the choice of a page's rule: plain data and URL logic, no parser, so that
   the reader's own process can pick a rule without loading the HTML parser (only the parser processes need it). */

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
export type RuleField = (typeof RULE_FIELDS)[number];

export function normalizeHost(key: string): string | undefined {
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
