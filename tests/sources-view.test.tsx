import fc from 'fast-check';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Headline } from '../src/feeds/types.js';
import { initialState, type ReaderState } from '../src/state/reader.js';
import { Screen } from '../src/ui/App.js';
import { fitWidth } from '../src/ui/fit-width.js';

const WIDTH = 60;
const LONG = `A source with a very long title ${'and more words '.repeat(20)}`.slice(0, 300);
const CJK = '日本経済新聞社会面の最新ニュースと東京都内の出来事をまとめて伝える速報'.repeat(2);

function sourcesState(): ReaderState {
  const headline = (sourceUrl: string, n: number): Headline => ({
    source: 's',
    sourceUrl,
    title: `h${n}`,
    url: `${sourceUrl}/${n}`,
    published: null,
    author: null,
    summary: null,
  });
  return {
    ...initialState({ viewport: { width: WIDTH, height: 8 }, locale: 'en-GB' }),
    loadingSources: false,
    place: { kind: 'sources', cursor: 0 },
    headlines: [headline('http://a.example/feed', 1), headline('http://a.example/feed', 2), headline('http://b.example/feed', 3)],
    sources: [
      { url: 'http://a.example/feed', title: LONG, group: ['World'], error: null },
      { url: 'http://b.example/feed', title: CJK, group: [], error: null },
      { url: 'http://c.example/feed', title: 'Short', group: [], error: null },
      // " unreachable" leaves the title an even number of columns: where cli-truncate gave one too many.
      { url: 'http://d.example/feed', title: CJK, group: [], error: 'timed out' },
    ],
  };
}

describe('the sources view at width 60', () => {
  it('keeps each source on one line: a 300-character or CJK title is cut by display width, the unread count stays on the right', () => {
    const app = render(<Screen state={sourcesState()} locale="en-GB" now={0} />);
    const lines = (app.lastFrame() ?? '').split('\n');
    app.unmount();
    // Title bar, then one row per source, in order.
    expect(lines[1]).toMatch(/^› World \/ A source with a very long title.*… +2\/2 unread$/);
    expect(lines[2]).toMatch(/^ {2}日本経済新聞.*… +1\/1 unread$/);
    expect(lines[3]).toMatch(/^ {2}Short +0\/0 unread$/);
    expect(lines[4]).toMatch(/^ {2}日本経済新聞.*… +unreachable$/);
    for (const line of lines.slice(1, 5)) expect(stringWidth(line)).toBeLessThanOrEqual(WIDTH);
  });
});

describe('fitWidth (property)', () => {
  it('never gives more columns than asked, whatever the characters (CJK, emoji, combining marks), and keeps text that fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 50 }), (text, columns) => {
        const fitted = fitWidth(text, columns);
        expect(stringWidth(fitted)).toBeLessThanOrEqual(columns);
        if (stringWidth(text) <= columns) expect(fitted).toBe(text);
        else if (columns > 0) expect(fitted.endsWith('…')).toBe(true);
      }),
    );
  });
});

describe('a source listed twice', () => {
  it('shows both rows (no two rows share a key, so React drops or repeats none)', () => {
    const state: ReaderState = {
      ...sourcesState(),
      sources: [
        { url: 'http://a.example/feed', title: 'First listing', group: [], error: null },
        { url: 'http://a.example/feed', title: 'Second listing', group: [], error: null },
      ],
    };
    const { lastFrame, unmount } = render(<Screen state={state} locale="en-GB" now={0} />);
    expect(lastFrame()).toContain('First listing');
    expect(lastFrame()).toContain('Second listing');
    unmount();
  });
});
