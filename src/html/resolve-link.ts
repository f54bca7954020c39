import { webUrl } from '../text/url.js';

// Apart from src/html/dom.ts so that a feed's parser (src/feeds/parse.ts) loads no css-select.

/** An absolute http(s) URL for an href, or undefined for javascript:, mailto:, fragments and garbage. */
export function resolveLink(href: string | undefined, base: string): string | undefined {
  // A fragment points inside the page itself: never a link to follow.
  return href?.trim().startsWith('#') ? undefined : webUrl(href, base);
}
