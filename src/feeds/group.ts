import { alike, BANDS, sketchesDone, sketchOf, sketchRule, type TitleSketch, titleLists } from './title-sketch.js';
import type { Headline } from './types.js';

export { normaliseTitle, TITLE_SIMILARITY } from './title-sketch.js';

/**
 * The same story across sources, as one row: headlines are one story when they point to the
 * same canonical address, or when their titles, normalised, are near-identical (shingles) and
 * they were published within a day of each other. Pure: the reader's list and
 * `headlines --json` group with this one rule.
 */

/** A story: its lead (the newest headline, shown), and the same story in other sources. */
export interface Story {
  /** The lead's identity, as rows are keyed: never a display string. */
  key: string;
  lead: Headline;
  /** The other headlines of the story, newest first. */
  others: Headline[];
}

/**
 * A headline's identity within its source: the one the feed gives it (an entry's guid / id,
 * when the feed parser carries one as `id`), else its address.
 */
export function headlineId(headline: Headline): string {
  const id = (headline as Headline & { id?: unknown }).id;
  return typeof id === 'string' && id ? id : headline.url;
}

/** A headline's identity across sources: its source and its identity there. */
export function headlineKey(headline: Headline): string {
  return `${headline.sourceUrl}\u0000${headlineId(headline)}`;
}

const TRACKING = /^(?:utm_|xtor$|at_|fbclid$|gclid$|ref$|cmp$|ito$|mc_)/i;

/** An address as the same page would have it whichever feed lists it: no fragment, no tracking, http = https, no trailing slash. */
export function canonicalAddress(url: string): string {
  // An address already as the URL parser writes it, with no query: cut as it is (a URL and its search
  // parameters made for each of a reload's 3,000 headlines were a fifth of grouping them).
  const plain = PLAIN_ADDRESS.exec(url);
  if (plain && plainHost(plain[1]!, plain[2], url.charCodeAt(4) === 0x73)) {
    const host = plain[1]!.startsWith('www.') ? plain[1]!.slice(4) : plain[1]!;
    const path = plain[3]!.replace(/\/+$/, '') || '/';
    return `${host}${plain[2] ?? ''}${path}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) if (TRACKING.test(name)) parsed.searchParams.delete(name);
  const host = parsed.host.toLowerCase().replace(/^www\./, '');
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  return `${host}${path}${parsed.search}`;
}

/**
 * An http(s) address the URL parser leaves as it is, without a query or a fragment: a lower-case scheme
 * and host of letters, digits, dots and hyphens, a port, and a path of characters it keeps as they are
 * (no dot segment, no %2e, no backslash, nothing it escapes). The host and port are checked apart (plainHost).
 */
const PLAIN_ADDRESS = /^https?:\/\/([a-z0-9.-]+)(:[0-9]+)?((?:\/(?!(?:\.|%2[eE]){1,2}(?:\/|$))[A-Za-z0-9\-._~!$&'()*+,;=:@%]*)*)$/;

/**
 * Whether the URL parser writes this host and port as they are: a domain (labels not empty, no punycode
 * to check, a last label not a number: that is an IPv4 address in another notation) or an IPv4 address
 * in its own notation, and a port with no leading zero, in range and not the scheme's default.
 */
function plainHost(host: string, port: string | undefined, secure: boolean): boolean {
  if (port !== undefined) {
    const value = Number(port.slice(1));
    if (port.length < 2 || port.charCodeAt(1) === 0x30 || value > 65_535 || value === (secure ? 443 : 80)) return false;
  }
  const labels = host.split('.');
  if (labels.some((label) => label === '' || label.startsWith('xn--'))) return false;
  const last = labels[labels.length - 1]!;
  if (!/^(?:[0-9]+|0[xX][0-9a-fA-F]*)$/.test(last)) return true;
  return labels.length === 4 && labels.every((label) => /^(?:0|[1-9][0-9]{0,2})$/.test(label) && Number(label) <= 255);
}

const DAY_MS = 24 * 60 * 60 * 1000;
const BUCKET_LOOKS = 48;

interface Candidate {
  story: number;
  sketch: TitleSketch;
  time: number;
  /** The last headline (by index) it was compared with: a candidate in several buckets is compared once. */
  looked: number;
}

function timeOf(headline: Headline): number {
  return headline.published ? Date.parse(headline.published) : Number.NaN;
}

/** Within a day of each other; two undated headlines count as together, a dated and an undated one not. */
function closeInTime(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= DAY_MS;
}

/**
 * The headlines (newest first) as stories, in the order of their leads. Numbers in titles must
 * be the same ("day 3" and "day 4" are two stories however alike the rest is).
 */
export function groupStories(headlines: readonly Headline[]): Story[] {
  // The first paint, the title bar and the list all group the same loaded headlines: once is enough.
  let stories = grouped.get(headlines);
  if (!stories) {
    stories = groupAnew(headlines);
    grouped.set(headlines, stories);
  }
  return stories;
}

/** Stories by the array of headlines they were grouped from (arrays of headlines are never changed in place). */
const grouped = new WeakMap<readonly Headline[], Story[]>();

/**
 * The grouping rule as it is written: its code and its constants. Stories kept by a build with another
 * rule (app/story-memo.ts) are not this rule's, and are grouped again. What this text cannot show
 * (fold's tables in text/fold.ts, the Unicode version behind NFD and \p{L}) the memo's key takes
 * from kiosque's version and Node's Unicode version.
 */
export function groupingRule(): string {
  const code = [groupAnew, closeInTime, timeOf, sameSourceOther, canonicalAddress, plainHost, headlineKey, headlineId];
  const constants = [DAY_MS, BUCKET_LOOKS, TRACKING.source, PLAIN_ADDRESS.source];
  return `${sketchRule()}\n${code.map(String).join('\n')}\n${JSON.stringify(constants)}`;
}

/** Whether the story holds another headline (not this one listed again) of the headline's source. */
function sameSourceOther(story: Story, headline: Headline): boolean {
  const key = headlineKey(headline);
  return [story.lead, ...story.others].some((member) => member.sourceUrl === headline.sourceUrl && headlineKey(member) !== key);
}

/**
 * Works out what grouping reads of these titles now: called as each source's headlines arrive, while
 * other sources are still on the wire, so that the grouping at the end of a reload only compares
 * (most of its time was this). The same stories either way: a sketch is a pure function of its title.
 */
export function sketchTitles(headlines: readonly Headline[]): void {
  for (const headline of headlines) sketchOf(headline.title);
}

function groupAnew(headlines: readonly Headline[]): Story[] {
  const stories: Story[] = [];
  const byAddress = new Map<string, number>();
  // Per band, the newest headline (by index) with each band number; each headline's previous one with
  // the same number in `older`: the bucket is walked newest first, and no array is made per number.
  const newest = Array.from({ length: BANDS }, () => new Map<number, number>());
  const older = new Int32Array(headlines.length * BANDS);
  const candidates: Candidate[] = [];
  for (let index = 0; index < headlines.length; index++) {
    const headline = headlines[index]!;
    const address = canonicalAddress(headline.url);
    let story = byAddress.get(address);
    const sketch = sketchOf(headline.title);
    const { bands: hashes, numbers } = sketch;
    const time = timeOf(headline);
    if (story === undefined && sketch.count) {
      // Read after this title's sketch: the lists grow as titles are sketched.
      const lists = titleLists();
      search: for (let band = 0; band < hashes.length; band++) {
        // Newest first: the last candidates of a bucket are the closest in time. A shingle shared by
        // many titles fills a bucket, so only the nearest few are compared (the work stays linear).
        let next = newest[band]!.get(hashes[band]!) ?? -1;
        for (let looks = 0; next >= 0 && looks < BUCKET_LOOKS; looks++, next = older[next * BANDS + band]!) {
          const candidate = candidates[next]!;
          if (candidate.looked === index) continue;
          candidate.looked = index;
          if (candidate.sketch.numbers === numbers && closeInTime(candidate.time, time) && alike(lists, candidate.sketch, sketch)) {
            story = candidate.story;
            break search;
          }
        }
      }
    }
    // One source's entries are its own to tell apart: two of them sharing a link (a changelog's
    // entries, status updates) or a title are two stories, never one.
    if (story !== undefined && sameSourceOther(stories[story]!, headline)) story = undefined;
    if (story === undefined) {
      story = stories.length;
      stories.push({ key: headlineKey(headline), lead: headline, others: [] });
    } else {
      // The same source twice in one story (a source configured twice) adds nothing to say.
      const known = stories[story]!;
      const key = headlineKey(headline);
      if (key !== known.key && !known.others.some((other) => headlineKey(other) === key)) known.others.push(headline);
    }
    if (!byAddress.has(address)) byAddress.set(address, story);
    // Within a day of the story's lead (its newest headline), not of any member: stories do not drift from day to day.
    candidates.push({ story, sketch, time: timeOf(stories[story]!.lead), looked: index });
    for (let band = 0; band < hashes.length; band++) {
      older[index * BANDS + band] = newest[band]!.get(hashes[band]!) ?? -1;
      newest[band]!.set(hashes[band]!, index);
    }
  }
  sketchesDone();
  return stories;
}
