import { webUrl } from '../../text/url.js';

/**
 * OSC 8 hyperlinks (ESC ] 8 ; ; URI BEL text ESC ] 8 ; ; BEL): a terminal that knows them makes
 * the text clickable, one that does not draws the text alone. The target comes from the web, so
 * it is held to more than a link is elsewhere: an http(s) address only, without credentials, of
 * printable ASCII only (the URI of OSC 8 may hold bytes 32 to 126; ESC, BEL or any control would
 * end the sequence early and let the rest of the address talk to the terminal), and not too long
 * for the terminals that keep it.
 */
const MAX_TARGET = 2000;

/** The address an OSC 8 link may carry, or undefined when `url` may not be one. */
export function linkTarget(url: string | undefined | null): string | undefined {
  const address = webUrl(url);
  if (!address) return undefined;
  const parsed = new URL(address);
  parsed.username = '';
  parsed.password = '';
  // The URL parser percent-encodes spaces, controls and non-ASCII already; anything else outside 33-126 is encoded here.
  const href = parsed.href.replace(/[^\u0021-\u007E]/gu, (char) => encodeURIComponent(char));
  if (href.length > MAX_TARGET || !/^https?:\/\/[\u0021-\u007E]+$/.test(href)) return undefined;
  return href;
}

const OPEN = '\u001B]8;;';
const BEL = '\u0007';

/** `text` made a link to `target` (already through linkTarget); the text itself is drawn as it is. */
export function hyperlink(text: string, target: string): string {
  if (!text) return text;
  return `${OPEN}${target}${BEL}${text}${OPEN}${BEL}`;
}
