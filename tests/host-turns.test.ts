import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * A host's silent feeds hold none of its other feeds back until they time out: requests to one
 * host go a few at a time, but one without an answer gives its place up after a second, and
 * what the cache answers takes no place at all.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, response) => {
    if (request.url?.startsWith('/silent')) return; // never answers
    response.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'max-age=600' }).end(`answer for ${request.url}`);
  });
});
afterAll(() => server.close());

describe('requests to one host', () => {
  it('eight silent feeds ahead of a good one on the same host do not keep it waiting for their timeout', async () => {
    // A minute's timeout: the good one can only come now if the silent ones gave their places up.
    const client = new HttpClient({ timeoutMs: 60_000 });
    for (let i = 0; i < 8; i++) void client.fetch(`${server.origin}/silent/${i}`).catch(() => undefined);
    const good = await client.fetch(`${server.origin}/good`);
    expect(good.text).toBe('answer for /good');
    // Every silent one was asked too (none waits for another's answer).
    expect([...server.hits.keys()].filter((key) => key.startsWith('/silent'))).toHaveLength(8);
  });

  it('a copy the cache still holds fresh is served without waiting for the host at all', async () => {
    const cache = new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-turns-')));
    await new HttpClient({ cache }).fetch(`${server.origin}/cached`);
    const client = new HttpClient({ cache, timeoutMs: 60_000, perHostConcurrency: 1 });
    void client.fetch(`${server.origin}/silent/first`).catch(() => undefined);
    const cached = await client.fetch(`${server.origin}/cached`);
    expect(cached.fromCache).toBe(true);
  });
});
