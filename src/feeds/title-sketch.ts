import { fold } from '../text/fold.js';

/**
 * What story grouping (feeds/group.ts) reads of a title: its normalised text cut in shingles (runs of
 * 3 characters), given small numbers, and the min-hash bands they are looked up by. Apart from the
 * grouping itself: this is the per-title work, done while other sources are still on the wire.
 */

/** A title folded for comparing: no case, accents, punctuation or spacing differences. */
export function normaliseTitle(title: string): string {
  // `fold(title).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()`, read a character at a time: fold works
  // character by character, so the title's pieces (each character folded, its runs of anything but
  // letters and digits made one space) are joined, two spaces at a joint made one, and the ends trimmed.
  // Folding and a Unicode pattern over each title were a tenth of a cold reload's CPU (3,000 titles);
  // the characters are gathered as codes and made a string once (a string grown a character at a time
  // cost as much again).
  // (One difference, on malformed text only: a lone high surrogate, a mark, a lone low surrogate read
  // as nothing here, where the pattern, once the mark is dropped, read the two halves as one letter.)
  if (title.length > MAX_GATHERED / 4) return normaliseTitlePlainly(title);
  const codes = gathered;
  let length = 0;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    const code = title.charCodeAt(i);
    if (code < 0x80) {
      const lower = ASCII_CODES[code]!;
      if (lower === 0x20) gap = true;
      else {
        if (gap && length > 0) codes[length++] = 0x20;
        gap = false;
        codes[length++] = lower;
      }
      continue;
    }
    const next = i + 1 < title.length ? title.charCodeAt(i + 1) : 0;
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    const piece = pieceOf(pair ? (code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000 : code);
    if (pair) i++;
    // Folding gives at most 3 units a character today; should it ever give more, no unit is lost.
    if (length + piece.length + 1 > MAX_GATHERED) return normaliseTitlePlainly(title);
    // A piece is its folded characters, with a space for each run of anything but letters and digits.
    for (let k = 0; k < piece.length; k++) {
      const unit = piece.charCodeAt(k);
      if (unit === 0x20) gap = true;
      else {
        if (gap && length > 0) codes[length++] = 0x20;
        gap = false;
        codes[length++] = unit;
      }
    }
  }
  return length === 0 ? '' : String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
}

function normaliseTitlePlainly(title: string): string {
  return fold(title)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Where normaliseTitle gathers a title's characters: a folded character is at most a few (NFD then marks
 * dropped leaves one or two; a ligature two), so titles up to a quarter of it are gathered here, longer ones
 * read the plain way. Its size also keeps String.fromCharCode's arguments far below any engine's limit.
 */
const MAX_GATHERED = 8192;
const gathered = new Uint16Array(MAX_GATHERED);

/** What normaliseTitle makes of each ASCII character: itself in lower case when a letter or digit, else a space (a gap). */
const ASCII_CODES = Uint16Array.from({ length: 0x80 }, (_, code) => {
  const char = String.fromCharCode(code);
  return /[A-Za-z0-9]/.test(char) ? char.toLowerCase().charCodeAt(0) : 0x20;
});

/** Characters beyond ASCII as normaliseTitle reads them, by code point: titles use few distinct ones. */
const pieces = new Map<number, string>();

function pieceOf(point: number): string {
  let piece = pieces.get(point);
  if (piece === undefined) {
    piece = fold(String.fromCodePoint(point)).replace(/[^\p{L}\p{N}]+/gu, ' ');
    // Bounded, as fold's own table: a hostile title could hold any number of distinct characters.
    if (pieces.size < 65_536) pieces.set(point, piece);
  }
  return piece;
}

const SHINGLE = 3;
/** Shingles two titles must share (Jaccard) to be one story. */
export const TITLE_SIMILARITY = 0.7;
/**
 * Titles are looked up by bands of min-hashes (locality-sensitive hashing): BANDS bands of ROWS
 * min-hashes each, and two titles sharing a band are compared. Alike titles (Jaccard 0.7) share one
 * with probability 1 - (1 - 0.7^ROWS)^BANDS (99.3 %), titles with some words in common rarely do:
 * with one min-hash per band, titles of a small vocabulary were all candidates of each other.
 */
const ROWS = 3;
export const BANDS = 12;
const HASHES = ROWS * BANDS;
const SEEDS = Int32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) ^ 0x85ebca6b);

/**
 * The shingles of one grouping (runs of 3 characters of the normalised titles), each given a small
 * number the first time it is seen, with its HASHES hashes worked out then, once: titles are lists of
 * these numbers, compared without building a set or a string (with sets of strings, grouping a
 * reload's 3,000 headlines took most of a warm reload's time). Every title's list is kept in one
 * array (`lists`, at the offsets its sketch gives): a typed array or two of its own for each of
 * 3,000 titles were half of what sketching them cost.
 */
class Shingles {
  private readonly ids = new Map<number, number>();
  /** The hashes of shingle `id`, at id * HASHES … (id + 1) * HASHES. */
  private hashes = new Int32Array(1024 * HASHES);
  /** Every title's shingles, one list after the other (each sorted, without repeats). */
  lists = new Int32Array(16_384);
  private used = 0;

  /** A title's shingles (a shorter title is its own one), sorted, without repeats: their offset in `lists`, and their count. */
  of(normalised: string): { from: number; count: number } {
    const length = normalised.length;
    const from = this.used;
    if (length === 0) return { from, count: 0 };
    const count = Math.max(1, length - SHINGLE + 1);
    if (from + count > this.lists.length) {
      const grown = new Int32Array(Math.max(this.lists.length * 2, from + count));
      grown.set(this.lists.subarray(0, from));
      this.lists = grown;
    }
    const all = this.lists;
    // A short title is padded with zeros, which no shingle of a longer title has (no NUL survives normaliseTitle).
    let a = normalised.charCodeAt(0);
    let b = length > 1 ? normalised.charCodeAt(1) : 0;
    for (let i = 0; i < count; i++) {
      const c = i + 2 < length ? normalised.charCodeAt(i + 2) : 0;
      all[from + i] = this.idOf(a, b, c);
      a = b;
      b = c;
    }
    all.subarray(from, from + count).sort();
    let unique = 0;
    for (let i = 0; i < count; i++) if (unique === 0 || all[from + i] !== all[from + unique - 1]) all[from + unique++] = all[from + i]!;
    this.used = from + unique;
    return { from, count: unique };
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
  bandsOf(from: number, count: number): number[] {
    const minimums = MINIMUMS.fill(0x7fffffff);
    const hashes = this.hashes;
    const lists = this.lists;
    for (let i = from; i < from + count; i++) {
      const base = lists[i]! * HASHES;
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

/** bandsOf's minimums, made once. */
const MINIMUMS = new Int32Array(HASHES);

/** What grouping reads of a title, worked out once per title (sketchTitles, feeds/group.ts). */
export interface TitleSketch {
  /** Its shingles, in the sketches' `lists` (titleLists()). */
  from: number;
  count: number;
  bands: number[];
  numbers: string;
}

/**
 * Titles sketched ahead of their grouping, with the one Shingles they were made with (shingle numbers
 * are only comparable within one). Both are let go by the grouping that uses them (sketchesDone), so
 * they hold one reload's titles at most.
 */
let shingler = new Shingles();
let sketches = new Map<string, TitleSketch>();

export function sketchOf(title: string): TitleSketch {
  let sketch = sketches.get(title);
  if (!sketch) {
    const normalised = normaliseTitle(title);
    const { from, count } = shingler.of(normalised);
    const bands = count ? shingler.bandsOf(from, count) : [];
    sketch = { from, count, bands, numbers: (normalised.match(/\p{N}+/gu) ?? []).join(' ') };
    sketches.set(title, sketch);
  }
  return sketch;
}

/** The shingle lists the sketches made so far point into (read it after the last sketchOf: it grows). */
export const titleLists = (): Int32Array => shingler.lists;

/** The sketches served: the next reload's titles start a table of their own. */
export function sketchesDone(): void {
  shingler = new Shingles();
  sketches = new Map();
}

/** Whether two sorted shingle lists (in `lists`) share at least TITLE_SIMILARITY of their union (Jaccard). */
export function alike(lists: Int32Array, a: TitleSketch, b: TitleSketch): boolean {
  const sizeA = a.count;
  const sizeB = b.count;
  if (sizeA === 0 || sizeB === 0) return false;
  // The smaller can share at most all of itself: lists of too different sizes are never alike.
  if (Math.min(sizeA, sizeB) < TITLE_SIMILARITY * Math.max(sizeA, sizeB)) return false;
  let shared = 0;
  const endA = a.from + sizeA;
  const endB = b.from + sizeB;
  for (let i = a.from, j = b.from; i < endA && j < endB;) {
    const x = lists[i]!;
    const y = lists[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (sizeA + sizeB - shared) >= TITLE_SIMILARITY;
}

/** This module's rule, as written (feeds/group.ts groupingRule): its code and its constants. */
export function sketchRule(): string {
  const code = [normaliseTitle, pieceOf, fold, Shingles, sketchOf, alike];
  const constants = [SHINGLE, TITLE_SIMILARITY, ROWS, BANDS, Array.from(SEEDS), Array.from(ASCII_CODES), MAX_GATHERED];
  return `${code.map(String).join('\n')}\n${JSON.stringify(constants)}`;
}
