import { describe, expect, it } from 'vitest';
import { articleLines, initialState, readerReducer, visibleHeadlines, type ReaderState } from '../src/state/reader.js';
import type { Article } from '../src/extract/types.js';
import type { Headline } from '../src/feeds/types.js';

/** The time every key of these tests is pressed at: the reducer takes it from the action. */
const NOW = Date.UTC(2026, 0, 2, 9, 30);

const headline = (n: number, title: string): Headline => ({
  source: 'S',
  sourceUrl: 'http://s/',
  title,
  url: `http://s/${n}/`,
  published: null,
  author: null,
  summary: null,
});

function withHeadlines(): ReaderState {
  return readerReducer(initialState({ viewport: { width: 80, height: 10 }, locale: 'en' }), {
    type: 'sources/loaded',
    headlines: [headline(1, 'Port news'), headline(2, 'Jazz festival'), headline(3, 'Port storm')],
    errors: [],
  });
}

/** An article of n paragraphs; short ones take 2 lines each (text and blank) after a 2-line header. */
function article(paragraphs: number, text = 'A short paragraph.'): Article {
  return {
    url: 'http://s/1/',
    canonicalUrl: null,
    title: 'Title',
    byline: null,
    published: null,
    section: null,
    siteName: null,
    lang: null,
    description: null,
    blocks: Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph' as const, text: `${i} ${text}` })),
    related: [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: 0,
    access: 'full',
  };
}

describe('reader reducer', () => {
  it('keeps history with scroll positions: back and forward restore them', () => {
    let state = readerReducer(withHeadlines(), { type: 'list/move', delta: 1 });
    state = readerReducer(state, { type: 'list/open' });
    expect(state.place).toEqual({ kind: 'article', url: 'http://s/2/', scroll: 0 });
    state = readerReducer(state, { type: 'page/loaded', url: 'http://s/2/', article: article(40), stale: false });
    state = readerReducer(state, { type: 'scroll/by', lines: 5 });
    state = readerReducer(state, { type: 'open', url: 'http://s/9/' });
    state = readerReducer(state, { type: 'history/back' });
    expect(state.place).toEqual({ kind: 'article', url: 'http://s/2/', scroll: 5 });
    state = readerReducer(state, { type: 'history/back' });
    expect(state.place).toEqual({ kind: 'list', cursor: 1 });
    state = readerReducer(state, { type: 'history/forward' });
    expect(state.place).toEqual({ kind: 'article', url: 'http://s/2/', scroll: 5 });
  });

  it('clamps scrolling to the article', () => {
    let state = readerReducer(withHeadlines(), { type: 'open', url: 'http://s/1/' });
    state = readerReducer(state, { type: 'page/loaded', url: 'http://s/1/', article: article(11), stale: false });
    const lastTop = articleLines(state).length - state.viewport.height;
    expect(lastTop).toBe(14); // 2 header lines + 11 paragraphs of 2 lines, minus 10 visible
    state = readerReducer(state, { type: 'scroll/edge', edge: 'bottom' });
    expect(state.place).toMatchObject({ scroll: lastTop });
    state = readerReducer(state, { type: 'scroll/page', direction: 1 });
    expect(state.place).toMatchObject({ scroll: lastTop });
    state = readerReducer(state, { type: 'scroll/by', lines: -100 });
    expect(state.place).toMatchObject({ scroll: 0 });
  });

  it('routes keys in order even when they arrive before any render', () => {
    let state = withHeadlines();
    for (const input of '/port') state = readerReducer(state, { type: 'key', input, key: {}, now: NOW });
    expect(state.filter).toBe('port');
    state = readerReducer(state, { type: 'key', input: '', key: { return: true }, now: NOW });
    state = readerReducer(state, { type: 'key', input: 'j', key: {}, now: NOW });
    expect(visibleHeadlines(state).map((h) => h.title)).toEqual(['Port news', 'Port storm']);
    expect(state.place).toEqual({ kind: 'list', cursor: 1 });
  });

  it('asks the outside world to quit, reload or open the browser instead of doing it', () => {
    let state = readerReducer(withHeadlines(), { type: 'key', input: 'R', key: {}, now: NOW });
    state = readerReducer(state, { type: 'key', input: 'q', key: {}, now: NOW });
    expect(state.requests.map((r) => r.kind)).toEqual(['reload', 'quit']);
    state = readerReducer(state, { type: 'request/done', id: state.requests[0]!.id });
    expect(state.requests.map((r) => r.kind)).toEqual(['quit']);
  });

  it('keeps the block at the top in view when a resize re-wraps the text', () => {
    let state = readerReducer(withHeadlines(), { type: 'open', url: 'http://s/1/' });
    state = readerReducer(state, { type: 'page/loaded', url: 'http://s/1/', article: article(30, 'word '.repeat(30)), stale: false });
    state = readerReducer(state, { type: 'scroll/by', lines: 20 });
    const topBlock = articleLines(state)[20]!.block;
    state = readerReducer(state, { type: 'resize', width: 40, height: 10 });
    const scroll = state.place.kind === 'article' ? state.place.scroll : -1;
    expect(articleLines(state)[scroll]!.block).toBe(topBlock);
  });

  it('filters by every word typed', () => {
    let state = readerReducer(withHeadlines(), { type: 'filter/start' });
    for (const char of 'port st') state = readerReducer(state, { type: 'filter/input', text: char });
    expect(visibleHeadlines(state).map((h) => h.title)).toEqual(['Port storm']);
    state = readerReducer(state, { type: 'filter/done', keep: false });
    expect(visibleHeadlines(state)).toHaveLength(3);
  });

  it('marks opened articles read and retries a failed page when it is revisited', () => {
    let state = readerReducer(withHeadlines(), { type: 'open', url: 'http://s/1/' });
    expect(state.read['http://s/1/']).toBe(true);
    state = readerReducer(state, { type: 'page/failed', url: 'http://s/1/', message: 'down' });
    state = readerReducer(state, { type: 'history/back' });
    state = readerReducer(state, { type: 'history/forward' });
    expect(state.pages['http://s/1/']).toEqual({ status: 'loading' });
  });
});

describe('key table', () => {
  it('closes an overlay with Esc, which terminals report with the meta flag', () => {
    let state = readerReducer(initialState({ viewport: { width: 80, height: 10 }, locale: 'en' }), {
      type: 'key',
      input: '?',
      key: {},
      now: NOW,
    });
    expect(state.overlay).toBe('help');
    state = readerReducer(state, { type: 'key', input: '', key: { escape: true, meta: true }, now: NOW });
    expect(state.overlay).toBe('none');
  });
});

describe('keys typed in one burst', () => {
  it('are taken one by one when the terminal delivers them as one string', () => {
    const base = readerReducer(initialState({ viewport: { width: 80, height: 10 }, locale: 'en' }), {
      type: 'sources/loaded',
      headlines: [1, 2, 3].map((n) => ({
        source: 'S',
        sourceUrl: 'http://s/',
        title: `Headline ${n}`,
        url: `http://s/${n}/`,
        published: null,
        author: null,
        summary: null,
      })),
      errors: [],
    });
    const state = readerReducer(base, { type: 'key', input: 'jjS', key: {}, now: NOW });
    expect(state.place.kind).toBe('sources');
    expect(state.back).toEqual([{ kind: 'list', cursor: 2 }]);
    const quit = readerReducer(state, { type: 'key', input: 'hq', key: {}, now: NOW });
    expect(quit.place).toEqual({ kind: 'list', cursor: 2 });
    expect(quit.requests.map((request) => request.kind)).toEqual(['quit']);
  });
});

describe('what the reducer records', () => {
  it('saves a headline with the time its key press carries, not a clock of its own (the reducer stays pure)', () => {
    const state = readerReducer(withHeadlines(), { type: 'key', input: 's', key: {}, now: NOW });
    expect(state.saved['http://s/1/']).toEqual({ title: 'Port news', source: 'S', savedAt: '2026-01-02T09:30:00.000Z' });
    // The same state and action give the same state, whenever they are reduced.
    expect(readerReducer(withHeadlines(), { type: 'key', input: 's', key: {}, now: NOW })).toEqual(state);
  });
});
