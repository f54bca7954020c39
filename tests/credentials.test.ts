import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';

/**
 * An address with credentials (http://alice:secret@host/) sends them to that host and nowhere
 * else, and neither shows nor stores the password: not in messages, not in --json, not in the
 * links of the page, not in the cache folder.
 */

const SECRET = 'pw-s3cret-9f2';
const withCredentials = (origin: string) => origin.replace('http://', `http://alice:${SECRET}@`);

let demo: DemoServer;
let elsewhere: TestServer;
let redirecting: TestServer;
beforeAll(async () => {
  demo = await withDemo();
  // "Another host": 127.0.0.2 is loopback too.
  elsewhere = await startServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>elsewhere</p>');
  }, '127.0.0.2');
  redirecting = await startServer((_request, response) => {
    response.writeHead(302, { location: `${elsewhere.origin}/landing` }).end();
  });
});
afterAll(async () => {
  await demo.close();
  await elsewhere.close();
  await redirecting.close();
});

function kiosque(...args: string[]) {
  return runCli(args);
}

const tempDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

function everyFileUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('credentials in an address', () => {
  it('an error for an address with credentials shows no password, plain or --json', async () => {
    const dead = await startServer(() => {});
    const url = `${withCredentials(dead.origin)}/story`;
    await dead.close();
    const cacheDir = tempDir('cred-err');

    const plain = await kiosque('read', url, '--cache-dir', cacheDir);
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/refused/);
    expect(plain.stderr).not.toContain(SECRET);

    const json = await kiosque('read', url, '--json', '--cache-dir', cacheDir);
    expect(json.stderr).not.toContain(SECRET);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'NETWORK', url: `${dead.origin}/story` } });

    // An answer of the server that names the address (404) too.
    const missing = await kiosque('read', `${withCredentials(demo.origin)}/no-such-page/`, '--json', '--cache-dir', cacheDir);
    expect(missing.code).toBe(3);
    expect(missing.stderr).not.toContain(SECRET);
    expect(JSON.parse(missing.stderr)).toMatchObject({
      error: { code: 'HTTP_STATUS', message: expect.stringContaining(`${demo.origin}/no-such-page/`) as string },
    });
  });

  it('an address that is not one, as typed with credentials, is refused without repeating the password', async () => {
    for (const typed of [`http://alice:${SECRET}@exa mple.test/`, `http://alice:p@${SECRET}@[bad/`]) {
      const { code, stderr } = await kiosque('read', typed, '--json', '--cache-dir', tempDir('cred-typed'));
      expect(code).toBe(2);
      expect(JSON.parse(stderr)).toMatchObject({
        error: { code: 'USAGE', message: expect.stringContaining('is not an http or https address') as string },
      });
      expect(stderr).not.toContain(SECRET);
    }
  });

  it('a page read with credentials: its related, previous and next links do not carry them, nor does the cache keep the password', async () => {
    const cacheDir = tempDir('cred-page');
    const { code, stdout, stderr } = await kiosque(
      'read',
      `${withCredentials(demo.origin)}/harbour/market-hall-reopens/`,
      '--json',
      '--cache-dir',
      cacheDir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const article = JSON.parse(stdout) as {
      related: Array<{ url: string }>;
      previous: { url: string } | null;
      next: { url: string } | null;
    };
    const links = [...article.related.map((link) => link.url), article.previous?.url, article.next?.url].filter(Boolean);
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) expect(link).toMatch(new RegExp(`^${demo.origin}/`));
    expect(stdout).not.toContain(SECRET);

    const files = everyFileUnder(cacheDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(SECRET), file).toBe(false);

    // The warning about a damaged entry names the page without the password.
    const entry = files.find((file) => file.endsWith('.entry'))!;
    appendFileSync(entry, 'damage');
    const again = await kiosque('read', `${withCredentials(demo.origin)}/harbour/market-hall-reopens/`, '--cache-dir', cacheDir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/A damaged cache entry for http:\/\/127\.0\.0\.1:\d+\/harbour\/market-hall-reopens\/ was set aside/);
    expect(again.stderr).not.toContain(SECRET);
  });

  it('headlines of sites read with credentials: the feed a page names (a relative link) and the headlines carry none; the cache keeps no password', async () => {
    const cacheDir = tempDir('cred-feed');
    const sources = demo.sources.map(withCredentials);
    const { code, stdout } = await kiosque('headlines', ...sources, '--json', '--cache-dir', cacheDir);
    expect(code).toBe(0);
    const headlines = JSON.parse(stdout) as Array<{ url: string }>;
    expect(headlines.length).toBeGreaterThan(10);
    for (const headline of headlines) expect(headline.url).toMatch(new RegExp(`^${demo.origin}/`));
    // Nor does what names their source.
    expect(stdout).not.toContain(SECRET);
    for (const file of everyFileUnder(cacheDir)) expect(readFileSync(file).includes(SECRET), file).toBe(false);
  });

  it('two accounts on one address each read their own page from one cache', async () => {
    const cacheDir = tempDir('cred-accounts');
    const members = await startServer((request, response) => {
      const who =
        Buffer.from((request.headers.authorization ?? 'Basic ').slice(6), 'base64')
          .toString()
          .split(':')[0] || 'nobody';
      const text = `The member page of ${who}, with enough words in two paragraphs to be read as the article of this page.`;
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, max-age=3600' })
        .end(
          `<html><head><title>Page of ${who}</title></head><body><article><h1>Page of ${who}</h1><p>${text}</p><p>${text}</p></article></body></html>`,
        );
    });
    const as = (user: string) => members.origin.replace('http://', `http://${user}:${SECRET}-${user}@`) + '/me';
    try {
      expect((await kiosque('read', as('alice'), '--cache-dir', cacheDir)).stdout).toMatch(/^Page of alice/);
      expect((await kiosque('read', as('bob'), '--cache-dir', cacheDir)).stdout).toMatch(/^Page of bob/);
      // Both kept: read again offline, each gets their own.
      expect((await kiosque('read', as('alice'), '--offline', '--cache-dir', cacheDir)).stdout).toMatch(/^Page of alice/);
      expect((await kiosque('read', as('bob'), '--offline', '--cache-dir', cacheDir)).stdout).toMatch(/^Page of bob/);
    } finally {
      await members.close();
    }
  });

  it('a redirect to another host does not take the credentials there', async () => {
    const { stderr } = await kiosque(
      'read',
      `${withCredentials(redirecting.origin)}/go`,
      '--json',
      '--cache-dir',
      tempDir('cred-redirect'),
    );
    // The first host was given them, as asked.
    expect(redirecting.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`alice:${SECRET}`).toString('base64')}`);
    const landed = elsewhere.requests.find((request) => request.url === '/landing');
    expect(landed, stderr).toBeDefined();
    expect(landed?.headers.authorization).toBeUndefined();
    expect(landed?.headers.host).toMatch(/^127\.0\.0\.2:/);
  });
});

describe('credentials in a configured source', () => {
  it('sources add, list, rename and remove never print the password; sources export keeps it, into the file asked for', async () => {
    process.env['KIOSQUE_CONFIG_DIR'] = tempDir('cred-config');
    const feed = `${withCredentials(demo.origin)}/gazette/feed.xml`;
    const outputs = [
      await kiosque('sources', 'add', feed, '--cache-dir', tempDir('cred-cache')),
      await kiosque('sources', 'list'),
      await kiosque('sources', 'list', '--json'),
      await kiosque('sources', 'rename', feed, 'My', 'gazette'),
    ];
    for (const { code, stdout, stderr } of outputs) {
      expect(code).toBe(0);
      expect(stdout + stderr).not.toContain(SECRET);
    }
    expect(outputs[1]?.stdout).toContain(`${demo.origin}/gazette/feed.xml`);
    const file = path.join(tempDir('cred-export'), 'sources.opml');
    expect((await kiosque('sources', 'export', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(SECRET);
    const removed = await kiosque('sources', 'remove', feed);
    expect(removed.code).toBe(0);
    expect(removed.stdout + removed.stderr).not.toContain(SECRET);
  });
});
