import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';

/** Answers a server should not give, said for what they are. */

let site: TestServer;
let deadOrigin: string;
/** /flaky serves its page until the server starts answering 304 to everything. */
let flakyBroken = false;
const PAGE = `<!doctype html><html><head><title>Quay works</title></head><body><article><h1>Quay works</h1>
  <p>The quay works begin on Monday and will last three weeks, with the ferry moved to the north pier meanwhile.</p>
  <p>Traders on the quay say the market will stay open, and the harbour office will post the new timetable.</p>
</article></body></html>`;
beforeAll(async () => {
  // Nothing listens there once closed: 127.0.0.2 is "another host" on loopback.
  const dead = await startServer(() => {}, '127.0.0.2');
  deadOrigin = dead.origin;
  await dead.close();
  site = await startServer((request, response) => {
    if (request.url === '/not-modified') return response.writeHead(304).end();
    if (request.url === '/flaky') {
      if (flakyBroken) return response.writeHead(304).end();
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }).end(PAGE);
    }
    if (request.url === '/moved') return response.writeHead(301, { location: `${deadOrigin}/new-home` }).end();
    response.writeHead(404).end();
  });
});
afterAll(() => site.close());

async function kiosque(...args: string[]) {
  return kiosqueWith(mkdtempSync(path.join(os.tmpdir(), 'kiosque-odd-')), ...args);
}

function kiosqueWith(cacheDir: string, ...args: string[]) {
  return runCli([...args, '--cache-dir', cacheDir]);
}

describe('odd answers', () => {
  it('a 304 Not Modified to a request that named no copy is a server error (exit 3), not "not a web page"', async () => {
    const { code, stderr } = await kiosque('read', `${site.origin}/not-modified`);
    expect(stderr).toBe(
      `kiosque: ${site.origin.slice(7)} answered 304 Not Modified for ${site.origin}/not-modified, but the request named no copy to compare with: a server error.\n`,
    );
    expect(code).toBe(3);
    const json = await kiosque('headlines', `${site.origin}/not-modified`, '--json');
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: 'HTTP_STATUS', message: expect.stringContaining('304 Not Modified') as string },
    });
  });

  it('the same answer for a page kept without validators: the kept copy is read, marked as not refreshed', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-odd-'));
    expect((await kiosqueWith(cacheDir, 'read', `${site.origin}/flaky`)).code).toBe(0);
    flakyBroken = true;
    const { code, stdout, stderr } = await kiosqueWith(cacheDir, 'read', `${site.origin}/flaky`);
    expect(stderr).toBe('(offline copy: the page could not be refreshed)\n');
    expect(stdout).toMatch(/^Quay works/);
    expect(code).toBe(0);
  });

  it('a redirect to a host that refuses names the host that refused', async () => {
    const { code, stderr } = await kiosque('read', `${site.origin}/moved`);
    expect(code).toBe(3);
    expect(stderr).toBe(
      `kiosque: ${deadOrigin.slice(7)} (where ${site.origin.slice(7)} redirected) refused the connection (nothing is listening there).\n`,
    );
  });
});
