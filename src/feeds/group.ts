import { fold } from '../text/fold.js';
import type { Headline } from './types.js';

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

/** A title folded for comparing: no case, accents, punctuation or spacing differences. */
export function normaliseTitle(title: string): string {
  return fold(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const SHINGLE = 3;
/** Shingles two titles must share (Jaccard) to be one story. */
export const TITLE_SIMILARITY = 0.7;
const DAY_MS = 24 * 60 * 60 * 1000;
const BUCKET_LOOKS = 48;
/**
 * Titles are looked up by bands of min-hashes (locality-sensitive hashing): BANDS bands of ROWS
 * min-hashes each, and two titles sharing a band are compared. Alike titles (Jaccard 0.7) share one
 * with probability 1 - (1 - 0.7^ROWS)^BANDS (99.3 %), titles with some words in common rarely do:
 * with one min-hash per band, titles of a small vocabulary were all candidates of each other.
 */
const ROWS = 3;
const BANDS = 12;
const HASHES = ROWS * BANDS;
const SEEDS = Int32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b);

/**
 * The shingles of one grouping (runs of 3 characters of the normalised titles), each given a small
 * number the first time it is seen, with its HASHES hashes worked out then, once: titles are lists of
 * these numbers, compared without building a set or a string (with sets of strings, grouping a
 * reload's 3,000 headlines took most of a warm reload's time).
 */
class Shingles {
  private readonly ids = new Map<number, number>();
  /** The hashes of shingle `id`, at id * HASHES … (id + 1) * HASHES. */
  private hashes = new Int32Array(1024 * HASHES);

  /** A title's shingles (a shorter title is its own one), sorted, without repeats. */
  of(normalised: string): Int32Array {
    const length = normalised.length;
    if (length === 0) return new Int32Array(0);
    const count = Math.max(1, length - SHINGLE + 1);
    const all = new Int32Array(count);
    // A short title is padded with zeros, which no shingle of a longer title has (no NUL survives normaliseTitle).
    let a = normalised.charCodeAt(0);
    let b = length > 1 ? normalised.charCodeAt(1) : 0;
    for (let i = 0; i < count; i++) {
      const c = i + 2 < length ? normalised.charCodeAt(i + 2) : 0;
      all[i] = this.idOf(a, b, c);
      a = b;
      b = c;
    }
    all.sort();
    let unique = 0;
    for (let i = 0; i < count; i++) if (unique === 0 || all[i] !== all[unique - 1]) all[unique++] = all[i]!;
    return all.subarray(0, unique);
  }

  /**
   * The number of the shingle of these three UTF-16 units. Keyed by a small integer when all three are
   * below 1024 (Latin, Greek, Cyrillic: nearly every shingle), which V8 keeps unboxed, else by the three
   * in one double (below 2^48: exact, and never below 2^32, the first unit being no NUL): a double key
   * is a heap number made at each lookup, some 240,000 of them for a reload's titles.
   */
  private idOf(a: number, b: number, c: number): number {
    const key = (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : a * 4294967296 + b * 65536 + c;
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    id = this.ids.size;
    this.ids.set(key, id);
    if ((id + 1) * HASHES > this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    // Hashed as the three units packed in a double: its low 32 bits and its high ones.
    const low = (b * 65536 + c) | 0;
    const high = a;
    for (let k = 0; k < HASHES; k++) {
      // FNV-style mixing of the shingle's two halves, then murmur3's finaliser.
      let h = Math.imul(SEEDS[k]! ^ low, 0x01000193);
      h = Math.imul(h ^ high, 0x01000193);
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      this.hashes[id * HASHES + k] = h ^ (h >>> 16);
    }
    return id;
  }

  /** A title's bands, one number (a small integer: fast keys) per band: titles alike enough share one (nearly always). */
  bandsOf(shingles: Int32Array): number[] {
    const minimums = new Int32Array(HASHES).fill(0x7fffffff);
    const hashes = this.hashes;
    for (let i = 0; i < shingles.length; i++) {
      const base = shingles[i]! * HASHES;
      for (let k = 0; k < HASHES; k++) {
        const value = hashes[base + k]!;
        if (value < minimums[k]!) minimums[k] = value;
      }
    }
    const bands: number[] = [];
    for (let band = 0; band < BANDS; band++) {
      let key = 0;
      for (let row = 0; row < ROWS; row++) key = Math.imul(key ^ minimums[band * ROWS + row]!, 0x01000193);
      bands.push(key & 0x3fffffff);
    }
    return bands;
  }
}

/** Whether two sorted shingle lists share at least TITLE_SIMILARITY of their union (Jaccard). */
function alike(a: Int32Array, b: Int32Array): boolean {
  const sizeA = a.length;
  const sizeB = b.length;
  if (sizeA === 0 || sizeB === 0) return false;
  // The smaller can share at most all of itself: lists of too different sizes are never alike.
  if (Math.min(sizeA, sizeB) < TITLE_SIMILARITY * Math.max(sizeA, sizeB)) return false;
  let shared = 0;
  for (let i = 0, j = 0; i < sizeA && j < sizeB;) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (sizeA + sizeB - shared) >= TITLE_SIMILARITY;
}

interface Candidate {
  story: number;
  shingles: Int32Array;
  numbers: string;
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
  const code = [
    groupAnew,
    alike,
    closeInTime,
    timeOf,
    sameSourceOther,
    canonicalAddress,
    normaliseTitle,
    fold,
    Shingles,
    sketchOf,
    headlineKey,
    headlineId,
  ];
  const constants = [SHINGLE, TITLE_SIMILARITY, DAY_MS, BUCKET_LOOKS, ROWS, BANDS, Array.from(SEEDS), TRACKING.source];
  return `${code.map(String).join('\n')}\n${JSON.stringify(constants)}`;
}

/** Whether the story holds another headline (not this one listed again) of the headline's source. */
function sameSourceOther(story: Story, headline: Headline): boolean {
  const key = headlineKey(headline);
  return [story.lead, ...story.others].some((member) => member.sourceUrl === headline.sourceUrl && headlineKey(member) !== key);
}

/** What grouping reads of a title, worked out once per title (sketchTitles, groupAnew). */
interface TitleSketch {
  shingles: Int32Array;
  bands: number[];
  numbers: string;
}

/**
 * Titles sketched ahead of their grouping, with the one Shingles they were made with (shingle numbers
 * are only comparable within one). Both are let go by the grouping that uses them, so they hold one
 * reload's titles at most.
 */
let shingler = new Shingles();
let sketches = new Map<string, TitleSketch>();

function sketchOf(title: string): TitleSketch {
  let sketch = sketches.get(title);
  if (!sketch) {
    const normalised = normaliseTitle(title);
    const shingles = shingler.of(normalised);
    const bands = shingles.length ? shingler.bandsOf(shingles) : [];
    sketch = { shingles, bands, numbers: (normalised.match(/\p{N}+/gu) ?? []).join(' ') };
    sketches.set(title, sketch);
  }
  return sketch;
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
    const { shingles, bands: hashes, numbers } = sketchOf(headline.title);
    const time = timeOf(headline);
    if (story === undefined && shingles.length) {
      search: for (let band = 0; band < hashes.length; band++) {
        // Newest first: the last candidates of a bucket are the closest in time. A shingle shared by
        // many titles fills a bucket, so only the nearest few are compared (the work stays linear).
        let next = newest[band]!.get(hashes[band]!) ?? -1;
        for (let looks = 0; next >= 0 && looks < BUCKET_LOOKS; looks++, next = older[next * BANDS + band]!) {
          const candidate = candidates[next]!;
          if (candidate.looked === index) continue;
          candidate.looked = index;
          if (candidate.numbers === numbers && closeInTime(candidate.time, time) && alike(candidate.shingles, shingles)) {
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
    candidates.push({ story, shingles, numbers, time: timeOf(stories[story]!.lead), looked: index });
    for (let band = 0; band < hashes.length; band++) {
      older[index * BANDS + band] = newest[band]!.get(hashes[band]!) ?? -1;
      newest[band]!.set(hashes[band]!, index);
    }
  }
  // The sketches served: the next reload's titles start a table of their own.
  shingler = new Shingles();
  sketches = new Map();
  return stories;
}
