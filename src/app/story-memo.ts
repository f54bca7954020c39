import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { groupingRule, groupStories, headlineKey, type Story } from '../feeds/group.js';
import type { Headline } from '../feeds/types.js';
import { KEPT_STORIES_NAME } from '../net/cache-folder.js';
import { VERSION } from '../version.js';

/**
 * The stories of the last headlines grouped, kept in the cache folder: a reload whose sources all
 * answer "not modified" brings the very same headlines, and grouping 3,000 of them again was a fifth
 * of such a reload. A memo, never a source of truth: it is used only when its key, a digest of every
 * headline the grouping reads (source, identity, address, title, date, in order) and of the grouping
 * rule itself (feeds/group.ts groupingRule), is the one of the headlines at hand; anything else, or a
 * file that is not one, and the headlines are grouped as they would be without it.
 */

const FORMAT = 'kiosque-stories 1';

interface KeptStories {
  format: string;
  key: string;
  /** Each story as the indices of its headlines: its lead first, then the others, newest first. */
  stories: number[][];
}

/** The headlines' stories (as feeds/group.ts groupStories makes them), from the memo in `cacheDir` when it is theirs. */
export async function keptStories(cacheDir: string, headlines: readonly Headline[]): Promise<Story[]> {
  const file = path.join(cacheDir, KEPT_STORIES_NAME);
  const key = keyOf(headlines);
  // Read synchronously (a few KB): a reload that needs no other file read through the thread pool starts none of its threads.
  const kept = storiesFrom(readSoon(file), key, headlines);
  if (kept) return kept;
  const stories = groupStories(headlines);
  await keep(file, key, stories, headlines);
  return stories;
}

let rule: string | undefined;

function keyOf(headlines: readonly Headline[]): string {
  // The rule's own text, and what it does not show: fold's tables (with the release) and Unicode's data (with Node).
  rule ??= createHash('sha256')
    .update(`${groupingRule()}\u0000${VERSION}\u0000${process.versions.unicode ?? ''}`)
    .digest('hex');
  const hash = createHash('sha256').update(FORMAT).update(rule);
  for (const headline of headlines) {
    const id = (headline as Headline & { id?: unknown }).id;
    hash.update(`\u0001${headline.sourceUrl}\u0000${typeof id === 'string' ? id : ''}\u0000${headline.url}\u0000`);
    hash.update(`${headline.title}\u0000${headline.published ?? ''}`);
  }
  return hash.digest('hex');
}

/** The kept stories rebuilt on `headlines`, if the text is a memo of theirs that holds each of them once. */
function storiesFrom(text: string | undefined, key: string, headlines: readonly Headline[]): Story[] | undefined {
  if (!text) return undefined;
  let kept: Partial<KeptStories>;
  try {
    kept = JSON.parse(text) as Partial<KeptStories>;
  } catch {
    return undefined;
  }
  if (kept.format !== FORMAT || kept.key !== key || !Array.isArray(kept.stories)) return undefined;
  const placed = new Uint8Array(headlines.length);
  const stories: Story[] = [];
  for (const members of kept.stories) {
    if (!Array.isArray(members) || members.length === 0) return undefined;
    for (const index of members) {
      if (!Number.isInteger(index) || index < 0 || index >= headlines.length || placed[index]) return undefined;
      placed[index] = 1;
    }
    const [lead, ...others] = members.map((index: number) => headlines[index]!);
    stories.push({ key: headlineKey(lead!), lead: lead!, others });
  }
  return stories;
}

async function keep(file: string, key: string, stories: Story[], headlines: readonly Headline[]): Promise<void> {
  const indexOf = new Map(headlines.map((headline, index) => [headline, index]));
  const kept: KeptStories = {
    format: FORMAT,
    key,
    stories: stories.map((story) => [story.lead, ...story.others].map((headline) => indexOf.get(headline)!)),
  };
  const aside = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(aside, JSON.stringify(kept));
    await rename(aside, file);
  } catch {
    // A memo: not kept this time (no cache folder yet, a full disk) is only slower next time.
    await unlink(aside).catch(() => {});
  }
}

function readSoon(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
