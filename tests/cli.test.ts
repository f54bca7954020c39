import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';

let demo: DemoServer;
let odd: TestServer;
beforeAll(async () => {
  demo = await withDemo();
  odd = await startServer((req, res) => {
    if (req.url === '/image') return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50]));
    res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>boom</h1>');
  });
});
afterAll(async () => {
  await demo.close();
  await odd.close();
});

function run(args: string[]) {
  process.env['KIOSQUE_CONFIG_DIR'] = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
  return runCli([...args, '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-cli-'))]);
}

describe('kiosque command line', () => {
  it('read --json prints exactly one Article document', async () => {
    const { code, stdout, stderr } = await run(['read', `${demo.origin}/gazette/tempete-alerte-orange/`, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const article = JSON.parse(stdout);
    expect(article).toMatchObject({
      title: 'Tempête : le département placé en vigilance orange',
      byline: 'Inès Barbier',
      section: 'Météo',
    });
    expect(article.related.length).toBeGreaterThan(0);
  });

  it('read without --json prints wrapped text with related, previous and next at the end', async () => {
    const { code, stdout } = await run(['read', `${demo.origin}/harbour/market-hall-reopens/`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Market hall reopens after two-year restoration/);
    expect(stdout).toMatch(/Related:\n {2}\[1\]/);
    expect(stdout).toMatch(/Previous: Harbour school wins national robotics prize/);
    expect(stdout.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('headlines --json reads feeds, discovered feeds and front pages alike', async () => {
    const { code, stdout } = await run(['headlines', ...demo.sources, '--json', '--limit', '40']);
    expect(code).toBe(0);
    const headlines = JSON.parse(stdout) as Array<{ source: string }>;
    expect(new Set(headlines.map((h) => h.source))).toEqual(
      new Set(['La Gazette du Quai', 'The Harbour Times', 'Le Carnet des Ruelles', 'Harbour Tech Notes']),
    );
    expect(headlines.length).toBeGreaterThanOrEqual(30);
  });

  it('--demo headlines --json works with no other argument', async () => {
    const { code, stdout } = await run(['--demo', 'headlines', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).length).toBeGreaterThanOrEqual(30);
  });

  it('an unknown command is a usage error (exit 2), as JSON on stderr with --json', async () => {
    const { code, stdout, stderr } = await run(['frobnicate', '--json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('Unknown command'), url: null } });
  });

  it('a dead host is a network error (exit 3) with a plain message, no stack trace', async () => {
    const dead = await startServer(() => {});
    const url = `${dead.origin}/x`;
    await dead.close();
    const { code, stderr } = await run(['read', url]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/^kiosque: .*refused/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a page that is not HTML is unreadable (exit 4)', async () => {
    const { code, stderr } = await run(['read', `${odd.origin}/image`, '--json']);
    expect(code).toBe(4);
    expect(JSON.parse(stderr).error.code).toBe('NOT_HTML');
  });

  it('sources add, list and remove are kept in the configuration', async () => {
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
    const call = async (args: string[]) => {
      process.env['KIOSQUE_CONFIG_DIR'] = configDir;
      let stdout = '';
      const code = await main(args, { stdout: (t) => (stdout += t), stderr: () => {}, columns: 80 });
      return { code, stdout };
    };
    expect((await call(['sources', 'add', `${demo.origin}/gazette/feed.xml`, '--json'])).code).toBe(0);
    const listed = JSON.parse((await call(['sources', 'list', '--json'])).stdout) as Array<{ url: string }>;
    expect(listed.map((s) => s.url)).toContain(`${demo.origin}/gazette/feed.xml`);
    await call(['sources', 'remove', `${demo.origin}/gazette/feed.xml`]);
    const after = JSON.parse((await call(['sources', 'list', '--json'])).stdout) as Array<{ url: string }>;
    expect(after.map((s) => s.url)).not.toContain(`${demo.origin}/gazette/feed.xml`);
  });

  it('cache info reports entries after a read; cache clear empties it', async () => {
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-cli-'));
    const io = { stdout: () => {}, stderr: () => {}, columns: 80 };
    await main(['read', `${demo.origin}/notes/keyboard-first/`, '--cache-dir', cacheDir], io);
    let out = '';
    await main(['cache', 'info', '--json', '--cache-dir', cacheDir], { ...io, stdout: (t) => (out += t) });
    expect(JSON.parse(out).entries).toBe(1);
    await main(['cache', 'clear', '--cache-dir', cacheDir], io);
    out = '';
    await main(['cache', 'info', '--json', '--cache-dir', cacheDir], { ...io, stdout: (t) => (out += t) });
    expect(JSON.parse(out).entries).toBe(0);
  });
});
