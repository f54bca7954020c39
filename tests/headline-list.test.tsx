import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Headline } from '../src/feeds/types.js';
import { HeadlineList } from '../src/ui/HeadlineList.js';
import { storyRows } from '../src/state/selectors.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const headline = (title: string, sourceUrl: string, url: string): Headline => ({
  source: 'example.org',
  sourceUrl,
  title,
  url,
  published: '2026-11-24T09:00:00Z',
  author: null,
  summary: null,
});

/** Keys that repeat make React warn, and tests/helpers/setup.ts fails the test on that warning. */
describe('the headline list keys its rows uniquely', () => {
  it('two failing sources with one title, one address listed by two sources, and the same item twice in one source', () => {
    const list = (cursor: number) => (
      <HeadlineList
        headlines={[
          headline('Shared story', 'http://example.org/feed-a', 'http://example.org/story'),
          headline('Shared story', 'http://example.org/feed-b', 'http://example.org/story'),
          headline('Repeated item', 'http://example.org/feed-a', 'http://example.org/again'),
          headline('Repeated item', 'http://example.org/feed-a', 'http://example.org/again'),
        ]}
        cursor={cursor}
        height={8}
        width={80}
        isRead={() => false}
        saved={{}}
        now={NOW}
        locale="en-GB"
        loading={false}
        empty="nothing"
        errors={[
          { source: 'example.org', message: 'refused the connection' },
          { source: 'example.org', message: 'did not answer' },
        ]}
      />
    );
    const app = render(list(0));
    app.rerender(list(3));
    const frame = app.lastFrame() ?? '';
    // Failing sources take one line, however many they are (E lists them).
    expect(frame.match(/^! 2 sources failed: E shows them$/gm)).toHaveLength(1);
    // Rows handed over as they are (not grouped) still each get a key of their own.
    expect(frame.match(/Shared story/g)).toHaveLength(2);
    expect(frame.match(/Repeated item/g)).toHaveLength(2);
    app.unmount();
  });

  it('as stories (the reader lists them so): one row for the address two sources list, one for the item repeated', () => {
    const rows = storyRows([
      headline('Shared story', 'http://example.org/feed-a', 'http://example.org/story'),
      { ...headline('Shared story', 'http://example.org/feed-b', 'http://example.org/story'), source: 'other.example' },
      headline('Repeated item', 'http://example.org/feed-a', 'http://example.org/again'),
      headline('Repeated item', 'http://example.org/feed-a', 'http://example.org/again'),
    ]);
    const app = render(
      <HeadlineList
        headlines={rows}
        cursor={1}
        height={8}
        width={80}
        isRead={() => false}
        saved={{}}
        now={NOW}
        locale="en-GB"
        loading={false}
        empty="nothing"
        errors={[{ source: 'example.org', message: 'refused the connection' }]}
      />,
    );
    const frame = app.lastFrame() ?? '';
    expect(frame).toMatch(/^! example\.org: refused the connection \(E for details\)$/m);
    expect(frame.match(/Shared story/g)).toHaveLength(1);
    expect(frame).toMatch(/Shared story .* example\.org \+1 source · 3 hr ago$/m);
    expect(frame.match(/Repeated item/g)).toHaveLength(1);
    expect(frame.match(/›/g)).toHaveLength(1);
    app.unmount();
  });
});
