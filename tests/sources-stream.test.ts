import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createReaderServices, type SourceLoaded } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * The reader's services read each source on its own: what the cache kept comes first (marked
 * stale when past its time), then what the server says now; a source that never answers holds
 * none of the others back. Real servers on 127.0.0.1, a real cache.
 */
let server: TestServer;
let hold = false;
const held: Array<() => void> = [];
let edition = 1;
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url === '/hung.xml') return; // never answers
    const answer = () =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=0' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Edition</title><item><title>Edition ${edition}</title><link>${server.origin}/e${edition}</link></item></channel></rss>`,
        );
    if (hold) held.push(answer);
    else answer();
  });
});
afterAll(() => server.close());

describe('sources read one by one', () => {
  it('a copy past its time shows at once (stale), then the fresh one; the hung source holds nothing back', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-stream-'));
    const session = await createSession({
      cacheDir,
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'kiosque-stream-data-')),
      timeoutMs: 60_000,
    });
    const entries = [{ url: `${server.origin}/feed.xml` }, { url: `${server.origin}/hung.xml` }];
    const services = createReaderServices(session, { entries, openInBrowser: () => {} });
    expect(services.sourceList?.map((source) => source.url)).toEqual(entries.map((entry) => entry.url));

    // Last time: edition 1 kept in the cache (max-age=0: past its time at once).
    const first: SourceLoaded[] = [];
    void services.loadHeadlines({ onSource: (loaded) => first.push(loaded) });
    await vi.waitFor(() => expect(first.filter((loaded) => loaded.done)).toHaveLength(1), { timeout: 20_000 });
    expect(first.at(-1)).toMatchObject({ done: true, stale: false, headlines: [expect.objectContaining({ title: 'Edition 1' })] });

    // Now: the server takes its time with edition 2; the kept edition 1 comes first, marked.
    edition = 2;
    hold = true;
    const second: SourceLoaded[] = [];
    void services.loadHeadlines({ onSource: (loaded) => second.push(loaded) });
    await vi.waitFor(() => expect(second).toHaveLength(1), { timeout: 20_000 });
    expect(second[0]).toMatchObject({ done: false, stale: true, headlines: [expect.objectContaining({ title: 'Edition 1' })] });
    await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 20_000 });
    held.shift()!();
    await vi.waitFor(() => expect(second).toHaveLength(2), { timeout: 20_000 });
    expect(second[1]).toMatchObject({ done: true, stale: false, headlines: [expect.objectContaining({ title: 'Edition 2' })] });
    // All the while, the hung source has said nothing: nothing waited for it.
    expect(second.every((loaded) => !loaded.source.url.endsWith('/hung.xml'))).toBe(true);
    hold = false;
    await session.close();
  });
});
