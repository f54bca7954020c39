/**
 * Web addresses. http and https are the only schemes kiosque fetches, follows,
 * stores or opens: a `javascript:`, `file:` or `data:` link from a page or a
 * feed is never acted upon. Every such check goes through this module.
 */

/** The absolute http(s) address `href` points to (relative to `base`), or undefined for anything else. */
export function webUrl(href: string | undefined | null, base?: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    const url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a value is an absolute http(s) address. */
export function isWebUrl(value: unknown): boolean {
  return typeof value === 'string' && webUrl(value) !== undefined;
}

/** The host of a URL for messages and labels, or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
