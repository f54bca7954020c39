import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReaderServices, type ReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { main } from '../src/cli.js';
import type { Headline } from '../src/feeds/types.js';
import { openReadingState, type ReadingStateStore } from '../src/store/reading-state.js';
import { App } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));
const row = (frame: string, title: string) => frame.split('\n').find((line) => line.includes(title)) ?? '';
const MINUTE = 60_000;
const START = Date.UTC(2020, 0, 1);

describe('M (all read) on a very long source', () => {
  const SOURCE = 'http://big.example/feed.xml';
  /** Headline n of the big source, published n minutes after the start; the list shows the newest first. */
  const headline = (n: number, title = `Headline number ${n} of the archive`, published = new Date(START + n * MINUTE)): Headline => ({
    source: 'Big Archive',
    sourceUrl: SOURCE,
    title,
    url: `http://big.example/a/${n}`,
    published: published.toISOString(),
    author: null,
    summary: null,
  });
  const archive = Array.from({ length: 100_000 }, (_, i) => headline(99_999 - i));

  /** How many times the reader asked for reading changes to be written (M, m, …). */
  let writes = 0;
  /** The reader's services with the real reading state: what the screen needs, the headlines given here. */
  const services = (store: ReadingStateStore, headlines: Headline[]): ReaderServices => ({
    loadHeadlines: () =>
      Promise.resolve({ headlines, errors: [], sources: [{ url: SOURCE, title: 'Big Archive', group: [], error: null }] }),
    readArticle: () => new Promise(() => {}),
    prefetch: () => {},
    openInBrowser: () => {},
    remembered: store.current(),
    persist: (changes) => {
      store.apply(changes);
      writes++;
    },
  });

  it('keeps all 100,000 read after a restart, with m un-marking one; what is published later comes in unread', async () => {
    const dir = tmp('data');
    const store = openReadingState({ dir });
    const first = await openScreen(<App services={services(store, archive)} locale="en-GB" />, 'Headline number 99999 of', 30_000);
    await first.press('M', /Big Archive: all 100000 headlines marked read/);
    // m on the second row: marked unread, although the source's "all read" covers it.
    await first.press('j', /› {3}Headline number 99998/);
    await first.press('m', 'Marked unread');
    // Written in an effect after the frame that shows it: M's write, then m's.
    await vi.waitFor(() => expect(writes).toBe(2));
    first.app.unmount();

    // The next run: a new store from the same folder, and the source has published one more headline since M.
    const later = headline(100_000, 'Published after the M', new Date());
    const restarted = openReadingState({ dir });
    const second = await openScreen(
      <App services={services(restarted, [later, ...archive])} locale="en-GB" />,
      'Published after the M',
      30_000,
    );
    expect(row(second.frame(), 'Published after the M')).toMatch(/^›•/);
    expect(row(second.frame(), 'Headline number 99999 of')).toMatch(/^ {4}Headline/);
    expect(row(second.frame(), 'Headline number 99998 of')).toMatch(/^ •/);
    expect(row(second.frame(), 'Headline number 99997 of')).toMatch(/^ {4}Headline/);
    await second.press('S', /Big Archive\s+\d+\/100001 unread/);
    expect(second.frame()).toMatch(/Big Archive\s+2\/100001 unread/);
    await second.press('h', /Published after the M/);
    second.app.unmount();
    // One entry for the source, not a mark per headline: the file stays small.
    expect(statSync(path.join(dir, 'state.json')).size).toBeLessThan(10_000);
  }, 120_000);
});

describe('headlines --unread after M on a long feed', () => {
  const COUNT = 25_000;
  let server: TestServer;
  let published = false;
  const item = (n: number, title: string, date: Date) =>
    `<item><title>${title}</title><link>${server.origin}/a/${n}</link><pubDate>${date.toUTCString()}</pubDate></item>`;
  let feed: string;
  beforeAll(async () => {
    server = await startServer((request, response) => {
      const items = published ? item(COUNT, 'Published after the M', new Date()) + feed : feed;
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Long Feed</title>${items}</channel></rss>`);
    });
    feed = Array.from({ length: COUNT }, (_, i) =>
      item(COUNT - 1 - i, `Story ${COUNT - 1 - i}`, new Date(START + (COUNT - 1 - i) * MINUTE)),
    ).join('');
  });
  afterAll(() => server.close());

  it('lists nothing after M, then only what the feed published after it', async () => {
    const dataDir = tmp('data');
    const session = await createSession({ cacheDir: tmp('cache'), dataDir, configDir: tmp('config') });
    const reader = createReaderServices(session, { entries: [{ url: `${server.origin}/feed.xml` }], openInBrowser: () => {} });
    const screen = await openScreen(<App services={reader} locale="en-GB" />, `Story ${COUNT - 1}`, 60_000);
    await screen.press('M', new RegExp(`Long Feed: all ${COUNT} headlines marked read`));
    // M's write (nothing was written before it: no article was opened).
    await vi.waitFor(() => expect(existsSync(path.join(dataDir, 'state.json'))).toBe(true));
    screen.app.unmount();
    await session.close();

    process.env['KIOSQUE_DATA_DIR'] = dataDir;
    const headlines = async (...extra: string[]) => {
      let out = '';
      await main(['headlines', `${server.origin}/feed.xml`, '--json', '--cache-dir', tmp('cache'), ...extra], {
        stdout: (text) => (out += text),
        stderr: () => {},
        columns: 80,
      });
      return JSON.parse(out) as Array<{ title: string; read: boolean }>;
    };
    expect(await headlines('--unread')).toEqual([]);
    published = true;
    expect((await headlines('--unread')).map((headline) => headline.title)).toEqual(['Published after the M']);
    expect((await headlines('--limit', '2')).map(({ title, read }) => ({ title, read }))).toEqual([
      { title: 'Published after the M', read: false },
      { title: `Story ${COUNT - 1}`, read: true },
    ]);
    delete process.env['KIOSQUE_DATA_DIR'];
  }, 180_000);
});
