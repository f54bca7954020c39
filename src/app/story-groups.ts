import { groupStories, headlineKey, type Story } from '../feeds/group.js';
import type { Headline } from '../feeds/types.js';

/** The story a headline belongs to, as `headlines --json` gives it. */
export interface StoryGroup {
  /** The story's identity (its lead headline's): the same for every headline of the story. */
  id: string;
  /** Whether this headline is the one the reader shows for the story (the newest). */
  lead: boolean;
  /** Every source listing the story, the lead's first. */
  sources: string[];
  size: number;
}

/**
 * For each headline (in the same order), its story by the reader's one rule (feeds/group.ts).
 * `stories` are the headlines' own, when already known (app/story-memo.ts).
 */
export function storyGroups(headlines: Headline[], stories: Story[] = groupStories(headlines)): StoryGroup[] {
  const byKey = new Map<string, StoryGroup>();
  for (const story of stories) {
    const members = [story.lead, ...story.others];
    const sources = [...new Set(members.map((member) => member.source))];
    const id = shownKey(story.key);
    for (const member of members) {
      byKey.set(headlineKey(member), { id, lead: member === story.lead, sources, size: members.length });
    }
  }
  // A headline repeated within its source (a source configured twice) belongs to its twin's story.
  return headlines.map(
    (headline) =>
      byKey.get(headlineKey(headline)) ?? { id: shownKey(headlineKey(headline)), lead: true, sources: [headline.source], size: 1 },
  );
}

/**
 * A story's key as `--json` prints it: without the NUL that separates its source from its identity
 * (what the output's cleaning would take out). Printed with it, every slice of 3,000 headlines was
 * found to hold a control character, and cleaned and written again: a third of a warm reload's garbage.
 */
const shownKey = (key: string) => key.replaceAll('\u0000', '');
