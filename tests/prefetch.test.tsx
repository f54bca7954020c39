import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isInternalHost, mayPrefetch } from '../src/app/prefetch-rule.js';
import { createReaderServices, type ReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

describe('mayPrefetch: what a page may have the reader fetch with no key pressed', () => {
  it('links on the same site: the same host ("www." aside) and port', () => {
    expect(mayPrefetch('https://www.lemonde.fr/a/', 'https://www.lemonde.fr/b/')).toBe(true);
    expect(mayPrefetch('https://www.lemonde.fr/a/', 'https://lemonde.fr/b/')).toBe(true);
    expect(mayPrefetch('https://lemonde.fr/a/', 'http://www.lemonde.fr/b/')).toBe(true);
    expect(mayPrefetch('http://127.0.0.1:8080/a/', 'http://127.0.0.1:8080/b/')).toBe(true);
  });

  it('not another site, another port, a sibling subdomain, nor anything but http(s)', () => {
    expect(mayPrefetch('https://lemonde.fr/a/', 'https://evil.example/admin/delete?id=1')).toBe(false);
    expect(mayPrefetch('https://example.com/a/', 'https://example.com:8443/b/')).toBe(false);
    // Same registrable domain, but telling that from co.uk needs the public suffix list: not prefetched.
    expect(mayPrefetch('https://news.example.com/a/', 'https://example.com/b/')).toBe(false);
    expect(mayPrefetch('https://bbc.co.uk/a/', 'https://evil.co.uk/b/')).toBe(false);
    expect(mayPrefetch('https://example.com/a/', 'javascript:alert(1)')).toBe(false);
    expect(mayPrefetch('https://example.com/a/', 'file:///etc/passwd')).toBe(false);
  });

  it('the local network only from a page that is on it', () => {
    for (const internal of [
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:192.168.0.1]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://localhost/',
      'http://admin.localhost/',
      'http://printer.local/',
      'http://router/',
    ]) {
      expect(isInternalHost(new URL(internal).hostname), internal).toBe(true);
      expect(mayPrefetch('https://example.com/a/', internal), internal).toBe(false);
    }
    for (const external of [
      'http://8.8.8.8/',
      'http://172.32.0.1/',
      'http://192.169.0.1/',
      'http://[2001:db8::1]/',
      'http://example.com/',
    ]) {
      expect(isInternalHost(new URL(external).hostname), external).toBe(false);
    }
    // A page on the local network (the demo newsstand, an intranet) keeps reading ahead on its own site.
    expect(mayPrefetch('http://127.0.0.1:4000/a/', 'http://127.0.0.1:4000/b/')).toBe(true);
    expect(mayPrefetch('http://localhost:4000/a/', 'http://localhost:4000/b/')).toBe(true);
    // And another site is another site, local or not.
    expect(mayPrefetch('http://127.0.0.1:4000/a/', 'http://127.0.0.2:4000/b/')).toBe(false);
  });
});

let site: TestServer;
let other: TestServer;
/** Set just before the reader presses the link's key: a request to the other host before it is one the reader did not ask for. */
let pressed = false;
const otherHitsBeforePress: string[] = [];
const page = (title: string, body: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'A paragraph long enough to be the body of an article about the harbour. '.repeat(6)}</p>${body}</article></body></html>`;

beforeAll(async () => {
  other = await startServer((request, response) => {
    if (!pressed) otherHitsBeforePress.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('The other host', ''));
  }, '127.0.0.2');
  site = await startServer((request, response) => {
    if (request.url === '/feed.xml') {
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>The Site</title><item><title>Harbour news</title><link>${site.origin}/harbour/</link></item></channel></rss>`,
        );
    }
    if (request.url === '/harbour/') {
      return response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          page(
            'Harbour news',
            `<p>Lire aussi : <a href="${other.origin}/admin/delete?id=1">Delete everything</a></p><p>Lire aussi : <a href="${site.origin}/quay/">The north quay</a></p>` +
              `<p>Lire aussi : <a href="${site.origin}/hop/">A link on this site that redirects elsewhere</a></p>`,
          ),
        );
    }
    // On the page's own site, but a redirect to the other host: reading ahead must not follow it.
    if (request.url === '/hop/') return response.writeHead(302, { location: `${other.origin}/via-redirect` }).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('The north quay', ''));
  });
});
afterAll(async () => {
  await site.close();
  await other.close();
});

describe('prefetch in the reader', () => {
  it('opening an article on 127.0.0.1 reads ahead its own site only: 127.0.0.2 is asked nothing until its link key is pressed', async () => {
    const session = await createSession({ cacheDir: mkdtempSync(path.join(os.tmpdir(), 'kiosque-prefetch-')) });
    try {
      const real = createReaderServices(session, { entries: [{ url: `${site.origin}/feed.xml` }], openInBrowser: () => {} });
      // The real services; only what the screen asks them to read ahead is written down.
      const askedAhead: string[] = [];
      const services: ReaderServices = {
        ...real,
        prefetch: (urls, mayFollow) => {
          askedAhead.push(...urls);
          real.prefetch(urls, mayFollow);
        },
      };
      const { frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'Harbour news');
      await press('\r', '[3] Lire aussi');
      // The same-site links are read ahead: the reader's site is served from the cache when it follows it;
      // the one that redirects to the other host is asked, and its redirect not followed.
      await vi.waitFor(() => expect(site.hits.get('/quay/')).toBe(1), { timeout: 5000, interval: 10 });
      await vi.waitFor(() => expect(site.hits.get('/hop/')).toBe(1), { timeout: 5000, interval: 10 });
      expect(askedAhead).toEqual([`${site.origin}/quay/`, `${site.origin}/hop/`]);
      expect(otherHitsBeforePress).toEqual([]);
      expect(other.hits.size).toBe(0);

      // Asked for with its key, the link on the other host opens.
      pressed = true;
      await press('1', 'The other host');
      expect(other.hits.get('/admin/delete')).toBe(1);
      expect(otherHitsBeforePress).toEqual([]);
      expect(frame()).toContain('The other host');
    } finally {
      await session.close();
    }
  });
});
