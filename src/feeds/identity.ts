import { createHash } from 'node:crypto';
import type { Headline } from './types.js';

/**
 * An entry's identity, and the address an entry with no link is read at. Plenty of feeds have
 * entries with no link (status updates, podcasts, changelogs, Atom entries with only an id):
 * they are kept like any other, and read from the feed itself.
 */

/** The identity the feed gives an entry: its guid / id, else its link, else a digest of its title and date. */
export function entryIdentity(given: string | undefined, link: string | undefined, title: string, date: string | undefined): string {
  const id = given?.trim();
  if (id) return id;
  if (link) return link;
  return `sha1:${digest(`${title}\u0000${date ?? ''}`)}`;
}

/** Fragment naming an entry with no link inside its feed's address. */
const ENTRY_FRAGMENT = 'kiosque-entry=';

/**
 * Where an entry with no link is read: its feed's address with the entry's identity (digested) as
 * fragment. An address like any other for the reader's pages, saves, positions and saved copies,
 * and one that says by itself that it is read from the feed (isEntryAddress), even from a save.
 */
export function entryAddress(feedUrl: string, id: string): string {
  const url = new URL(feedUrl);
  url.hash = `${ENTRY_FRAGMENT}${digest(id).slice(0, 20)}`;
  return url.href;
}

/** The feed and the entry an entry address names, or undefined for any other address. */
export function parseEntryAddress(address: string): { feedUrl: string; digest: string } | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (!url.hash.startsWith(`#${ENTRY_FRAGMENT}`)) return undefined;
  const entry = url.hash.slice(ENTRY_FRAGMENT.length + 1);
  url.hash = '';
  return { feedUrl: url.href, digest: entry };
}

/** Whether an address is that of an entry with no page of its own, read from its feed. */
export function isEntryAddress(address: string): boolean {
  // Asked for every headline as the list is drawn: a look at the string, no parsing.
  return address.includes(`#${ENTRY_FRAGMENT}`);
}

/** Whether the entry of identity `id` is the one an entry address's digest names. */
export function isDigestOf(id: string, entryDigest: string): boolean {
  return digest(id).slice(0, 20) === entryDigest;
}

/** A headline as far as its identity goes. */
export type IdentifiedHeadline = Pick<Headline, 'url' | 'sourceUrl'> & { id?: string | undefined };

/**
 * The key a headline's read mark is kept under (state.json). An entry known by its link alone, or
 * with no link, is keyed by its address: the key earlier versions wrote, so their marks still
 * match. An entry the feed gives an id is keyed by that id, so that two entries sharing one link
 * are marked apart: as it is when the id names itself (an absolute URI: http:, tag:, urn:), else
 * (a bare "123") within its source.
 */
export function markKey(headline: IdentifiedHeadline): string {
  const id = headline.id;
  if (!id || id === headline.url || isEntryAddress(headline.url)) return headline.url;
  return /^[a-z][a-z0-9+.-]*:\S/i.test(id) ? id : `${headline.sourceUrl}#${id}`;
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
