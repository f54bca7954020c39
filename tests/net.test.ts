import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskCache } from '../src/net/cache.js';
import { charsetOrigin, decodeBody } from '../src/net/charset.js';
import { HttpClient } from '../src/net/client.js';
import { KiosqueError } from '../src/errors.js';
import { startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function tempCache(): DiskCache {
  return new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-cache-')));
}

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

describe('fetch-and-cache client', () => {
  it('serves a fresh entry from disk without a second request', async () => {
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=600' }).end('<p>fresh</p>'),
    );
    const cache = tempCache();
    const first = await new HttpClient({ cache }).fetch(`${server.origin}/a`);
    // A new client on the same cache: what a second run of kiosque sees.
    const second = await new HttpClient({ cache }).fetch(`${server.origin}/a`);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(second.text).toBe('<p>fresh</p>');
    expect(server.hits.get('/a')).toBe(1);
  });

  it('revalidates a stale entry with If-None-Match and a 304 costs no body', async () => {
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=0' }).end();
      res.writeHead(200, { 'content-type': 'text/html', etag: '"v1"', 'cache-control': 'max-age=0' }).end('<p>body v1</p>');
    });
    const client = new HttpClient({ cache: tempCache() });
    await client.fetch(`${server.origin}/page`);
    const again = await client.fetch(`${server.origin}/page`);
    expect(server.hits.get('/page')).toBe(2);
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(again.text).toBe('<p>body v1</p>');
    expect(again.fromCache).toBe(true);
    expect(again.stale).toBe(false);
  });

  it('reads the cached copy, marked stale, when the server is gone', async () => {
    const server = await serve((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html', 'last-modified': new Date(0).toUTCString(), 'cache-control': 'no-cache' })
        .end('<p>kept</p>'),
    );
    const cache = tempCache();
    const url = `${server.origin}/gone`;
    await new HttpClient({ cache }).fetch(url);
    await server.close();
    const copy = await new HttpClient({ cache }).fetch(url);
    expect(copy.text).toBe('<p>kept</p>');
    expect(copy.stale).toBe(true);
  });

  it('--offline reads only the cache and says clearly when a page is missing', async () => {
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p>'));
    const client = new HttpClient({ cache: tempCache(), offline: true });
    await expect(client.fetch(`${server.origin}/never`)).rejects.toMatchObject({ code: 'OFFLINE_MISS' });
    expect(server.hits.size).toBe(0);
  });

  it('shares one fetch between concurrent requests for the same URL', async () => {
    const server = await serve((_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>once</p>'), 50));
    const client = new HttpClient({ cache: tempCache() });
    const results = await Promise.all([1, 2, 3].map(() => client.fetch(`${server.origin}/same`)));
    expect(results.map((r) => r.text)).toEqual(['<p>once</p>', '<p>once</p>', '<p>once</p>']);
    expect(server.hits.get('/same')).toBe(1);
  });

  it('decodes a page labelled iso-8859-1 as windows-1252 (’ € œ)', async () => {
    const html = '<html><head><meta charset="iso-8859-1"></head><body><p>L’œuvre coûte 3 € – voilà…</p></body></html>';
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(iconv.encode(html, 'windows-1252')));
    const page = await new HttpClient().fetch(`${server.origin}/latin`);
    expect(page.charset).toBe('windows-1252');
    expect(page.text).toContain('L’œuvre coûte 3 € – voilà…');
  });

  it('reads a page re-encoded as UTF-8 under its old label as UTF-8, and says why (doctor)', async () => {
    const html = '<html><head><meta charset="iso-8859-1"></head><body><p>L’œuvre coûte 3 € – voilà…</p></body></html>';
    const server = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
    const page = await new HttpClient().fetch(`${server.origin}/moved`);
    expect(page.text).toContain('L’œuvre coûte 3 € – voilà…');
    expect(page.charset).toBe('UTF-8');
    expect(await charsetOrigin(Buffer.from(html), 'text/html', page)).toBe(
      'the bytes: declared "iso-8859-1", but every byte reads as UTF-8',
    );
    // A server's default label, and a double-byte one: the bytes outrank them too.
    expect(await decodeBody(Buffer.from('<p>北京 été</p>'), 'text/html; charset=gb2312')).toEqual({
      text: '<p>北京 été</p>',
      charset: 'UTF-8',
    });
    // Real windows-1252 and GBK text is not valid UTF-8: read by its label as before.
    expect((await decodeBody(iconv.encode('<p>L’été</p>', 'windows-1252'), 'text/html; charset=iso-8859-1')).text).toBe('<p>L’été</p>');
    expect(await decodeBody(iconv.encode('<p>北京欢迎你</p>', 'gbk'), 'text/html; charset=gb2312')).toEqual({
      text: '<p>北京欢迎你</p>',
      charset: 'GBK',
    });
  });

  it('decodes UTF-8 under every label the Encoding standard gives it, and by BOM', async () => {
    // kiosque decodes UTF-8 without loading whatwg-encoding: its list of labels must be the standard's.
    const table = JSON.parse(readFileSync(path.join('node_modules', 'whatwg-encoding', 'lib', 'labels-to-names.json'), 'utf8')) as Record<
      string,
      string
    >;
    const utf8Labels = Object.keys(table).filter((label) => table[label] === 'UTF-8');
    expect(utf8Labels.length).toBeGreaterThan(2);
    const body = Buffer.from('<p>L’été à 3 €</p>');
    for (const label of [...utf8Labels, ...utf8Labels.map((label) => ` ${label.toUpperCase()} `)]) {
      expect(await decodeBody(body, `text/html; charset="${label}"`), label).toEqual({ text: '<p>L’été à 3 €</p>', charset: 'UTF-8' });
    }
    expect(await decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]), 'text/html; charset=windows-1252')).toEqual({
      text: '<p>L’été à 3 €</p>',
      charset: 'UTF-8',
    });
    expect(await decodeBody(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>été</p>', 'utf16le')]))).toEqual({
      text: '<p>été</p>',
      charset: 'UTF-16LE',
    });
    expect(await decodeBody(iconv.encode('<p>L’été</p>', 'windows-1252'), 'text/html; charset=latin1')).toEqual({
      text: '<p>L’été</p>',
      charset: 'windows-1252',
    });
  });

  it('stops reading a body over the size cap with a clear error', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(Buffer.alloc(2 * 1024 * 1024, 'a'));
    });
    const error = await new HttpClient({ maxBytes: 1024 * 1024 }).fetch(`${server.origin}/huge`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KiosqueError);
    expect((error as KiosqueError).code).toBe('TOO_LARGE');
  });

  it('turns a 404 and a refused connection into plain messages', async () => {
    const server = await serve((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nope</h1>'));
    await expect(new HttpClient().fetch(`${server.origin}/missing`)).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      message: expect.stringContaining('404'),
    });
    const dead = server.origin;
    await server.close();
    await expect(new HttpClient().fetch(`${dead}/x`)).rejects.toMatchObject({
      code: 'NETWORK',
      message: expect.stringContaining('refused'),
    });
  });

  it('gives up on a server that never answers within the timeout', async () => {
    const server = await serve(() => {});
    await expect(new HttpClient({ timeoutMs: 500 }).fetch(`${server.origin}/silent`)).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('refuses non-http schemes', async () => {
    await expect(new HttpClient().fetch('file:///etc/passwd')).rejects.toMatchObject({ code: 'BAD_URL' });
  });

  it('sets a damaged cache entry aside and fetches again', async () => {
    const server = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=600' }).end('<p>good</p>'),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-cache-'));
    const warnings: string[] = [];
    const cache = new DiskCache(dir, { onWarning: (m) => warnings.push(m) });
    await new HttpClient({ cache }).fetch(`${server.origin}/c`);
    const shard = readdirSync(path.join(dir, 'entries'))[0]!;
    const file = path.join(dir, 'entries', shard, readdirSync(path.join(dir, 'entries', shard))[0]!);
    writeFileSync(file, 'KSQ1\n{"format":1, broken');
    const again = await new HttpClient({ cache }).fetch(`${server.origin}/c`);
    expect(again.text).toBe('<p>good</p>');
    expect(server.hits.get('/c')).toBe(2);
    expect(warnings[0]).toMatch(/damaged cache entry/);
    expect(readdirSync(path.join(dir, 'corrupt'))).toHaveLength(1);
  });
});

describe('cache size limit', () => {
  it('evicts the least recently used entries past its size, keeping one just read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-cache-'));
    const entrySize = 10_000;
    const cache = new DiskCache(dir, { maxBytes: entrySize * 3.5 });
    const body = Buffer.alloc(entrySize - 400, 'x');
    const put = (name: string) =>
      cache.put({ url: `https://x.example/${name}`, finalUrl: `https://x.example/${name}`, policy: {} as never, body });
    const age = (name: string, secondsAgo: number) => {
      // Reading an entry marks it used (its mtime); age them explicitly so the order is certain.
      const when = new Date(Date.now() - secondsAgo * 1000);
      for (const shard of readdirSync(path.join(dir, 'entries'))) {
        for (const file of readdirSync(path.join(dir, 'entries', shard))) {
          const full = path.join(dir, 'entries', shard, file);
          if (readFileSync(full, 'latin1').includes(`"url":"https://x.example/${name}"`)) utimesSync(full, when, when);
        }
      }
    };
    await put('a');
    await put('b');
    await put('c');
    age('a', 300);
    age('b', 200);
    age('c', 100);
    expect(await cache.get('https://x.example/a')).toBeDefined(); // a is now the most recently used
    await put('d'); // over the limit: b, the least recently used, goes
    expect(await cache.get('https://x.example/b')).toBeUndefined();
    for (const kept of ['a', 'c', 'd']) expect(await cache.get(`https://x.example/${kept}`)).toBeDefined();
    const info = await cache.info();
    expect(info.entries).toBe(3);
    expect(info.bytes).toBeLessThanOrEqual(info.maxBytes);
  });
});

describe('requests in flight', () => {
  it('at most four at once to one host, while another host is answered meanwhile; none waits on a slow host', async () => {
    // The slow host answers nothing until told to: every request it holds is in flight at once.
    const held: Array<() => void> = [];
    let mostAtOnce = 0;
    let atOnce = 0;
    const slow = await serve((_req, res) => {
      atOnce++;
      mostAtOnce = Math.max(mostAtOnce, atOnce);
      held.push(() => {
        atOnce--;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>');
      });
    });
    // Another host (another loopback address): each request of its own.
    const quick = await startServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>quick</p>'), '127.0.0.2');
    servers.push(quick);
    const client = new HttpClient({ cache: tempCache() });
    const slowPages = Array.from({ length: 8 }, (_, i) => client.fetch(`${slow.origin}/page${i}`));
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(4);
    const quickPages = await Promise.all(Array.from({ length: 8 }, (_, i) => client.fetch(`${quick.origin}/page${i}`)));
    expect(quickPages.map((page) => page.text)).toEqual(Array(8).fill('<p>quick</p>'));
    expect(held).toHaveLength(4);
    // Let the slow host answer, one at a time: each answer lets one more request in, never a fifth at once.
    for (let answered = 0; answered < 8; answered++) {
      await expect.poll(() => held.length, { timeout: 10_000 }).toBeGreaterThan(0);
      held.shift()!();
    }
    expect((await Promise.all(slowPages)).map((page) => page.text)).toEqual(Array(8).fill('<p>slow</p>'));
    expect(mostAtOnce).toBe(4);
  });
});
