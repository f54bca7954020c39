import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/net/client.js';
import { startServer, type TestServer } from './helpers/server.js';

// The request itself (src/net/wire.ts): what got did for kiosque, seen from the client.
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const PAGE = '<p>Un été à Zürich, œuvre complète.</p>'.repeat(20);

describe('the request', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('reads a body sent with content-encoding %s as the page itself', async (encoding, compress) => {
    const server = await serve((request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });
      response.end(compress(Buffer.from(PAGE)));
    });
    const page = await new HttpClient().fetch(`${server.origin}/page`);
    expect(page.text).toBe(PAGE);
    expect(server.requests[0]?.headers['accept-encoding']).toMatch(encoding);
  });

  it('asks once more after a 503, and reads what the second answer says', async () => {
    let asked = 0;
    const server = await serve((_request, response) => {
      asked++;
      if (asked === 1) return response.writeHead(503, { 'retry-after': '0' }).end();
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    const page = await new HttpClient().fetch(`${server.origin}/busy`);
    expect([asked, page.status, page.text]).toEqual([2, 200, PAGE]);
  });

  it('follows redirects to where they end, and says that address', async () => {
    const server = await serve((request, response) => {
      if (request.url === '/old') return response.writeHead(301, { location: '/moved' }).end();
      if (request.url === '/moved') return response.writeHead(302, { location: `${server.origin}/new?x=1` }).end();
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    });
    const page = await new HttpClient().fetch(`${server.origin}/old`);
    expect(page.finalUrl).toBe(`${server.origin}/new?x=1`);
    expect(page.text).toBe(PAGE);
  });
});
