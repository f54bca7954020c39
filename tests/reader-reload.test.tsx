import { describe, expect, it, vi } from 'vitest';
import type { LoadedHeadlines, ReaderServices } from '../src/app/reader-services.js';
import type { Headline } from '../src/feeds/types.js';
import { App } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';

const headline = (n: number, title: string): Headline => ({
  source: 'Desk',
  sourceUrl: 'http://desk.test/feed',
  title,
  url: `http://desk.test/${n}`,
  published: null,
  author: null,
  summary: null,
});
const edition = (name: string): LoadedHeadlines => ({
  headlines: [headline(1, `${name}: first story`), headline(2, `${name}: second story`)],
  errors: [],
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('reloading the sources', () => {
  it('a reload that fails after a newer one came back leaves the newer headlines on screen', async () => {
    const loads: Array<ReturnType<typeof deferred<LoadedHeadlines>>> = [];
    const services: ReaderServices = {
      loadHeadlines: () => {
        const load = deferred<LoadedHeadlines>();
        loads.push(load);
        return load.promise;
      },
      readArticle: () => new Promise(() => {}),
      prefetch: () => {},
      openInBrowser: () => {},
    };
    const morning = edition('Morning');
    const { app, frame, press } = await openScreen(
      <App services={services} locale="en-GB" firstLoad={{ pending: Promise.resolve(morning), settled: morning }} />,
      'Morning: first story',
    );
    app.stdin.write('R');
    await vi.waitFor(() => expect(loads).toHaveLength(1));
    app.stdin.write('R');
    await vi.waitFor(() => expect(loads).toHaveLength(2));

    // The second reload answers first; the first one fails afterwards (a slow host timing out).
    loads[1]!.resolve(edition('Evening'));
    await vi.waitFor(() => expect(frame()).toContain('Evening: first story'));
    loads[0]!.reject(new Error('desk.test did not answer within 30 s.'));
    await loads[0]!.promise.catch(() => {});
    // A key after the failure: its frame comes after anything the failure would have changed.
    await press('j', /›\S?\s+Evening: second story/);

    expect(frame()).toContain('Evening: first story');
    expect(frame()).not.toContain('did not answer');
    app.unmount();
  });
});
