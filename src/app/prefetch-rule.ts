import type { Article } from '../extract/types.js';
import { webUrl } from '../text/url.js';

/**
 * Which links the reader may fetch ahead, with no key pressed. A page chooses its links,
 * so prefetching any of them would let a page make the reader send requests where it
 * likes: to another site (a GET that deletes, a tracker), or into the reader's own
 * network (a router's admin page, a service on localhost). The rule:
 *
 * - the link is on the article's own site: the same host name, a leading "www." aside,
 *   and the same port. Not the registrable domain: telling example.co.uk from
 *   co.uk needs the public suffix list, a dependency kiosque does not have, and a
 *   guess would count evil.co.uk as bbc.co.uk's site. news.example.com linking
 *   example.com is therefore not prefetched (it still opens when asked);
 * - a loopback, private, link-local or local-only name is reached only from a page that
 *   is itself on one (the demo newsstand and a reader's own intranet keep prefetching).
 *
 * Links the reader opens with a key are never subject to this: only reading ahead is.
 */
export function mayPrefetch(pageUrl: string, linkUrl: string): boolean {
  const page = parsed(pageUrl);
  const link = parsed(linkUrl);
  if (!page || !link) return false;
  if (isInternalHost(link.hostname) && !isInternalHost(page.hostname)) return false;
  return siteName(page.hostname) === siteName(link.hostname) && page.port === link.port;
}

function parsed(url: string): URL | undefined {
  const href = webUrl(url);
  return href === undefined ? undefined : new URL(href);
}

/** The host name without a leading "www.": www.example.com and example.com are one site. */
function siteName(hostname: string): string {
  return hostname.replace(/^www\./, '');
}

/**
 * Whether a host name (as the WHATWG URL parser gives it: lower case, IPv4 in dotted
 * decimal whatever form it was written in, IPv6 in brackets) names the machine itself or
 * its local network. A public name that resolves to a private address is not seen here:
 * that would take a DNS lookup, and a name chosen by the page's own site is its site.
 */
export function isInternalHost(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name.startsWith('[')) return isInternalIpv6(name.slice(1, -1));
  const v4 = ipv4(name);
  if (v4) return isInternalIpv4(v4);
  // Names that only the local machine or network resolves (RFC 6761, 6762, 8375, and the ICANN-reserved .internal).
  return (
    name === 'localhost' ||
    /\.(?:localhost|local|internal|home\.arpa|lan|intranet)$/.test(name) ||
    // A single label (http://router/, http://nas/) is resolved by the local network's search domains.
    !name.includes('.')
  );
}

function ipv4(name: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  if (!match) return undefined;
  const bytes = match.slice(1).map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function isInternalIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 127 || // loopback 127/8
    a === 10 || // private 10/8
    a === 0 || // "this network" 0/8 (0.0.0.0 reaches the local machine)
    (a === 172 && b >= 16 && b <= 31) || // private 172.16/12
    (a === 192 && b === 168) || // private 192.168/16
    (a === 169 && b === 254) || // link-local 169.254/16 (cloud metadata services)
    (a === 100 && b >= 64 && b <= 127) // shared address space 100.64/10 (carrier-grade NAT, VPNs)
  );
}

function isInternalIpv6(address: string): boolean {
  const groups = ipv6Groups(address);
  if (!groups) return true; // Not an address the parser would give: not to be fetched ahead.
  const [first = 0] = groups;
  const zeroPrefix = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroPrefix(7) && (groups[7] === 0 || groups[7] === 1)) return true; // :: and ::1
  if ((first & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0) return true; // link-local fe80::/10, old site-local fec0::/10
  // An IPv4 address inside IPv6 (::ffff:a.b.c.d mapped, ::a.b.c.d compatible) is that IPv4 address.
  if (zeroPrefix(5) && (groups[5] === 0xffff || groups[5] === 0)) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return isInternalIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return false;
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (hex groups, at most one "::"). */
function ipv6Groups(address: string): number[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const part = (text: string | undefined) => (text ? text.split(':') : []);
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail].map((group) =>
    /^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : NaN,
  );
  return groups.some(Number.isNaN) ? undefined : groups;
}

/** How many links are read ahead from one article. */
const PREFETCH_LIMIT = 8;

/**
 * Whether `target` may be read ahead from the article opened as `openedUrl` and read from
 * `pageUrl` (after its redirects): judged from both, since a redirect does not make another
 * site's links this site's. Used for the links themselves and for every redirect they take.
 */
export function mayPrefetchFrom(openedUrl: string, pageUrl: string, target: string): boolean {
  return mayPrefetch(openedUrl, target) && mayPrefetch(pageUrl, target);
}

/** The links of an article to read ahead, in the order the reader is likely to follow them: next, previous, related. */
export function prefetchTargets(openedUrl: string, article: Pick<Article, 'url' | 'next' | 'previous' | 'related'>): string[] {
  const links = [article.next?.url, article.previous?.url, ...article.related.map((link) => link.url)];
  const allowed = links.filter((url): url is string => url !== undefined && mayPrefetchFrom(openedUrl, article.url, url));
  return [...new Set(allowed)].slice(0, PREFETCH_LIMIT);
}
