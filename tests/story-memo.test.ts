import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keptStories } from '../src/app/story-memo.js';
import { groupStories } from '../src/feeds/group.js';
import type { Headline } from '../src/feeds/types.js';
import { KEPT_STORIES_NAME } from '../src/net/cache-folder.js';

const headline = (source: string, title: string, url: string, published = '2026-11-24T08:00:00.000Z'): Headline => ({
  source,
  sourceUrl: `https://${source}.example/feed.xml`,
  title,
  url,
  published,
  author: null,
  summary: null,
});

const reload = (): Headline[] => [
  headline('gazette', 'Le marché couvert rouvre ses portes samedi', 'https://gazette.example/marche'),
  headline('carnet', 'Le marché couvert rouvre ses portes samedi !', 'https://carnet.example/marche'),
  headline('gazette', 'La pluie revient sur les quais', 'https://gazette.example/pluie'),
];

/** Stories as titles, to compare what a reader sees. */
const titles = (stories: ReturnType<typeof groupStories>) => stories.map((story) => [story.lead, ...story.others].map((h) => h.title));

describe('the stories kept for a reload that brings the same headlines', () => {
  it('are the stories the grouping makes, on the headlines at hand, the first time and the next', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-stories-'));
    const first = reload();
    expect(titles(await keptStories(dir, first))).toEqual(titles(groupStories(first)));
    expect(titles(groupStories(first))).toEqual([
      ['Le marché couvert rouvre ses portes samedi', 'Le marché couvert rouvre ses portes samedi !'],
      ['La pluie revient sur les quais'],
    ]);
    const again = reload();
    const kept = await keptStories(dir, again);
    expect(titles(kept)).toEqual(titles(groupStories(first)));
    // The headlines of this reload, not the memo's copies.
    expect(kept[0]!.lead).toBe(again[0]);
    expect(kept.map((story) => story.key)).toEqual(groupStories(again).map((story) => story.key));
  });

  it('are not used for other headlines: a changed title is grouped anew', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-stories-'));
    await keptStories(dir, reload());
    const changed = reload();
    changed[1] = { ...changed[1]!, title: 'Un tout autre sujet' };
    expect(titles(await keptStories(dir, changed))).toEqual([
      ['Le marché couvert rouvre ses portes samedi'],
      ['Un tout autre sujet'],
      ['La pluie revient sur les quais'],
    ]);
  });

  it('a damaged or foreign memo is ignored, and replaced', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-stories-'));
    await keptStories(dir, reload());
    const file = path.join(dir, KEPT_STORIES_NAME);
    const memo = JSON.parse(readFileSync(file, 'utf8')) as { stories: number[][] };
    // Same key, but a headline listed in two stories: not a grouping of these headlines.
    writeFileSync(file, JSON.stringify({ ...memo, stories: [[0, 2], [2], [1]] }));
    expect(titles(await keptStories(dir, reload()))).toEqual(titles(groupStories(reload())));
    writeFileSync(file, '{"format": "kiosque-stories 1", "key"');
    expect(titles(await keptStories(dir, reload()))).toEqual(titles(groupStories(reload())));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ stories: memo.stories });
  });
});
