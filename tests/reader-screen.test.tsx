import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readArticle } from '../src/app/read-article.js';
import type { DemoServer } from '../src/demo/server.js';
import { readSources } from '../src/feeds/sources.js';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { App } from '../src/ui/App.js';
import type { ReaderServices } from '../src/app/reader-services.js';
import { withDemo } from './helpers/demo.js';
import { openScreen } from './helpers/screen.js';

let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
});
afterAll(() => demo.close());

const KEYS = { enter: '\r', escape: '\u001b', left: '\u001b[D', right: '\u001b[C', backspace: '\u007f' };

function services(overrides: Partial<ReaderServices> = {}): ReaderServices & { opened: string[] } {
  const client = new HttpClient({ cache: new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-ui-'))) });
  const opened: string[] = [];
  return {
    opened,
    async loadHeadlines() {
      const { sources, headlines } = await readSources(client, [`${demo.origin}/gazette/feed.xml`]);
      return { headlines, errors: sources.filter((s) => s.error).map((s) => ({ source: s.title, message: s.error!.message })) };
    },
    readArticle: (url) => readArticle(client, url),
    prefetch: () => {},
    openInBrowser: (url) => opened.push(url),
    ...overrides,
  };
}

async function start(overrides: Partial<ReaderServices> = {}) {
  const svc = services(overrides);
  return { ...(await openScreen(<App services={svc} locale="fr-FR" />, 'Le conseil municipal adopte un budget en hausse')), svc };
}

describe('reader screen', () => {
  it('lists headlines with source and relative time, and opens one with Enter', async () => {
    const { frame, press, app } = await start();
    expect(frame()).toMatch(/La Gazette du Quai · il y a \d+\s*h/u);
    await press(KEYS.enter, '29 voix');
    expect(frame()).toContain('Inès Barbier');
    expect(frame()).not.toContain('Publicité');
    app.unmount();
  });

  it('follows "Lire aussi" [1] by digit, then goes back to the same place', async () => {
    // Long articles, so that the place left is somewhere down the page, not its top.
    const base = services();
    const { press, frame, app } = await start({
      readArticle: async (url) => {
        const read = await base.readArticle(url);
        return { ...read, article: { ...read.article, blocks: Array.from({ length: 12 }, () => read.article.blocks).flat() } };
      },
    });
    const title = 'Les vélos en libre-service arrivent dans trois quartiers';
    /** The text is the article's first line, just under the header: the top of that article. */
    const atTop = (text: string) => new RegExp(`^kiosque [^\n]*\n${escapeRegExp(text)}\n`);
    await press('j', `›•  ${title.slice(0, 10)}`);
    await press(KEYS.enter, atTop(title));
    const related = /\[1\] Lire aussi : (.+)/.exec(frame())?.[1]?.trim() ?? '';
    expect(related).not.toBe('');
    await press(' ', / [1-9]\d*%$/m);
    const left = frame();
    const percent = / (\d+)%$/m.exec(left)?.[1];
    expect(left).not.toContain(title); // scrolled past the title

    await press('1', atTop(related));
    expect(frame()).not.toBe(left);
    // Back: the same article, scrolled to the same line, the same percent in the status line.
    app.stdin.write('h');
    await vi.waitFor(() => {
      if (frame() !== left) throw new Error(`not back where it was:\n${frame()}\n--- left:\n${left}`);
    });
    expect(/ (\d+)%$/m.exec(frame())?.[1]).toBe(percent);
    await press('g', atTop(title));
    app.unmount();
  });

  it('scrolls with j and restores the scroll position on back / forward', async () => {
    // A long article, so that there is something to scroll.
    const base = services();
    const { press, frame, app } = await start({
      readArticle: async (url) => {
        const read = await base.readArticle(url);
        const blocks = Array.from({ length: 12 }, () => read.article.blocks).flat();
        return { ...read, article: { ...read.article, blocks } };
      },
    });
    await press(KEYS.enter, ' 0%');
    const top = frame().split('\n')[1];
    app.stdin.write('j');
    await vi.waitFor(() => {
      if (frame().split('\n')[1] === top) throw new Error(`not scrolled\n${frame()}`);
    });
    const scrolled = frame().split('\n')[1];
    await press('n', 'Les vélos en libre-service');
    await press(KEYS.left, scrolled ?? '');
    expect(frame().split('\n')[1]).toBe(scrolled);
    await press(KEYS.right, 'Les vélos en libre-service');
    app.unmount();
  });

  it("p and n follow the site's previous and next article, named in the status line", async () => {
    const { press, frame, app } = await start();
    await press(KEYS.enter, 'p ← Les vélos en libre-service');
    await press('p', '300 vélos');
    expect(frame()).toContain('n → Le conseil municipal adopte un budget en hausse');
    await press('n', '29 voix');
    app.unmount();
  });

  it('l lists every link; Enter opens the chosen one', async () => {
    const { press, app } = await start();
    await press(KEYS.enter, 'Lire aussi');
    await press('l', 'Links of this article');
    await press('j', '› [p] Les vélos');
    await press(KEYS.enter, '300 vélos');
    app.unmount();
  });

  it('/ filters as you type; ? shows every key', async () => {
    const { press, frame, app } = await start();
    await press('/', /^kiosque \d+ headlines(?: · \d+ unread)? \/ ?$/m);
    let typed = '';
    for (const char of 'jazz') await press(char, `/ ${(typed += char)}`);
    await vi.waitFor(() => {
      if (!frame().includes('1 headline matching')) throw new Error(`not filtered\n${frame()}`);
    });
    expect(frame()).toContain('Un festival de jazz');
    await press(KEYS.enter, /matching "jazz"(?: · \d+ unread)?$/m);
    await press('?', 'Keys');
    expect(frame()).toContain('open related link [n]');
    await press('?', 'Un festival de jazz');
    app.unmount();
  });

  it('shows a failure in the pane and stays usable', async () => {
    const { press, app } = await start({ readArticle: () => Promise.reject(new Error('The server answered 500 Internal Server Error.')) });
    await press(KEYS.enter, 'This page could not be read.');
    await press('h', 'Le conseil municipal adopte un budget en hausse');
    app.unmount();
  });

  it('says so when the page is an offline copy', async () => {
    const base = services();
    const { press, app } = await start({ readArticle: async (url) => ({ ...(await base.readArticle(url)), stale: true }) });
    await press(KEYS.enter, '[offline copy]');
    app.unmount();
  });

  it('opens on the headline list when the sources were loaded before the screen: no loading frame first', async () => {
    const svc = services();
    let asked = 0;
    const loadHeadlines = () => {
      asked++;
      return svc.loadHeadlines();
    };
    const pending = loadHeadlines();
    const settled = await pending;
    const { app, press, waitFor } = await openScreen(
      <App services={{ ...svc, loadHeadlines }} locale="fr-FR" firstLoad={{ pending, settled }} />,
      'Le conseil municipal adopte',
    );
    expect(app.frames[0]).toContain('Le conseil municipal adopte un budget en hausse');
    expect(app.frames.some((shown) => shown.includes('loading sources'))).toBe(false);
    expect(asked).toBe(1);
    // A reload still asks the sources again.
    await press('R', 'Le conseil municipal adopte');
    await vi.waitFor(() => expect(asked).toBe(2));
    await waitFor(/^kiosque \d+ headlines/m); // asked is counted when the reload starts: wait for it to end
    app.unmount();
  });

  it('shows the loading frame, then the headlines, when the first load is still on its way', async () => {
    const svc = services();
    let asked = 0;
    let finish: (value: Awaited<ReturnType<ReaderServices['loadHeadlines']>>) => void = () => {};
    const pending = new Promise<Awaited<ReturnType<ReaderServices['loadHeadlines']>>>((resolve) => (finish = resolve));
    const loadHeadlines = () => {
      asked++;
      return svc.loadHeadlines();
    };
    const { app, waitFor } = await openScreen(
      <App services={{ ...svc, loadHeadlines }} locale="fr-FR" firstLoad={{ pending }} />,
      'loading sources',
    );
    finish(await svc.loadHeadlines());
    await waitFor('Le conseil municipal adopte');
    expect(asked).toBe(0);
    app.unmount();
  });

  it('o opens the article in the browser', async () => {
    const { press, app, svc } = await start();
    await press(KEYS.enter, '29 voix');
    app.stdin.write('o');
    await vi.waitFor(() => expect(svc.opened).toEqual([`${demo.origin}/gazette/le-conseil-vote-le-budget/`]));
    app.unmount();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
