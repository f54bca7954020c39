import chalk from 'chalk';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { describe, expect, it, vi } from 'vitest';
import type { LoadedHeadlines, ReaderServices, SourceLoaded, SourceRow } from '../src/app/reader-services.js';
import type { Article } from '../src/extract/types.js';
import type { Headline } from '../src/feeds/types.js';
import { initialState, readerReducer, type Action, type ReaderState } from '../src/state/reader.js';
import { App, Screen } from '../src/ui/App.js';
import { SourceProgress } from '../src/ui/useReader.js';
import { openScreen } from './helpers/screen.js';

/** The reader on screen (ink-testing-library), waiting on frames: sources as they come, stories, failures, habits, sizes, search. */

const NOW = Date.UTC(2026, 10, 24, 12);
const HOUR = 60 * 60 * 1000;
const KEYS = { enter: '\r', escape: '\u001b' };

const row = (name: string, error: string | null = null): SourceRow => ({ url: `http://${name}/feed`, title: name, group: [], error });
const headline = (source: string, n: number, title: string, hoursAgo = n, url = `http://${source}/${n}`): Headline => ({
  source,
  sourceUrl: `http://${source}/feed`,
  title,
  url,
  published: new Date(NOW - hoursAgo * HOUR).toISOString(),
  author: null,
  summary: null,
});

function article(url: string, extra: Partial<Article> = {}): Article {
  return {
    url,
    canonicalUrl: null,
    access: 'full',
    title: `Article at ${url}`,
    byline: null,
    published: null,
    section: null,
    siteName: null,
    lang: 'fr',
    description: null,
    blocks: Array.from({ length: 30 }, (_, i) => ({ type: 'paragraph' as const, text: `Paragraphe ${i} : le numéro du port.` })),
    related: [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: 0,
    ...extra,
  };
}

/** Services whose sources come when the test says: each source's news is sent by hand. */
function controlled(sources: SourceRow[], articles: Record<string, Partial<Article>> = {}) {
  let onSource: ((loaded: SourceLoaded) => void) | undefined;
  let finish: (loaded: LoadedHeadlines) => void = () => {};
  let asked = 0;
  const services: ReaderServices = {
    sourceList: sources,
    loadHeadlines: (options = {}) => {
      asked++;
      onSource = options.onSource;
      return new Promise((resolve) => (finish = resolve));
    },
    readArticle: (url) => Promise.resolve({ article: article(url, articles[url]), stale: false }),
    prefetch: () => {},
    openInBrowser: () => {},
  };
  return {
    services,
    asked: () => asked,
    send: (source: SourceRow, headlines: Headline[], done = true, stale = false) => onSource?.({ source, headlines, done, stale }),
    finish: (loaded: LoadedHeadlines) => finish(loaded),
  };
}

describe('sources as they come', () => {
  it('shows the headlines kept from last time at once (marked ◌), merges each source as it comes, the cursor on its headline', async () => {
    const sources = [row('a'), row('b'), row('c')];
    const { services, send } = controlled(sources);
    const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /3 of 3 sources still loading/);
    send(sources[0]!, [headline('a', 1, 'Port news'), headline('a', 3, 'Jazz festival')], false, true);
    await screen.waitFor(/^kiosque 2 headlines · 2 unread . 3 of 3 sources still loading$/m);
    expect(screen.frame()).toMatch(/Jazz festival .* ◌ a · 3 hr\. ago$/m);
    await screen.press('j', /›• {2}Jazz festival/);
    // b comes: its headlines slot in by date, the cursor stays on "Jazz festival".
    send(sources[1]!, [headline('b', 0.5, 'Market hall reopens'), headline('b', 2, 'Ferry timetable')]);
    await screen.waitFor(/2 of 3 sources still loading/);
    expect(screen.frame()).toMatch(/^ • {2}Market hall reopens/m);
    expect(screen.frame()).toMatch(/^›• {2}Jazz festival/m);
    // The sources view: a spinner for each source still loading; b is done.
    await screen.press('S', /kiosque 3 sources/);
    expect(screen.frame()).toMatch(/^› a\s+2\/2 . loading$/m);
    expect(screen.frame()).toMatch(/^ {2}b\s+2\/2 unread$/m);
    expect(screen.frame()).toMatch(/^ {2}c\s+. loading$/m);
    await screen.press('h', /Jazz festival/);
    // a fresh now: no longer marked.
    send(sources[0]!, [headline('a', 1, 'Port news'), headline('a', 3, 'Jazz festival')]);
    await screen.waitFor(/1 of 3 sources still loading/);
    expect(screen.frame()).not.toMatch(/◌/);
    screen.app.unmount();
  });

  it('the first frame already has what came before the screen opened (run.tsx starts loading first)', async () => {
    const sources = [row('a'), row('slow')];
    const progress = new SourceProgress();
    progress.push({ source: sources[0]!, headlines: [headline('a', 1, 'Kept from last time')], done: false, stale: true });
    const pending = new Promise<LoadedHeadlines>(() => {}); // the slow source never ends
    const services: ReaderServices = { ...controlled(sources).services, loadHeadlines: () => pending };
    const screen = await openScreen(
      <App services={services} locale="en" now={NOW} firstLoad={{ pending, progress }} />,
      /Kept from last time/,
    );
    expect(screen.app.frames[0]).toMatch(/^kiosque 1 headline · 1 unread . 2 of 2 sources still loading$/m);
    expect(screen.app.frames[0]).toMatch(/Kept from last time .* ◌ a · 1 hr\. ago$/m);
    // What comes later is heard too.
    progress.push({
      source: sources[0]!,
      headlines: [headline('a', 0.5, 'Fresh now'), headline('a', 1, 'Kept from last time')],
      done: true,
      stale: false,
    });
    await screen.waitFor(/^kiosque 2 headlines · 2 unread . 1 of 2 sources still loading$/m);
    expect(screen.frame()).not.toMatch(/◌/);
    screen.app.unmount();
  });

  it('a refresh brings "2 new" in the title bar; R still reloads at once', async () => {
    let round = 0;
    let reloads = 0;
    const services: ReaderServices = {
      loadHeadlines: (options = {}) => {
        if (options.revalidate) reloads++;
        round++;
        const extra = round > 1 ? [headline('a', 0.2, 'Breaking one'), headline('a', 0.3, 'Breaking two')] : [];
        return Promise.resolve({ headlines: [...extra, headline('a', 1, 'Port news')], errors: [] });
      },
      readArticle: (url) => Promise.resolve({ article: article(url), stale: false }),
      prefetch: () => {},
      openInBrowser: () => {},
    };
    const screen = await openScreen(<App services={services} locale="en" now={NOW} refreshMs={20} />, /Breaking two/);
    await screen.waitFor(/^kiosque 3 headlines · 3 unread · 2 new/m);
    // g: the reader is at the top, where the new ones are: said.
    await screen.press('g', /^kiosque 3 headlines · 3 unread$/m);
    screen.app.unmount();
    const once = await openScreen(<App services={services} locale="en" now={NOW} />, /Port news/);
    await once.press('R', /Port news/);
    await vi.waitFor(() => expect(reloads).toBe(1));
    once.app.unmount();
  });
});

describe('the same story across sources', () => {
  it('is one row, "+1 source", and the article names the other source', async () => {
    const { services, finish } = controlled([row('a'), row('b')]);
    const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /loading/);
    finish({
      headlines: [
        headline('a', 1, 'Pologne : des élections anticipées'),
        headline('b', 2, 'Pologne : des élections anticipées !', 2, 'http://b/pl'),
        headline('b', 3, 'Another story'),
      ],
      errors: [],
    });
    await screen.waitFor(/^kiosque 2 headlines/m);
    expect(screen.frame().match(/Pologne/g)).toHaveLength(1);
    expect(screen.frame()).toMatch(/Pologne : des élections anticipées .* a \+1 source · 1 hr\. ago$/m);
    await screen.press(KEYS.enter, /Also in: b/);
    await screen.press('q', /^kiosque 2 headlines · 1 unread$/m);
    screen.app.unmount();
  });
});

describe('failing sources', () => {
  it('take one line however many they are, and E shows them with what went wrong', async () => {
    const failing = Array.from({ length: 26 }, (_, i) => row(`bad${i}`, `bad${i} refused the connection`));
    const { services, finish } = controlled([row('a'), ...failing]);
    const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /loading/);
    finish({
      headlines: Array.from({ length: 30 }, (_, i) => headline('a', i + 1, `Headline number ${i + 1}`)),
      errors: failing.map((source) => ({ source: source.title, message: source.error!, url: source.url })),
    });
    await screen.waitFor(/^! 26 sources failed: E shows them$/m);
    // ink-testing-library's terminal: 24 rows, 21 for the text: one for the failures, twenty for headlines.
    expect(screen.frame().match(/Headline number/g)).toHaveLength(20);
    await screen.press('E', /^kiosque 26 failed sources$/m);
    expect(screen.frame()).toMatch(/^› bad0: bad0 refused the connection$/m);
    await screen.press('j', /^› bad1: /m);
    await screen.press('q', /^! 26 sources failed/m);
    screen.app.unmount();
  });
});

describe('habits from inside an article', () => {
  it('J opens the next headline, K the previous, u the next unread; q and Esc return to the list', async () => {
    const { services, finish } = controlled([row('a')], {
      'http://a/1': { related: [{ title: 'Le phare', url: 'http://x/phare' }] },
    });
    const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /loading/);
    finish({ headlines: [1, 2, 3, 4].map((n) => headline('a', n, `Story ${n}`)), errors: [] });
    await screen.waitFor(/Story 4/);
    await screen.press(KEYS.enter, /^Article at http:\/\/a\/1$/m);
    // The box link shows after the article, numbered; a digit with no link says so.
    await screen.press('G', /^\[1\] Le phare$/m);
    await screen.press('7', /No link \[7\] in this article/);
    await screen.press('J', /^Article at http:\/\/a\/2$/m);
    // Back where it was left in that article: its end.
    await screen.press('K', /^\[1\] Le phare$/m);
    await screen.press('u', /^Article at http:\/\/a\/3$/m);
    await screen.press('1', /^Article at http:\/\/a\/3$/m); // no link [1] here: the same article
    await screen.press(KEYS.escape, /^kiosque 4 headlines · 1 unread$/m);
    expect(screen.frame()).toMatch(/^› {3}Story 3/m);
    await screen.press(KEYS.enter, /^Article at http:\/\/a\/3$/m);
    await screen.press('q', /^› {3}Story 3/m);
    screen.app.unmount();
  });

  it('/ searches the article: matches highlighted, N the next one', async () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const { services, finish } = controlled([row('a')]);
      const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /loading/);
      finish({ headlines: [headline('a', 1, 'Story 1')], errors: [] });
      await screen.waitFor(/Story 1/);
      await screen.press(KEYS.enter, /Paragraphe 0/);
      await screen.press('/', /^\/ .*\u001b\[7m \u001b\[27m/m);
      for (const char of 'NUMERO') screen.app.stdin.write(char);
      await screen.press(KEYS.enter, /Match 1 of 30 lines/);
      // Accents and case aside: "NUMERO" found "numéro", in reverse video, on every line in view.
      expect(screen.frame()).toContain('le \u001b[7m\u001b[33mnuméro\u001b[39m\u001b[27m du port');
      expect(screen.frame().match(/\u001b\[7m/g)?.length).toBeGreaterThan(5);
      await screen.press('N', /Match 2 of 30 lines/);
      screen.app.unmount();
    } finally {
      chalk.level = level;
    }
  });
});

describe('the saved view', () => {
  it('/ there searches the text of the saved articles too', async () => {
    const services: ReaderServices = {
      loadHeadlines: () => Promise.resolve({ headlines: [], errors: [] }),
      readArticle: (url) => Promise.resolve({ article: article(url), stale: false }),
      prefetch: () => {},
      openInBrowser: () => {},
      remembered: {
        read: {},
        saved: {
          'http://a/lighthouse': { url: 'http://a/lighthouse', title: 'A keeper remembers', source: 'a', savedAt: '2026-11-20T10:00:00Z' },
          'http://a/market': { url: 'http://a/market', title: 'Market day', source: 'a', savedAt: '2026-11-21T10:00:00Z' },
        },
        positions: {},
      } as unknown as ReaderServices['remembered'],
      savedTexts: () => Promise.resolve({ 'http://a/lighthouse': 'The old phare was lit by oil, then électricité.' }),
    };
    const screen = await openScreen(<App services={services} locale="en" now={NOW} />, /kiosque 0 headlines/);
    await screen.press('v', /kiosque 2 saved articles/);
    await screen.press('/', /saved articles \/$/m);
    for (const char of 'ELECTRICITE') screen.app.stdin.write(char);
    await screen.waitFor(/kiosque 1 saved article matching "ELECTRICITE"/);
    expect(screen.frame()).toMatch(/A keeper remembers/);
    expect(screen.frame()).not.toMatch(/Market day/);
    screen.app.unmount();
  });
});

/** The screen for a state at a terminal size (the chrome is three rows: title, status, one spare). */
function screenAt(state: ReaderState, width: number, rows: number, after: Action[] = []) {
  const sized = after.reduce(readerReducer, readerReducer(state, { type: 'resize', width, height: Math.max(3, rows - 3) }));
  const app = render(<Screen state={sized} locale="en" now={NOW} />);
  const frame = app.lastFrame() ?? '';
  app.unmount();
  return frame;
}

describe('every size from 40×12 to 300×80', () => {
  const titles = [
    'Le conseil municipal adopte un budget en hausse pour la troisième année',
    'Housing plan for the docks goes on show',
    '東京の港で新しい市場が開かれる',
  ];
  const headlines = Array.from({ length: 40 }, (_, i) => ({
    ...headline(i % 2 ? 'La Gazette du Quai' : 'The Harbour Times', i + 1, `${titles[i % 3]} ${i}`),
  }));
  const base = (actions: Action[] = []) =>
    actions.reduce(
      readerReducer,
      readerReducer(initialState({ viewport: { width: 100, height: 27 }, locale: 'en' }), {
        type: 'sources/loaded',
        headlines,
        errors: [{ source: 'Down', message: 'refused the connection', url: 'http://down/feed' }],
      }),
    );
  const opened = (extra: Action[] = []) =>
    base([
      { type: 'list/open' },
      { type: 'page/loaded', url: headlines[0]!.url, article: article(headlines[0]!.url), stale: true },
      ...extra,
    ]);
  const states: Array<[string, ReaderState]> = [
    ['list', base()],
    ['article', opened()],
    ['help', base([{ type: 'overlay/toggle', overlay: 'help' }])],
    ['sources', base([{ type: 'view/open', view: 'sources' }])],
    ['failures', base([{ type: 'view/open', view: 'failures' }])],
  ];

  it('no row is wider than the terminal, the frame fits its height, titles keep most of the row', () => {
    for (const [width, rows] of [
      [40, 12],
      [60, 20],
      [80, 24],
      [100, 30],
      [200, 50],
      [300, 80],
    ] as const) {
      for (const [name, state] of states) {
        const frame = screenAt(state, width, rows, name === 'article' ? [{ type: 'scroll/edge', edge: 'bottom' }] : []);
        const lines = frame.split('\n');
        expect(lines.length, `${name} at ${width}×${rows}`).toBeLessThanOrEqual(rows - 1);
        for (const line of lines) expect(stringWidth(line), `${name} at ${width}×${rows}: ${line}`).toBeLessThanOrEqual(width);
        if (name === 'list') {
          const first = lines.find((line) => line.includes('Le conseil')) ?? '';
          // The title is whole, or has more than half of the row, at every width.
          const whole = first.includes(`${titles[0]} 0`);
          const shown = /Le conseil.*?…/.exec(first)?.[0] ?? '';
          expect(whole || stringWidth(shown) > width / 2, `${width}: ${first}`).toBe(true);
        }
        if (name === 'article') {
          expect(frame, `${width}`).toMatch(/\[offline( copy)?\] /);
          expect(frame).toMatch(/ 100%$/m);
        }
        // Every key's line whole (what a key does under it on a narrow screen), never cut.
        if (name === 'help') expect(frame.split('\n').slice(1, -2).join('\n'), `help at ${width}×${rows}`).not.toMatch(/…/);
      }
    }
  });

  it('at 80×24 the help is one column of whole lines that j / k scroll', () => {
    const help = screenAt(base([{ type: 'overlay/toggle', overlay: 'help' }]), 80, 24);
    expect(help).toMatch(/^j ↓ {11}next headline \/ scroll down$/m);
    expect(help).not.toMatch(/…/);
    expect(help).toMatch(/1–19 of \d+ · j k scroll/);
    const scrolled = screenAt(
      base([
        { type: 'overlay/toggle', overlay: 'help' },
        { type: 'key', input: 'j', key: {}, now: NOW },
      ]),
      80,
      24,
    );
    expect(scrolled).toMatch(/2–20 of \d+/);
  });

  it('below 40 columns, one clear line says the window is too small', () => {
    expect(screenAt(base(), 30, 10)).toBe('too small: 30×10, needs 40×8');
  });
});
