import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { runCli } from './helpers/cli.js';
import { startCacheWriter, until } from './helpers/cache-writer.js';

/**
 * `kiosque cache clear` removes what kiosque wrote and nothing else; `cache info` counts
 * what a killed run left behind, and the next run that writes sweeps it once old.
 */

const PAGE = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>
  <p>Le premier paragraphe de cet article est assez long pour être lu comme un texte, avec des mots et des phrases.</p>
  <p>Le deuxième paragraphe poursuit le récit : le port, le marché, la pluie sur les quais et les bateaux au mouillage.</p>
</article></body></html>`;

let site: TestServer;
beforeAll(async () => {
  site = await startServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE(`Page ${request.url ?? ''}`));
  });
});
afterAll(() => site.close());

function kiosque(...args: string[]) {
  return runCli(args);
}

const tempDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('cache clear removes only what kiosque wrote', () => {
  it("refuses a folder whose entries/ holds the reader's own files, and leaves them as they were", async () => {
    const docs = tempDir('docs');
    mkdirSync(path.join(docs, 'entries', 'ab'), { recursive: true });
    writeFileSync(path.join(docs, 'entries', 'journal.txt'), 'my diary');
    writeFileSync(path.join(docs, 'entries', 'ab', 'photo.jpg'), 'not a cache entry');

    const { code, stdout, stderr } = await kiosque('cache', 'clear', '--cache-dir', docs);

    expect(filesUnder(docs)).toEqual([path.join('entries', 'ab', 'photo.jpg'), path.join('entries', 'journal.txt')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kiosque: .*docs.* is not a kiosque cache.*nothing was removed/);
    expect(stderr).not.toMatch(/internal error/);
  });

  it("does not tag a folder that holds the user's own files (backup tools would skip all of it), and caches there all the same", async () => {
    const home = tempDir('home');
    writeFileSync(path.join(home, 'notes.txt'), 'keep me in my backups');
    const { code } = await kiosque('read', `${site.origin}/a`, '--cache-dir', home);
    expect(code).toBe(0);
    expect(existsSync(path.join(home, 'CACHEDIR.TAG'))).toBe(false);
    expect(readFileSync(path.join(home, 'notes.txt'), 'utf8')).toBe('keep me in my backups');
    const offline = await kiosque('read', `${site.origin}/a`, '--cache-dir', home, '--offline');
    expect(offline.code).toBe(0);
  });

  it('clears a real cache, tagged as kiosque wrote it', async () => {
    const cacheDir = tempDir('cache');
    expect((await kiosque('read', `${site.origin}/one`, '--cache-dir', cacheDir)).code).toBe(0);
    expect((await kiosque('read', `${site.origin}/two`, '--cache-dir', cacheDir)).code).toBe(0);
    expect(readFileSync(path.join(cacheDir, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n.*kiosque/);

    // The list the reader kept for its next first frame, and the last grouping into stories, are kiosque's too.
    writeFileSync(path.join(cacheDir, 'first-frame.json'), '{}');
    writeFileSync(path.join(cacheDir, 'stories.json'), '{}');

    const { code, stdout } = await kiosque('cache', 'clear', '--cache-dir', cacheDir);

    expect(code).toBe(0);
    expect(stdout).toBe(`Removed 2 cached pages from ${cacheDir}\n`);
    expect(existsSync(path.join(cacheDir, 'first-frame.json'))).toBe(false);
    expect(existsSync(path.join(cacheDir, 'stories.json'))).toBe(false);
    expect(JSON.parse((await kiosque('cache', 'info', '--json', '--cache-dir', cacheDir)).stdout)).toMatchObject({ entries: 0, bytes: 0 });
  });

  it('clears a cache written before the tag existed, known by its entries, and keeps a file of the reader put among them', async () => {
    const cacheDir = tempDir('old-cache');
    expect((await kiosque('read', `${site.origin}/old`, '--cache-dir', cacheDir)).code).toBe(0);
    rmSync(path.join(cacheDir, 'CACHEDIR.TAG'));
    writeFileSync(path.join(cacheDir, 'entries', 'notes.txt'), 'mine');

    const { code, stdout } = await kiosque('cache', 'clear', '--cache-dir', cacheDir);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^Removed 1 cached pages from .*; 1 file kiosque did not write left as they were\n$/);
    expect(filesUnder(cacheDir)).toEqual([path.join('entries', 'notes.txt')]);
  });

  it('a cache folder that is a file is said plainly (plain and --json), not an internal error', async () => {
    const file = path.join(tempDir('file'), 'cache');
    writeFileSync(file, 'a file of the reader');

    for (const action of ['clear', 'info']) {
      const plain = await kiosque('cache', action, '--cache-dir', file);
      expect(plain.code).toBe(2);
      expect(plain.stderr).toBe(`kiosque: The cache folder ${file} is a file, not a folder. Check --cache-dir or KIOSQUE_CACHE_DIR.\n`);
      const json = await kiosque('cache', action, '--json', '--cache-dir', file);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stderr)).toEqual({
        error: { code: 'CONFIG', message: expect.stringContaining('is a file') as string, url: null },
      });
    }
    expect(readFileSync(file, 'utf8')).toBe('a file of the reader');
  });
});

describe('what a killed run left in the cache', () => {
  /** A temporary file of an entry: `<entry>.<number>`, as a run killed mid-write leaves it. */
  function leaveUnfinishedWrite(cacheDir: string, ageMs: number, bytes: number): string {
    const shard = readdirSync(path.join(cacheDir, 'entries'))[0]!;
    const entry = readdirSync(path.join(cacheDir, 'entries', shard)).find((name) => name.endsWith('.entry'))!;
    const file = path.join(cacheDir, 'entries', shard, `${entry}.${1000 + ageMs}`);
    writeFileSync(file, Buffer.alloc(bytes, 0x41));
    const when = new Date(Date.now() - ageMs);
    utimesSync(file, when, when);
    return file;
  }

  it('is counted by cache info, swept by the next run after a killed one once old, and a live writer’s file is left', async () => {
    const cacheDir = tempDir('leftovers');
    expect((await kiosque('read', `${site.origin}/first`, '--cache-dir', cacheDir)).code).toBe(0);
    const before = JSON.parse((await kiosque('cache', 'info', '--json', '--cache-dir', cacheDir)).stdout) as { bytes: number };
    const old = leaveUnfinishedWrite(cacheDir, 60 * 60 * 1000, 300_000);
    const recent = leaveUnfinishedWrite(cacheDir, 0, 200_000);

    const info = await kiosque('cache', 'info', '--json', '--cache-dir', cacheDir);
    expect(JSON.parse(info.stdout)).toMatchObject({ entries: 1, unfinished: 2, bytes: before.bytes + 500_000 });
    expect((await kiosque('cache', 'info', '--cache-dir', cacheDir)).stdout).toMatch(/1 pages, .* \(2 unfinished writes of stopped runs/);

    // A kiosque killed (kill -9) while writing: it never said it was done (in the cache's ledger).
    const killed = startCacheWriter(cacheDir, 'killed', 'forever', 256 * 1024 * 1024);
    await until(() => killed.written() > 0, 'an entry written by the kiosque about to be killed');
    killed.child.kill('SIGKILL');
    await killed.exited;

    // The next run that writes lists the cache once (its size may be wrong) and sweeps the old
    // leftover on the way; the recent one may be a live writer's.
    expect((await kiosque('read', `${site.origin}/second`, '--cache-dir', cacheDir)).code).toBe(0);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    const after = JSON.parse((await kiosque('cache', 'info', '--json', '--cache-dir', cacheDir)).stdout) as {
      entries: number;
      unfinished: number;
    };
    expect(after.entries).toBeGreaterThanOrEqual(3);
    expect(after.unfinished).toBeGreaterThanOrEqual(1);

    // Clearing takes them all.
    expect((await kiosque('cache', 'clear', '--cache-dir', cacheDir)).code).toBe(0);
    expect(filesUnder(cacheDir)).toEqual(['CACHEDIR.TAG']);
  });
});
