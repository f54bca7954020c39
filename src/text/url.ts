/**
 * Web addresses. http and https are the only schemes kiosque fetches, follows,
 * stores or opens: a `javascript:`, `file:` or `data:` link from a page or a
 * feed is never acted upon. Every such check goes through this module.
 *
 * Credentials in an address (http://alice:secret@host/) are the user's to send
 * to that host only: they are never shown (displayUrl, hideCredentials: every
 * message, every JSON `url`), never inherited by a link resolved against the
 * address (webUrl with a base), never kept in plain text (the cache keeps a
 * digest of credentialsOf), and dropped on a redirect to another host (the client).
 */

/** The absolute http(s) address `href` points to (relative to `base`), or undefined for anything else. */
export function webUrl(href: string | undefined | null, base?: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    const url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    // A link found in a page or a feed never carries credentials: not those of the address it
    // was read from (a relative link would inherit them), not any of its own (shown on screen).
    // Set only when there are some: each setter reserialises the address (two of them were most of
    // what resolving a feed's 3,000 links cost).
    if (base !== undefined) {
      if (url.username !== '') url.username = '';
      if (url.password !== '') url.password = '';
    }
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * Whether a value is an absolute http(s) address. Asked of every headline read back from the cache
 * (3,000 in a reload): checked without making a URL object (URL.canParse), a scheme written plainly
 * first. Written otherwise (a tab inside "http", which the URL parser drops) it is not one here.
 */
export function isWebUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  return /^https?:/i.test(trimmed) && URL.canParse(trimmed);
}

/** The host of a URL for messages and labels, or the text itself (without credentials) when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return hideCredentials(url);
  }
}

/** Whether an address carries a user name or a password. */
export function hasCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

/** An address as it may be shown or stored in plain text: without user name and password. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return hideCredentials(url);
  }
}

// scheme://userinfo@ — up to the last "@" before the host ends, as a URL parser reads it, so a
// password with a raw "@" in it (as typed, not yet parsed) is taken out whole.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** A text (a message, an error from a library) with the credentials of every address in it taken out. */
export function hideCredentials(text: string): string {
  return text.replace(USERINFO, '$1');
}

/** The user name and password in an address, if any (to be hashed, never written down as they are). */
export function credentialsOf(url: string): { username: string; password: string } | undefined {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? { username: parsed.username, password: parsed.password } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether two addresses are the same place, credentials aside. */
export function sameAddress(a: string, b: string): boolean {
  return displayUrl(a) === displayUrl(b);
}
