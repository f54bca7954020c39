import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';

const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link>
  <item><title>Un titre du jour assez long</title><link>http://x/a</link><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>`;

/** A news site announcing three feeds (a comment feed first in the page), one announcing one, one with none, and a feed. */
let site: TestServer;
beforeAll(async () => {
  site = await startServer((request, response) => {
    const html = (body: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    const xml = (body: string) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    switch (request.url) {
      case '/many/':
        return html(`<html><head><title>La Gazette</title>
          <link rel="alternate" type="application/rss+xml" title="La Gazette » Flux des commentaires" href="/many/comments/feed/">
          <link rel="alternate" type="application/rss+xml" title="La Gazette » Flux" href="/many/feed/">
          <link rel="alternate" type="application/atom+xml" title="La Gazette » Sport" href="/many/sport/atom/">
          </head><body><h1>La Gazette</h1></body></html>`);
      case '/many/feed/':
        return xml(rss('La Gazette'));
      case '/many/comments/feed/':
        return xml(rss('Commentaires de La Gazette'));
      case '/many/sport/atom/':
        return response
          .writeHead(200, { 'content-type': 'application/atom+xml' })
          .end(
            `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>La Gazette Sport</title><id>x</id><updated>2026-11-23T08:00:00Z</updated></feed>`,
          );
      case '/one/':
        return html(
          `<html><head><link rel="alternate" type="application/atom+xml" title="Harbour" href="/one/atom.xml"></head><body></body></html>`,
        );
      case '/one/atom.xml':
        return response
          .writeHead(200, { 'content-type': 'application/atom+xml' })
          .end(
            `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>The Harbour Times</title><id>x</id><updated>2026-11-23T08:00:00Z</updated></feed>`,
          );
      case '/nofeed/':
        return html(`<html><head><meta property="og:site_name" content="Carnet"></head><body>
          <h2><a href="/nofeed/premier-article-du-carnet/">Le premier article du carnet de voyage</a></h2>
          <h2><a href="/nofeed/deuxieme-article-du-carnet/">Le deuxième article du carnet de voyage</a></h2>
          <h2><a href="/nofeed/troisieme-article-du-carnet/">Le troisième article du carnet de voyage</a></h2></body></html>`);
      case '/empty/':
        return html('<html><body><p>Nothing here.</p></body></html>');
      case '/feed.xml':
        return xml(rss('Direct Feed'));
      default:
        return response.writeHead(404).end();
    }
  });
});
afterAll(() => site.close());

let configDir: string;
beforeEach(() => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
});

function kiosque(...args: string[]) {
  process.env['KIOSQUE_CONFIG_DIR'] = configDir;
  return runCli([...args, '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-cache-'))], 100);
}

const listed = async () =>
  JSON.parse((await kiosque('sources', 'list', '--json')).stdout) as Array<{ url: string; title?: string; group?: string[] }>;

describe('sources add', () => {
  it('adds a feed as it is, named by its title', async () => {
    const { code, stdout } = await kiosque('sources', 'add', `${site.origin}/feed.xml`);
    expect(code).toBe(0);
    expect(stdout).toContain('Added Direct Feed');
    expect(await listed()).toContainEqual({ url: `${site.origin}/feed.xml`, title: 'Direct Feed' });
  });

  it('finds the one feed a site page announces', async () => {
    const { code, stdout } = await kiosque('sources', 'add', `${site.origin}/one/`, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      added: true,
      via: 'discovered-feed',
      source: { url: `${site.origin}/one/atom.xml`, title: 'The Harbour Times' },
    });
  });

  it('lists every feed of a site with several, takes the main one (not comments), and --pick N takes another', async () => {
    const first = await kiosque('sources', 'add', `${site.origin}/many/`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Added La Gazette');
    expect(first.stdout).toMatch(/offers 3 feeds \(took 1; choose another with --pick N\)/);
    expect(first.stdout).toMatch(
      /1\. La Gazette » Flux .*\/many\/feed\/\n {2}2\. La Gazette » Sport .*\n {2}3\. La Gazette » Flux des commentaires/,
    );
    const picked = await kiosque('sources', 'add', `${site.origin}/many/`, '--pick', '2', '--json');
    expect(JSON.parse(picked.stdout)).toMatchObject({
      picked: 2,
      source: { url: `${site.origin}/many/sport/atom/`, title: 'La Gazette Sport' },
    });
    expect((await listed()).map((source) => source.url)).toEqual(
      expect.arrayContaining([`${site.origin}/many/feed/`, `${site.origin}/many/sport/atom/`]),
    );
  });

  it('refuses a --pick out of range with the choices in the message, adding nothing', async () => {
    const before = await listed();
    const { code, stderr } = await kiosque('sources', 'add', `${site.origin}/many/`, '--pick', '7');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--pick 7: .* offers 3 feeds \(1 to 3\)/);
    expect(await listed()).toEqual(before);
  });

  it('adds a site with no feed as a page to read headlines from; refuses one with neither', async () => {
    const page = await kiosque('sources', 'add', `${site.origin}/nofeed/`, '--json');
    expect(JSON.parse(page.stdout)).toMatchObject({ via: 'page', source: { url: `${site.origin}/nofeed/`, title: 'Carnet' } });
    const empty = await kiosque('sources', 'add', `${site.origin}/empty/`);
    expect(empty.code).toBe(4);
    expect(empty.stderr).toMatch(/has no feed and no article links/);
  });

  it('a dead host is a network error and nothing is added', async () => {
    const { code, stderr } = await kiosque('sources', 'add', 'http://127.0.0.1:9/feed.xml');
    expect(code).toBe(3);
    expect(stderr).toMatch(/^kiosque: /);
    expect((await listed()).map((source) => source.url)).not.toContain('http://127.0.0.1:9/feed.xml');
  });
});

describe('sources rename, import, export', () => {
  it('renames a source; the headlines carry the new name', async () => {
    await kiosque('sources', 'add', `${site.origin}/feed.xml`);
    const renamed = await kiosque('sources', 'rename', `${site.origin}/feed.xml`, 'Mon', 'flux');
    expect(renamed.code).toBe(0);
    expect(await listed()).toContainEqual({ url: `${site.origin}/feed.xml`, title: 'Mon flux' });
    const headlines = JSON.parse((await kiosque('headlines', '--json')).stdout.trim() || '[]') as Array<{
      source: string;
      sourceUrl: string;
    }>;
    expect(headlines.filter((headline) => headline.sourceUrl === `${site.origin}/feed.xml`).map((headline) => headline.source)).toEqual([
      'Mon flux',
    ]);
    expect((await kiosque('sources', 'rename', 'http://nowhere.example/', 'x')).code).toBe(2);
  });

  it('imports an OPML file from another reader and exports it back with folders and attributes', async () => {
    const opml = new URL('./fixtures/subscriptions.opml', import.meta.url).pathname;
    const imported = await kiosque('sources', 'import', opml);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 4 of 4 sources/);
    const sources = await listed();
    expect(sources.find((source) => source.url === 'https://www.francetvinfo.fr/titres.rss')).toMatchObject({
      title: 'franceinfo & Cie',
      group: ['Actualités', 'France'],
    });
    const again = await kiosque('sources', 'import', opml);
    expect(again.stdout).toMatch(/Imported 0 of 4 sources/);
    const out = path.join(configDir, 'out.opml');
    expect((await kiosque('sources', 'export', out)).code).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/<outline text="Actualités">\s*<outline text="France">\s*<outline text="Le Monde — À la une" type="rss"/);
    expect(written).toContain('unreadCount="12"');
    const toStdout = await kiosque('sources', 'export');
    expect(toStdout.stdout).toBe(written);
  });

  it('says plainly when the file to import is missing or not OPML', async () => {
    const missing = await kiosque('sources', 'import', '/no/such/file.opml');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toMatch(/Cannot read \/no\/such\/file\.opml: no such file/);
    const notOpml = path.join(configDir, 'notes.txt');
    writeFileSync(notOpml, 'just some words');
    expect((await kiosque('sources', 'import', notOpml)).stderr).toMatch(/not an OPML subscription list/);
  });

  it('a corrupt configuration is set aside with a message, and the commands still work', async () => {
    writeFileSync(path.join(configDir, 'config.json'), '{"sources": [ {"url": "http://a"');
    const { code, stdout, stderr } = await kiosque('sources', 'list', '--json');
    expect(code).toBe(0);
    expect(stderr).toMatch(/could not be read; it was kept as .*config\.json\.corrupt-\d+/);
    expect(JSON.parse(stdout).length).toBeGreaterThan(0); // the default sources
    const backup = readdirSync(configDir).find((name) => name.startsWith('config.json.corrupt-'));
    expect(backup && readFileSync(path.join(configDir, backup), 'utf8')).toBe('{"sources": [ {"url": "http://a"');
    expect(existsSync(path.join(configDir, 'config.json'))).toBe(true);
  });
});

describe('a hand-edited config.json with the wrong types', () => {
  it('lists what it can read (a folder given as one name, a source without an address left out, said once), no internal error', async () => {
    writeFileSync(
      path.join(configDir, 'config.json'),
      JSON.stringify({ sources: [{ url: `${site.origin}/feed/`, group: 'News', title: 5 }, { title: 'no address' }] }),
    );
    const { code, stdout, stderr } = await kiosque('sources', 'list', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([{ url: `${site.origin}/feed/`, group: ['News'] }]);
    expect(stderr).toMatch(/^kiosque: 1 source in .*config\.json could not be read \(no address\) and is left out\.\n$/);
  });

  it('refuses to change a "sources" that is not a list, and leaves the file as it was', async () => {
    const file = path.join(configDir, 'config.json');
    writeFileSync(file, JSON.stringify({ sources: { oops: true } }));
    const added = await kiosque('sources', 'add', `${site.origin}/many/feed/`);
    expect(added.code).toBe(2);
    expect(added.stderr).toMatch(/^kiosque: "sources" in .*config\.json is not a list: correct it, or remove the file to start again\.\n$/);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify({ sources: { oops: true } }));
  });
});
