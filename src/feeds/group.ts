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
const SEEDS = [0x9e3779b1, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f];

function shinglesOf(normalised: string): Set<string> {
  const shingles = new Set<string>();
  if (normalised.length <= SHINGLE) {
    if (normalised) shingles.add(normalised);
    return shingles;
  }
  for (let i = 0; i + SHINGLE <= normalised.length; i++) shingles.add(normalised.slice(i, i + SHINGLE));
  return shingles;
}

function hash(seed: number, text: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A few min-hashes: titles alike enough share one of them (nearly always), so only those are compared. */
function minHashes(shingles: Set<string>): string[] {
  return SEEDS.map((seed, index) => {
    let min = Number.POSITIVE_INFINITY;
    for (const shingle of shingles) min = Math.min(min, hash(seed, shingle));
    return `${index}:${min}`;
  });
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const shingle of a) if (b.has(shingle)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Candidate {
  story: number;
  shingles: Set<string>;
  numbers: string;
  time: number;
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

/** Whether the story holds another headline (not this one listed again) of the headline's source. */
function sameSourceOther(story: Story, headline: Headline): boolean {
  const key = headlineKey(headline);
  return [story.lead, ...story.others].some((member) => member.sourceUrl === headline.sourceUrl && headlineKey(member) !== key);
}

function groupAnew(headlines: readonly Headline[]): Story[] {
  const stories: Story[] = [];
  const byAddress = new Map<string, number>();
  const byHash = new Map<string, Candidate[]>();
  for (const headline of headlines) {
    const address = canonicalAddress(headline.url);
    let story = byAddress.get(address);
    const normalised = normaliseTitle(headline.title);
    const shingles = shinglesOf(normalised);
    const hashes = shingles.size ? minHashes(shingles) : [];
    const numbers = (normalised.match(/\p{N}+/gu) ?? []).join(' ');
    const time = timeOf(headline);
    if (story === undefined && shingles.size) {
      search: for (const key of hashes) {
        // Newest first: the last candidates of a bucket are the closest in time. A shingle shared by
        // many titles fills a bucket, so only the nearest few are compared (the work stays linear).
        const list = byHash.get(key) ?? [];
        for (let i = list.length - 1; i >= Math.max(0, list.length - BUCKET_LOOKS); i--) {
          const candidate = list[i]!;
          if (
            candidate.numbers === numbers &&
            closeInTime(candidate.time, time) &&
            jaccard(candidate.shingles, shingles) >= TITLE_SIMILARITY
          ) {
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
    const candidate = { story, shingles, numbers, time: timeOf(stories[story]!.lead) };
    for (const key of hashes) {
      const list = byHash.get(key);
      if (list) list.push(candidate);
      else byHash.set(key, [candidate]);
    }
  }
  return stories;
}
