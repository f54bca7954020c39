import { describe, expect, it } from 'vitest';
import { initialState, readerReducer, visibleHeadlines, type ReaderState } from '../src/state/reader.js';
import type { Headline } from '../src/feeds/types.js';

const headline = (n: number, title: string): Headline => ({ source: 'S', sourceUrl: 'http://s/', title, url: `http://s/${n}/`, published: null, author: null, summary: null });

function withHeadlines(): ReaderState {
  return readerReducer(initialState({ width: 80, height: 10 }), { type: 'sources/loaded', headlines: [headline(1, 'Port news'), headline(2, 'Jazz festival'), headline(3, 'Port storm')], errors: [] });
}

describe('reader reducer', () => {
  it('keeps history with scroll positions: back and forward restore them', () => {
    let state = readerReducer(withHeadlines(), { type: 'list/move', delta: 1 });
    state = readerReducer(state, { type: 'list/open' });
    expect(state.place).toEqual({ kind: 'article', url: 'http://s/2/', scroll: 0 });
    state = readerReducer(state, { type: 'scroll/by', lines: 5, lineCount: 100 });
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
    state = readerReducer(state, { type: 'scroll/edge', edge: 'bottom', lineCount: 25 });
    expect(state.place).toMatchObject({ scroll: 15 });
    state = readerReducer(state, { type: 'scroll/page', direction: 1, lineCount: 25 });
    expect(state.place).toMatchObject({ scroll: 15 });
    state = readerReducer(state, { type: 'scroll/by', lines: -100, lineCount: 25 });
    expect(state.place).toMatchObject({ scroll: 0 });
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
