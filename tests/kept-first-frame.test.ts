import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listModel } from '../src/app/list-model.js';
import {
  LEDGER_FILE,
  READING_STATE_FILE,
  readListSnapshot,
  SNAPSHOT_NAME,
  snapshotPlace,
  writeListSnapshot,
  type ListSnapshot,
  type ReaderStart,
} from '../src/app/list-snapshot.js';
import type { LoadedHeadlines } from '../src/app/reader-services.js';
import type { Headline } from '../src/feeds/types.js';
import { KEPT_LIST_NAME } from '../src/net/cache-folder.js';
import { LEDGER_NAME } from '../src/net/cache-ledger.js';
import { openReadingState } from '../src/store/reading-state.js';
import { firstFrame } from '../src/ui/terminal/first-paint.js';
import { paintList } from '../src/ui/terminal/paint-list.js';
import { DEFAULT_SCREEN_STYLE } from '../src/ui/terminal/style.js';

/**
 * The list the reader leaves, kept for its next first frame (app/list-snapshot.ts): painted from
 * it, the frame is the one painted from the headlines themselves; it is used only while every
 * file it was made from is as it was, and a file that is not one is ignored.
 */
const NOW = Date.parse('2026-11-24T12:00:00Z');
const ORIGIN = 'https://news.example';
const headlines: Headline[] = Array.from({ length: 40 }, (_, index) => ({
  source: index % 2 ? 'The Harbour Times' : 'La Gazette du Quai',
  sourceUrl: `${ORIGIN}/feed-${index % 2}`,
  title: `Headline number ${index + 1}`,
  url: `${ORIGIN}/story-${index + 1}`,
  published: new Date(NOW - (index + 1) * 3_600_000).toISOString(),
  author: null,
  summary: null,
}));
const loaded: LoadedHeadlines = { headlines, errors: [{ source: 'Broken feed', message: 'did not answer' }] };
const remembered = {
  read: { [`${ORIGIN}/story-1`]: '2026-11-24T11:00:00Z' },
  unread: {},
  readThrough: {},
  saved: {
    [`${ORIGIN}/story-2`]: {
      url: `${ORIGIN}/story-2`,
      title: 'Headline number 2',
      source: 'The Harbour Times',
      savedAt: '2026-11-24T10:00:00Z',
    },
  },
  positions: {},
};
const settings = { theme: {}, mouse: true, browser: '', keys: {} };
const paintOptions = { size: { columns: 100, rows: 30 }, now: NOW, locale: 'en-GB', style: DEFAULT_SCREEN_STYLE };

let home: string;
let start: ReaderStart;
const saved = { ...process.env };
beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'kiosque-kept-'));
  process.env['KIOSQUE_DATA_DIR'] = path.join(home, 'data');
  process.env['KIOSQUE_CONFIG_DIR'] = path.join(home, 'config');
  mkdirSync(path.join(home, 'cache'));
  mkdirSync(path.join(home, 'data'));
  mkdirSync(path.join(home, 'config'));
  writeFileSync(path.join(home, 'cache', LEDGER_FILE), 'kiosque-cache-ledger 1\nbase 0\n');
  writeFileSync(path.join(home, 'data', READING_STATE_FILE), '{}\n');
  start = { cacheDir: path.join(home, 'cache'), named: [`${ORIGIN}/feed-0`, `${ORIGIN}/feed-1`], sourcesFile: undefined, offline: false };
});
afterEach(() => {
  process.env = { ...saved };
});

function keep(): ListSnapshot {
  const snapshot = { settings, model: listModel(loaded, remembered, 120) };
  writeListSnapshot(snapshotPlace(start), snapshot);
  return snapshot;
}

describe('the list kept for the next first frame', () => {
  it('paints the frame the headlines themselves paint, row for row (read marks, stars, the failing source)', () => {
    keep();
    const kept = readListSnapshot(snapshotPlace(start));
    expect(kept).toBeDefined();
    expect(paintList(kept!.model, paintOptions)).toEqual(firstFrame({ loaded, remembered, ...paintOptions }));
    expect(kept!.model.unread).toBe(39);
  });

  it('keeps enough rows for a taller terminal, and the counts of the whole list', () => {
    const model = listModel(loaded, remembered, 10);
    expect(model.rows).toHaveLength(10);
    expect(model.stories).toBe(40);
  });

  it.each([
    ['the cache was written to (its ledger grew)', () => appendFileSync(path.join(home, 'cache', LEDGER_FILE), '+4096\n')],
    ['a read mark or a save was written', () => writeFileSync(path.join(home, 'data', READING_STATE_FILE), '{"read":{}}\n')],
    ['the settings or the sources changed', () => writeFileSync(path.join(home, 'config', 'config.json'), '{"sources":[]}')],
    ['other sources are named', () => (start = { ...start, named: [`${ORIGIN}/feed-0`] })],
    ['--offline', () => (start = { ...start, offline: true })],
    ['another cache folder', () => (start = { ...start, cacheDir: path.join(home, 'elsewhere') })],
  ])('is not used once %s', (_, change) => {
    keep();
    change();
    expect(readListSnapshot(snapshotPlace(start))).toBeUndefined();
  });

  it('is not used when its --sources file changed', () => {
    const file = path.join(home, 'sources.txt');
    writeFileSync(file, `${ORIGIN}/feed-0\n`);
    start = { ...start, sourcesFile: file };
    keep();
    expect(readListSnapshot(snapshotPlace(start))).toBeDefined();
    appendFileSync(file, `${ORIGIN}/feed-1\n`);
    expect(readListSnapshot(snapshotPlace(start))).toBeUndefined();
  });

  it('a file that is not one, or is cut short, is ignored', () => {
    keep();
    const file = snapshotPlace(start).file;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    expect(readListSnapshot(snapshotPlace(start))).toBeUndefined();
    const parsed = JSON.parse(text);
    parsed.model.rows[0].headline.title = 42;
    writeFileSync(file, JSON.stringify(parsed));
    expect(readListSnapshot(snapshotPlace(start))).toBeUndefined();
    writeFileSync(file, 'not json');
    expect(readListSnapshot(snapshotPlace(start))).toBeUndefined();
  });

  it('paints no control or escape sequence written into it', () => {
    keep();
    const file = snapshotPlace(start).file;
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    parsed.model.rows[0].headline.title = 'Hostile \u001B]0;pwned\u0007title \u001B[2J here';
    parsed.model.errors[0].source = 'Bad \u001B[31msource';
    writeFileSync(file, JSON.stringify(parsed));
    const frame = paintList(readListSnapshot(snapshotPlace(start))!.model, paintOptions).join('\n');
    const withoutOurStyles = frame.replace(/\u001B\[[0-9;]*m/g, '');
    expect(withoutOurStyles).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u009B]/);
    expect(withoutOurStyles).toContain('Hostile');
    expect(frame).not.toContain('\u001B[31msource');
  });

  it('names the files it depends on as the cache and the reading state name them', () => {
    expect(LEDGER_FILE).toBe(LEDGER_NAME);
    expect(SNAPSHOT_NAME).toBe(KEPT_LIST_NAME);
    const state = openReadingState({ dir: path.join(home, 'data') });
    expect(path.basename(state.path)).toBe(READING_STATE_FILE);
  });
});
