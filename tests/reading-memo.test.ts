import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSources } from '../src/feeds/sources.js';
import { bodyDigest, DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * What a feed or a site page reads as is kept with its cached body, so a warm start
 * neither parses nor loads the parsers. Kept readings must follow the bytes they
 * came from and never be trusted blindly when read back.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const rss = (title: string, items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map(
      (item, i) =>
        `<item><title>${item}</title><link>http://news.example/${i}</link><pubDate>Tue, 24 Nov 2026 0${i}:00:00 GMT</pubDate></item>`,
    )
    .join('')}</channel></rss>`;

function tempCache(): DiskCache {
  return new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-memo-')));
}

async function keptReadings(cache: DiskCache, url: string): Promise<Record<string, unknown>> {
  return (await cache.get(url))?.derived ?? {};
}

describe('readings kept with the cached body', () => {
  it('reads a fresh feed a second time from what was kept, with the same headlines', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600' }).end(rss('La Gazette', ['Un', 'Deux'])),
    );
    servers.push(server);
    const cache = tempCache();
    const url = `${server.origin}/feed.xml`;
    const first = await readSources(new HttpClient({ cache }), [url]);
    const kept = await keptReadings(cache, url);
    expect(Object.keys(kept)).toHaveLength(1);
    const second = await readSources(new HttpClient({ cache }), [url]);
    expect(second.headlines).toEqual(first.headlines);
    expect(server.hits.get('/feed.xml')).toBe(1);

    // The second read really comes from the kept reading: change it, and the reader shows the change.
    const [kind] = Object.keys(kept);
    const stored = await cache.get(url);
    await cache.derive(url, bodyDigest(stored!.body), kind!, { ...(kept[kind!] as object), title: 'Kept \u001b[2Jtitle' });
    const third = await readSources(new HttpClient({ cache }), [url]);
    expect(third.sources[0]?.title).toBe('Kept title');
  });

  it('parses again when a kept reading is damaged', async () => {
    const server = await startServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600' }).end(rss('La Gazette', ['Un'])),
    );
    servers.push(server);
    const cache = tempCache();
    const url = `${server.origin}/feed.xml`;
    await readSources(new HttpClient({ cache }), [url]);
    const [kind] = Object.keys(await keptReadings(cache, url));
    const body = (await cache.get(url))!.body;
    for (const damaged of [
      null,
      'text',
      { kind: 'headlines', via: 'feed', title: 5, headlines: [] },
      { kind: 'headlines', via: 'feed', title: 'x', headlines: [{ title: 'no url' }] },
      { kind: 'feed-links', feeds: [{ url: 'javascript:alert(1)', title: 'x' }], siteName: null },
    ]) {
      await cache.derive(url, bodyDigest(body), kind!, damaged);
      const read = await readSources(new HttpClient({ cache }), [url]);
      expect(read.sources[0]?.title).toBe('La Gazette');
      expect(read.headlines.map((headline) => headline.title)).toEqual(['Un']);
    }
  });

  it('follows the bytes: a changed feed is read anew, a 304 keeps what was read', async () => {
    let version = 1;
    const server = await startServer((req, res) => {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag, 'cache-control': 'max-age=0' }).end();
      res
        .writeHead(200, { 'content-type': 'application/rss+xml', etag, 'cache-control': 'max-age=0' })
        .end(rss(`Édition ${version}`, [`Titre ${version}`]));
    });
    servers.push(server);
    const cache = tempCache();
    const url = `${server.origin}/feed.xml`;
    expect((await readSources(new HttpClient({ cache }), [url])).headlines[0]?.title).toBe('Titre 1');
    const [kind] = Object.keys(await keptReadings(cache, url));
    await cache.derive(url, bodyDigest((await cache.get(url))!.body), kind!, {
      kind: 'headlines',
      via: 'feed',
      title: 'Kept',
      headlines: [],
    });

    // Revalidated with a 304: same bytes, so the kept reading still stands, this time and the next.
    expect((await readSources(new HttpClient({ cache }), [url])).sources[0]?.title).toBe('Kept');
    expect((await readSources(new HttpClient({ cache }), [url])).sources[0]?.title).toBe('Kept');
    version = 2;
    const changed = await readSources(new HttpClient({ cache }), [url]);
    expect(changed.sources[0]?.title).toBe('Édition 2');
    expect(changed.headlines.map((headline) => headline.title)).toEqual(['Titre 2']);
    expect(server.hits.get('/feed.xml')).toBe(4);
  });

  it('keeps where a site page points to, and reads its feed from the cache next time', async () => {
    const server = await startServer((req, res) => {
      if (req.url === '/') {
        res
          .writeHead(200, { 'content-type': 'text/html', 'cache-control': 'max-age=600' })
          .end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head><body><p>Accueil</p></body></html>');
      } else {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600' })
          .end(rss('Le Carnet', ['Premier', 'Second']));
      }
    });
    servers.push(server);
    const cache = tempCache();
    const first = await readSources(new HttpClient({ cache }), [`${server.origin}/`]);
    expect(first.sources[0]).toMatchObject({ title: 'Le Carnet', via: 'discovered-feed' });
    const kept = Object.values(await keptReadings(cache, `${server.origin}/`));
    expect(kept).toEqual([{ kind: 'feed-links', feeds: [{ url: `${server.origin}/feed/`, title: '' }], siteName: null }]);
    const second = await readSources(new HttpClient({ cache }), [`${server.origin}/`]);
    expect(second.headlines).toEqual(first.headlines);
    expect(server.hits.get('/')).toBe(1);
    expect(server.hits.get('/feed/')).toBe(1);
  });
});
