import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession, type Session } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * R reloads the sources: every server is asked again, even one that said its feed keeps for a
 * year. Opening the reader (and prefetching) stays cache first.
 */

/** What the feeds say now; each edition has its own validator. */
let edition = 'Morning';
let site: TestServer;
const YEAR = 'public, max-age=31536000';
beforeAll(async () => {
  site = await startServer((request, response) => {
    const rss = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Daily</title>
      <item><title>${title}</title><link>${site.origin}/${encodeURIComponent(title)}</link></item></channel></rss>`;
    if (request.url === '/with-etag.xml') {
      const etag = `"${edition}"`;
      if (request.headers['if-none-match'] === etag) return response.writeHead(304, { etag, 'cache-control': YEAR }).end();
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml', etag, 'cache-control': YEAR })
        .end(rss(`${edition} tide tables`));
    }
    if (request.url === '/no-validator.xml') {
      return response.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': YEAR }).end(rss(`${edition} ferry times`));
    }
    response.writeHead(404).end();
  });
});
afterAll(() => site.close());

let session: Session;
beforeEach(async () => {
  edition = 'Morning';
  session = await createSession({ cacheDir: mkdtempSync(path.join(os.tmpdir(), 'kiosque-reload-')) });
});
afterEach(() => session.close());

const entries = () => [{ url: `${site.origin}/with-etag.xml` }, { url: `${site.origin}/no-validator.xml` }];
const titles = (loaded: { headlines: Array<{ title: string }> }) => loaded.headlines.map((h) => h.title).sort();

describe('R reloads feeds served with a year-long max-age', () => {
  it('the reader services: a load is cache first, a reload lists the new headlines', async () => {
    const services = createReaderServices(session, { entries: entries(), openInBrowser: () => {} });
    expect(titles(await services.loadHeadlines())).toEqual(['Morning ferry times', 'Morning tide tables']);

    edition = 'Evening';
    // Opening the reader again is cache first: the copies are fresh for a year.
    expect(titles(await services.loadHeadlines())).toEqual(['Morning ferry times', 'Morning tide tables']);
    expect(site.hits.get('/with-etag.xml')).toBe(1);

    expect(titles(await services.loadHeadlines({ revalidate: true }))).toEqual(['Evening ferry times', 'Evening tide tables']);
    // The new editions are kept: the next cache-first load shows them without asking.
    expect(titles(await services.loadHeadlines())).toEqual(['Evening ferry times', 'Evening tide tables']);
  });

  it('a reload of an unchanged feed with a validator is a conditional request answered 304: same headlines', async () => {
    const services = createReaderServices(session, { entries: [{ url: `${site.origin}/with-etag.xml` }], openInBrowser: () => {} });
    await services.loadHeadlines();
    expect(titles(await services.loadHeadlines({ revalidate: true }))).toEqual(['Morning tide tables']);
    const last = site.requests.filter((r) => r.url === '/with-etag.xml').at(-1);
    expect(last?.headers['if-none-match']).toBe('"Morning"');
  });

  it('on screen: pressing R shows the new headlines', async () => {
    const services = createReaderServices(session, { entries: entries(), openInBrowser: () => {} });
    const { app, press } = await openScreen(<App services={services} locale="en-GB" />, 'Morning tide tables');
    edition = 'Evening';
    await press('R', 'Evening tide tables');
    app.unmount();
  });
});
