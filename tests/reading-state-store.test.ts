import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { openReadingState } from '../src/store/reading-state.js';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';
import { bundleScript } from './helpers/bundle.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

describe('reading state file', () => {
  it('keeps the good entries of a hand-edited file and drops the malformed ones', () => {
    const dir = tmp('state');
    writeFileSync(
      path.join(dir, 'state.json'),
      JSON.stringify({
        read: { 'http://a/': '2026-11-01T00:00:00.000Z', 'http://b/': 42 },
        saved: { 'http://c/': { title: 'C', source: 'S', savedAt: '2026-11-02T00:00:00.000Z' }, 'http://d/': 'nope' },
        positions: { 'http://e/': { block: 3, at: '2026-11-03T00:00:00.000Z' }, 'http://f/': { block: 'x' } },
      }),
    );
    const state = openReadingState({ dir }).current();
    expect(Object.keys(state.read)).toEqual(['http://a/']);
    expect(Object.keys(state.saved)).toEqual(['http://c/']);
    expect(state.positions).toEqual({ 'http://e/': { block: 3, at: '2026-11-03T00:00:00.000Z' } });
  });

  it('a read-only folder: changes hold for the session and the reader is told, nothing saved before is lost', () => {
    if (process.getuid?.() === 0) {
      // root writes through any mode bits: simulate the folder being a file instead.
      const parent = tmp('state');
      writeFileSync(path.join(parent, 'blocked'), 'a file where the folder should be');
      const warnings: string[] = [];
      const store = openReadingState({ dir: path.join(parent, 'blocked'), onWarning: (m) => warnings.push(m) });
      const state = store.apply([{ kind: 'read', urls: ['http://a/'], read: true }]);
      expect(state.read).toHaveProperty(['http://a/']);
      expect(warnings.join(' ')).toMatch(/Could not save the reading state .* kept for this session only/);
      return;
    }
    const dir = tmp('state');
    openReadingState({ dir }).apply([{ kind: 'read', urls: ['http://before/'], read: true }]);
    chmodSync(dir, 0o500);
    const warnings: string[] = [];
    const store = openReadingState({ dir, onWarning: (m) => warnings.push(m) });
    const state = store.apply([{ kind: 'read', urls: ['http://a/'], read: true }]);
    chmodSync(dir, 0o700);
    expect(Object.keys(state.read).sort()).toEqual(['http://a/', 'http://before/']);
    expect(warnings.join(' ')).toMatch(/not writable.*kept for this session only/);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')).read)).toEqual(['http://before/']);
  });

  it('two kiosque processes writing at once lose nothing (locked, merged, atomic)', async () => {
    const dir = tmp('state');
    const script = path.join(tmp('script'), 'writer.mjs');
    // A real second process: the store bundled into a script that marks 100 articles read, one write each.
    bundleScript(
      `import { openReadingState } from ${JSON.stringify(path.resolve('src/store/reading-state.ts'))};
          const [dir, name] = process.argv.slice(2);
          const store = openReadingState({ dir, onWarning: (m) => { console.error(m); process.exitCode = 1; } });
          for (let i = 0; i < 100; i++) store.apply([{ kind: 'read', urls: ['http://' + name + '/' + i], read: true }]);`,
      script,
    );
    const run = (name: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [script, dir, name], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run('one'), run('two')]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const read = Object.keys(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')).read);
    expect(read).toHaveLength(200);
    expect(readdirSync(dir).filter((name) => name !== 'state.json')).toEqual([]); // no lock or temporary file left
  });
});

describe('headlines --json with reading state', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await withDemo();
  });
  afterAll(() => demo.close());

  it('carries read and saved flags; --unread leaves out what was read', async () => {
    const dataDir = tmp('data');
    process.env['KIOSQUE_DATA_DIR'] = dataDir;
    const headlines = async (...extra: string[]) => {
      let out = '';
      await main(['headlines', `${demo.origin}/gazette/feed.xml`, '--json', '--cache-dir', tmp('cache'), ...extra], {
        stdout: (t) => (out += t),
        stderr: () => {},
        columns: 80,
      });
      return JSON.parse(out) as Array<{ url: string; title: string; read: boolean; saved: boolean }>;
    };
    const all = await headlines();
    expect(all.every((headline) => headline.read === false && headline.saved === false)).toBe(true);
    const [first, second] = all;
    openReadingState({ dir: dataDir }).apply([
      { kind: 'read', urls: [first!.url], read: true },
      { kind: 'save', article: { url: second!.url, title: second!.title, source: 'La Gazette du Quai' }, saved: true },
    ]);
    const flagged = await headlines();
    expect(flagged.find((headline) => headline.url === first!.url)).toMatchObject({ read: true, saved: false });
    expect(flagged.find((headline) => headline.url === second!.url)).toMatchObject({ read: false, saved: true });
    const unread = await headlines('--unread');
    expect(unread).toHaveLength(all.length - 1);
    expect(unread.map((headline) => headline.url)).not.toContain(first!.url);
    delete process.env['KIOSQUE_DATA_DIR'];
  });
});
