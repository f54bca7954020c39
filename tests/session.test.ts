import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';

/** What the command line and the reader must agree on, since both start from one session. */
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

let site: TestServer;
/** What /story answers: the article, or (later) a page that no longer holds it, such as a paywall. */
let storyShown = true;
beforeAll(async () => {
  site = await startServer((request, response) => {
    const html = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (request.url === '/story') {
      if (!storyShown)
        return response
          .writeHead(200, html)
          .end('<html><head><title>Subscribe</title></head><body><nav><a href="/">Home</a></nav></body></html>');
      const paragraphs = [1, 2, 3, 4]
        .map((n) => `<p>Part ${n} of the harbour story: the quay was rebuilt, stone by stone, over three long winters.</p>`)
        .join('');
      return response
        .writeHead(200, html)
        .end(
          `<html><head><title>The harbour story</title></head><body><article><h1>The harbour story</h1>${paragraphs}</article></body></html>`,
        );
    }
    if (request.url === '/') {
      return response.writeHead(200, html).end(`<html><head><title>Harbour News</title>
        <link rel="alternate" type="application/rss+xml" title="Harbour News" href="/feed.xml">
        <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed.xml"></head><body></body></html>`);
    }
    if (request.url === '/feed.xml') {
      return response.writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News daily</title>
        <item><title>The harbour story</title><link>${site.origin}/story</link></item></channel></rss>`);
    }
    response.writeHead(404, html).end('<h1>Not found</h1>');
  });
});
afterAll(() => site.close());

function cli(args: string[], env: { dataDir: string; configDir: string }) {
  process.env['KIOSQUE_DATA_DIR'] = env.dataDir;
  process.env['KIOSQUE_CONFIG_DIR'] = env.configDir;
  return runCli([...args, '--cache-dir', tmp('cache')]);
}

describe('one saved-copy rule for both faces', () => {
  it('a saved article whose page no longer holds it is read from its copy, in the reader and by kiosque read', async () => {
    storyShown = true;
    const dirs = { dataDir: tmp('data'), configDir: tmp('config') };
    const session = await createSession({ cacheDir: tmp('cache'), ...dirs });
    const services = createReaderServices(session, { entries: [], openInBrowser: () => {} });
    const url = `${site.origin}/story`;
    services.persist?.([{ kind: 'save', article: { url, title: 'The harbour story', source: 'Harbour' }, saved: true }]);
    // The copy is written once the article is read (in the background): waited for, however slow the machine.
    await expect.poll(() => session.savedCopies.has(url), { timeout: 30_000 }).toBe(true);

    storyShown = false;
    const fresh = await createSession({ cacheDir: tmp('cache'), ...dirs });
    const inReader = await createReaderServices(fresh, { entries: [], openInBrowser: () => {} }).readArticle(url);
    expect(inReader).toMatchObject({ stale: true, article: { title: 'The harbour story' } });

    const printed = await cli(['read', url], dirs);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^The harbour story\n/);
    expect(printed.stdout).toContain('Part 4 of the harbour story');
    expect(printed.stderr).toContain('offline copy you saved');
  });

  it('an article never saved says plainly that the page holds no article', async () => {
    storyShown = false;
    const printed = await cli(['read', `${site.origin}/story`], { dataDir: tmp('data'), configDir: tmp('config') });
    expect(printed.code).toBe(4);
    expect(printed.stderr).toMatch(/^kiosque: No article text was found on/);
  });
});

describe('one answer to "what does this address read as"', () => {
  it('sources add and the reader take the same feed from a site page: the main one, named by the feed', async () => {
    const dirs = { dataDir: tmp('data'), configDir: tmp('config') };
    const added = await cli(['sources', 'add', `${site.origin}/`, '--json'], dirs);
    expect(added.code).toBe(0);
    const result = JSON.parse(added.stdout);
    expect(result).toMatchObject({
      added: true,
      via: 'discovered-feed',
      picked: 1,
      source: { url: `${site.origin}/feed.xml`, title: 'Harbour News daily', htmlUrl: `${site.origin}/` },
    });
    expect(result.choices.map((choice: { title: string }) => choice.title)).toEqual(['Harbour News', 'Comments']);

    const session = await createSession({ cacheDir: tmp('cache'), ...dirs });
    const { sources } = await session.readSources([{ url: `${site.origin}/` }]);
    expect(sources[0]).toMatchObject({ via: 'discovered-feed', title: 'Harbour News daily', error: null });
    expect(sources[0]?.headlines.map((headline) => headline.title)).toEqual(['The harbour story']);
  });
});

describe('closing a session', () => {
  it('says how many reading changes could not be saved, rather than losing them in silence', async () => {
    // The data folder's place is taken by a file: nothing can be written there.
    const blocked = path.join(tmp('blocked'), 'data');
    writeFileSync(blocked, 'not a folder');
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: blocked, configDir: tmp('config') });
    const said: string[] = [];
    session.warnings.listen((message) => said.push(message));
    session.readingState().apply([{ kind: 'read', urls: ['https://news.example/a', 'https://news.example/b'], read: true }]);
    await session.close();
    expect(said.at(-1)).toMatch(/^1 reading change \(read marks, saves, positions\) could not be saved in .*state\.json\.$/);
  });
});

describe('saving and unsaving at once', () => {
  it('a save undone while the page is still on its way keeps no offline copy', async () => {
    let answer: () => void = () => {};
    const slow = await startServer((_request, response) => {
      answer = () =>
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            '<html><head><title>Slow story</title></head><body><article><h1>Slow story</h1><p>A paragraph of the slow story, long enough to be read as text by anyone.</p></article></body></html>',
          );
    });
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config') });
    const services = createReaderServices(session, { entries: [], openInBrowser: () => {} });
    const url = `${slow.origin}/story`;
    const article = { url, title: 'Slow story', source: 'Slow' };
    services.persist?.([{ kind: 'save', article, saved: true }]);
    services.persist?.([{ kind: 'save', article, saved: false }]);
    await expect.poll(() => slow.hits.get('/story')).toBe(1);
    answer();
    await services.readArticle(url);
    // The copy would be written right after the page is read: one more turn for it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(session.savedCopies.has(url)).toBe(false);
    await slow.close();
  });
});
