import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Headline } from '../src/feeds/types.js';
import { HeadlineList } from '../src/ui/HeadlineList.js';

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
    expect(frame.match(/^! example\.org: /gm)).toHaveLength(2);
    expect(frame.match(/Shared story/g)).toHaveLength(2);
    expect(frame.match(/Repeated item/g)).toHaveLength(2);
    app.unmount();
  });
});
