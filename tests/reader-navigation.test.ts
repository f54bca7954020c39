import { describe, expect, it } from 'vitest';
import type { Article } from '../src/extract/types.js';
import type { Headline } from '../src/feeds/types.js';
import { articleLines, initialState, readerReducer, visibleHeadlines, type Action, type ReaderState } from '../src/state/reader.js';
import { headlineAtCursor } from '../src/state/selectors.js';

/** Reducer tests (no Ink) for the reader's navigation: q / Esc, J / K / u, search, resize, keys in one write, sources as they come. */

const NOW = Date.UTC(2026, 0, 2, 9, 30);
const HOUR = 60 * 60 * 1000;

const headline = (source: string, n: number, title: string, hoursAgo = n): Headline => ({
  source,
  sourceUrl: `http://${source.toLowerCase()}/feed`,
  title,
  url: `http://${source.toLowerCase()}/${n}`,
  published: new Date(NOW - hoursAgo * HOUR).toISOString(),
  author: null,
  summary: null,
});

function article(url: string, paragraphs = 40, extra: Partial<Article> = {}): Article {
  return {
    url,
    canonicalUrl: null,
    access: 'full',
    title: `Title of ${url}`,
    byline: null,
    published: null,
    section: null,
    siteName: null,
    lang: null,
    description: null,
    blocks: Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph' as const, text: `Paragraph ${i} about the harbour.` })),
    related: [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: 0,
    ...extra,
  };
}

const key = (input: string, flags: Record<string, boolean> = {}): Action => ({ type: 'key', input, key: flags, now: NOW });
const run = (state: ReaderState, ...actions: Action[]) => actions.reduce(readerReducer, state);

function listOf(headlines: Headline[], height = 10): ReaderState {
  return readerReducer(initialState({ viewport: { width: 80, height }, locale: 'en' }), { type: 'sources/loaded', headlines, errors: [] });
}

const A = [headline('A', 1, 'Port news'), headline('A', 2, 'Jazz festival'), headline('A', 3, 'Numéro spécial sur la marée')];

/** Opens the row under the cursor and loads its page. */
function openHere(state: ReaderState, paragraphs = 40): ReaderState {
  const opened = readerReducer(state, { type: 'list/open' });
  if (opened.place.kind !== 'article') throw new Error('not opened');
  return readerReducer(opened, {
    type: 'page/loaded',
    url: opened.place.url,
    article: article(opened.place.url, paragraphs),
    stale: false,
  });
}

describe('q and Esc in an article', () => {
  it('q returns to the list in one press after following three links; history stays on h / L', () => {
    let state = openHere(run(listOf(A), { type: 'list/move', delta: 1 }));
    for (const n of [7, 8, 9]) state = readerReducer(state, { type: 'open', url: `http://elsewhere/${n}` });
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://elsewhere/9' });
    state = readerReducer(state, key('q'));
    expect(state.place).toEqual({ kind: 'list', cursor: 1 });
    // L goes forward through what was passed, one step at a time, as h would have come back.
    state = readerReducer(state, key('L'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/2' });
    state = run(state, key('L'), key('L'), key('L'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://elsewhere/9' });
    state = readerReducer(state, key('h'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://elsewhere/8' });
  });

  it('Esc does the same; q in the list still quits', () => {
    let state = openHere(listOf(A));
    state = readerReducer(state, { type: 'open', url: 'http://elsewhere/1' });
    state = readerReducer(state, key('', { escape: true, meta: true }));
    expect(state.place).toEqual({ kind: 'list', cursor: 0 });
    state = readerReducer(state, key('q'));
    expect(state.requests.map((request) => request.kind)).toContain('quit');
  });

  it('Esc in a list view goes back; on the headline list it clears a kept filter and never quits', () => {
    let state = run(listOf(A), key('S'), key('', { escape: true, meta: true }));
    expect(state.place).toEqual({ kind: 'list', cursor: 0 });
    state = run(state, key('/'), key('jazz'), key('', { return: true }));
    expect(state.filter).toBe('jazz');
    state = run(state, key('', { escape: true, meta: true }), key('', { escape: true, meta: true }));
    expect(state.filter).toBe('');
    expect(state.requests.map((request) => request.kind)).not.toContain('quit');
  });
});

describe('J, K and u: the next, previous and next unread headline from inside an article', () => {
  it('open the neighbouring headlines of the list the article was opened from, without going back to it', () => {
    let state = openHere(listOf(A));
    state = readerReducer(state, key('J'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/2' });
    state = readerReducer(state, key('J'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/3' });
    state = readerReducer(state, key('J'));
    expect(state.notice).toBe('This is the last headline');
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/3' });
    state = readerReducer(state, key('K'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/2' });
    // q: back to the list, the cursor on the headline last opened.
    state = readerReducer(state, key('q'));
    expect(state.place).toEqual({ kind: 'list', cursor: 1 });
  });

  it('u skips what is read, and says when nothing is left', () => {
    let state = run(listOf(A), { type: 'list/move', delta: 1 }, { type: 'mark/toggle' }, { type: 'list/edge', edge: 'first' });
    state = openHere(state);
    state = readerReducer(state, key('u'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/3' });
    state = readerReducer(state, key('u'));
    expect(state.notice).toBe('No unread headline left');
  });

  it('in the list, J / K move the cursor and u goes to the next unread row', () => {
    let state = run(listOf(A), { type: 'list/move', delta: 1 }, { type: 'mark/toggle' }, { type: 'list/edge', edge: 'first' });
    state = readerReducer(state, key('J'));
    expect(state.place).toEqual({ kind: 'list', cursor: 1 });
    state = run(state, key('K'), key('u'));
    expect(state.place).toEqual({ kind: 'list', cursor: 2 });
  });
});

describe('search inside an article', () => {
  it('/ words Enter goes to the first match from the top of the view, N to the next, round again from the end', () => {
    let state = openHere(listOf(A), 60);
    state = run(state, key('/'), ...[...'PARAGRAPH 1'].map((char) => key(char)), key('', { return: true }));
    expect(state.search).toMatchObject({ query: 'PARAGRAPH 1', typing: false });
    const lines = articleLines(state);
    const first = state.search!.line;
    expect(lines[first]!.text).toMatch(/^Paragraph 1 /);
    state = readerReducer(state, key('N'));
    expect(lines[state.search!.line]!.text).toMatch(/^Paragraph 10 /);
    // Each match is brought into view.
    expect(state.place.kind === 'article' && state.search!.line >= state.place.scroll).toBe(true);
    expect(state.notice).toMatch(/^Match 2 of 11 lines/);
    for (let i = 0; i < 10; i++) state = readerReducer(state, key('N'));
    expect(state.search!.line).toBe(first);
    expect(state.notice).toMatch(/from the top again/);
    // Esc first ends the search, then leaves the article.
    state = readerReducer(state, key('', { escape: true }));
    expect(state.search).toBeNull();
    expect(state.place.kind).toBe('article');
  });

  it('ignores accents and case, and says when nothing matches', () => {
    let state = openHere(listOf(A), 5);
    state = run(state, key('/'), key('HÂRBOUR'), key('', { return: true }));
    expect(state.search!.line).toBeGreaterThan(0);
    state = run(state, key('/'), key('nowhere'), key('', { return: true }));
    expect(state.notice).toBe('Not found in this article: "nowhere"');
  });
});

describe('the list filter', () => {
  it('ignores accents and case: NUMERO finds numéro, MAREE finds marée', () => {
    const state = run(listOf(A), key('/'), key('NUMERO MAREE'));
    expect(visibleHeadlines(state).map((row) => row.title)).toEqual(['Numéro spécial sur la marée']);
  });
});

describe('resize', () => {
  it('at the end of an article, a taller window keeps the last lines at the bottom (the scroll is clamped)', () => {
    let state = openHere(listOf(A, 27), 40);
    state = readerReducer(state, { type: 'scroll/edge', edge: 'bottom' });
    const lines = articleLines(state).length;
    expect(state.place).toMatchObject({ scroll: lines - 27 });
    state = readerReducer(state, { type: 'resize', width: 80, height: 42 });
    expect(state.place).toMatchObject({ scroll: lines - 42 });
    // Taller than the article: from its top.
    state = readerReducer(state, { type: 'resize', width: 80, height: 500 });
    expect(state.place).toMatchObject({ scroll: 0 });
  });
});

describe('keys in one write', () => {
  it('j and Enter together (tmux send-keys j Enter) move and open: Enter is not dropped', () => {
    const state = readerReducer(listOf(A), key('j\r'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/2' });
  });

  it('an Enter typed ahead, before the reader took the terminal (it reads as "\\n"), opens the headline', () => {
    const state = readerReducer(listOf(A), key('\n'));
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/1' });
  });

  it('a digit with no link says so', () => {
    const state = readerReducer(openHere(listOf(A)), key('5'));
    expect(state.notice).toBe('No link [5] in this article (l lists its links)');
  });
});

describe('sources as they come', () => {
  const B = [headline('B', 11, 'Market hall reopens', 0.5), headline('B', 12, 'Ferry timetable', 2.5)];
  const row = (source: string) => ({ url: `http://${source.toLowerCase()}/feed`, title: source, group: [], error: null });

  it('merge in newest first, the cursor staying on the headline it was on; each source counts until it is in', () => {
    let state = readerReducer(initialState({ viewport: { width: 80, height: 10 }, locale: 'en' }), {
      type: 'sources/loading',
      sources: [row('A'), row('B'), row('C')],
    });
    expect(state.pendingSources).toHaveLength(3);
    // A's headlines kept from last time come first, marked, A still loading.
    state = readerReducer(state, { type: 'source/loaded', source: row('A'), headlines: A, done: false, stale: true });
    expect(state.keptSources).toEqual({ 'http://a/feed': true });
    expect(state.pendingSources).toHaveLength(3);
    state = run(state, { type: 'list/move', delta: 1 });
    expect(headlineAtCursor(state)?.title).toBe('Jazz festival');
    // B comes: its headlines slot in by date; the cursor stays on "Jazz festival".
    state = readerReducer(state, { type: 'source/loaded', source: row('B'), headlines: B, done: true, stale: false });
    expect(visibleHeadlines(state).map((h) => h.title)).toEqual([
      'Market hall reopens',
      'Port news',
      'Jazz festival',
      'Ferry timetable',
      'Numéro spécial sur la marée',
    ]);
    expect(headlineAtCursor(state)?.title).toBe('Jazz festival');
    expect(state.pendingSources).toEqual(['http://a/feed', 'http://c/feed']);
    // A fresh: no longer marked. C fails: one error, the reader is done loading.
    state = readerReducer(state, { type: 'source/loaded', source: row('A'), headlines: A, done: true, stale: false });
    expect(state.keptSources).toEqual({});
    state = readerReducer(state, {
      type: 'source/loaded',
      source: { ...row('C'), error: 'did not answer within 30 s' },
      headlines: [],
      done: true,
      stale: false,
    });
    expect(state.loadingSources).toBe(false);
    expect(state.sourceErrors).toEqual([{ source: 'C', message: 'did not answer within 30 s', url: 'http://c/feed' }]);
    expect(headlineAtCursor(state)?.title).toBe('Jazz festival');
    // E lists the failures; Enter browses the source that failed.
    state = readerReducer(state, key('E'));
    expect(state.place).toEqual({ kind: 'failures', cursor: 0 });
    state = readerReducer(state, key('', { return: true }));
    expect(state.place).toMatchObject({ kind: 'source', url: 'http://c/feed' });
  });

  it('a refresh counts what is new ("2 new"), g to the top has it said', () => {
    let state = listOf(A);
    state = readerReducer(state, { type: 'sources/loading', refresh: true });
    state = readerReducer(state, { type: 'sources/loaded', headlines: [...B, ...A], errors: [] });
    expect(state.newCount).toBe(2);
    state = readerReducer(state, key('g'));
    expect(state.newCount).toBe(0);
  });
});

describe('stories across sources', () => {
  it('one row for the same article in two sources; opening it marks both read and names the other source', () => {
    const same = { ...headline('B', 21, 'Poland calls early elections', 1.5), url: 'http://a/1?utm_source=rss' };
    let state = listOf([A[0]!, same, A[1]!]);
    expect(visibleHeadlines(state).map((h) => h.title)).toEqual(['Port news', 'Jazz festival']);
    expect(visibleHeadlines(state)[0]!.others.map((h) => h.source)).toEqual(['B']);
    state = readerReducer(state, { type: 'list/open' });
    expect(state.place).toMatchObject({ kind: 'article', url: 'http://a/1', also: [{ source: 'B', url: same.url }] });
    expect(Object.keys(state.read).sort()).toEqual(['http://a/1', same.url].sort());
    state = readerReducer(state, { type: 'page/loaded', url: 'http://a/1', article: article('http://a/1', 3), stale: false });
    expect(articleLines(state).some((line) => line.text === 'Also in: B')).toBe(true);
    // m on the article: the whole story unread again.
    state = readerReducer(state, key('m'));
    expect(state.read).toEqual({});
  });
});
