import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';

/**
 * Disk faults with the built kiosque in real processes: a full disk and a
 * read-only one (a tiny tmpfs in a user namespace, `unshare -rm`), and two
 * processes sharing one cache.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kiosque.js');
const built = existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'));
const canMount = spawnSync('unshare', ['-rm', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k none "$d"']).status === 0;
if (!built) console.warn('[skipped] disk-fault tests: dist/ is not built (run "npm run build").');
else if (!canMount)
  console.warn('[skipped] full and read-only disk tests: unshare -rm (mounting a tmpfs in a user namespace) is not allowed here.');

const run = promisify(execFile);

/** Runs a shell script in a private mount namespace where $CACHE is a tmpfs of the given size. */
async function withTinyDisk(sizeKb: number, script: string) {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-tiny-'));
  const { stdout, stderr } = await run('unshare', ['-rm', 'sh', '-c', `mount -t tmpfs -o size=${sizeKb}k none "$CACHE" && ${script}`], {
    env: {
      ...process.env,
      CACHE: cache,
      KIOSQUE: `${process.execPath} ${BIN}`,
      KIOSQUE_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'kiosque-c-')),
      KIOSQUE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'kiosque-d-')),
    },
  });
  return { stdout, stderr };
}

let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
});
afterAll(() => demo.close());

describe.skipIf(!built || !canMount)('a full or read-only cache disk', () => {
  it('a full disk: every headline still comes, the reader is told once, the command succeeds', async () => {
    const { stdout, stderr } = await withTinyDisk(
      12,
      `$KIOSQUE headlines ${demo.sources.join(' ')} --json --cache-dir "$CACHE"; echo "exit $?"`,
    );
    const [json, exit] = stdout.trim().split(/\nexit /);
    expect(exit).toBe('0');
    expect(JSON.parse(json ?? '')).toHaveLength(32);
    expect(stderr.match(/Pages cannot be kept in the cache/g)).toHaveLength(1);
    expect(stderr).toMatch(/the disk is full/);
  });

  it('a read-only disk: what was cached before still reads offline; new pages read online with a warning', async () => {
    const page = `${demo.origin}/gazette/tempete-alerte-orange/`;
    const other = `${demo.origin}/harbour/market-hall-reopens/`;
    const { stdout, stderr } = await withTinyDisk(
      4096,
      [
        `$KIOSQUE read ${page} --cache-dir "$CACHE" > /dev/null`,
        'mount -o remount,ro "$CACHE"',
        `$KIOSQUE read ${page} --offline --cache-dir "$CACHE" | head -1`,
        `$KIOSQUE read ${other} --cache-dir "$CACHE" | head -1`,
        `echo "exit $?"`,
      ].join(' && '),
    );
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'Tempête : le département placé en vigilance orange',
      'Market hall reopens after two-year restoration',
      'exit 0',
    ]);
    expect(stderr).toMatch(/Pages cannot be kept in the cache .*reading goes on without it/);
  });
});

describe.skipIf(!built)('two kiosque processes, one cache', () => {
  it('read the same pages at once: both succeed, the cache holds each page once, none damaged', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-shared-'));
    const headlines = async () => {
      const { stdout } = await run(process.execPath, [BIN, 'headlines', ...demo.sources, '--json', '--cache-dir', cache]);
      return JSON.parse(stdout) as Array<{ url: string }>;
    };
    const urls = (await headlines()).map((headline) => headline.url).slice(0, 6);
    // Two readers at once, each reading the pages one after the other (as a person does): two processes
    // on one cache, not 24 at once, which on a loaded machine would test its scheduler rather than the cache.
    const reader = async () => {
      const titles: string[] = [];
      for (const url of urls) {
        const { stdout } = await run(process.execPath, [BIN, 'read', url, '--json', '--cache-dir', cache]);
        titles.push(JSON.parse(stdout).title as string);
      }
      return titles;
    };
    const [first, second] = await Promise.all([reader(), reader()]);
    expect(first).toEqual(second);
    expect(first.every((title) => title.length > 0)).toBe(true);
    const { stdout } = await run(process.execPath, [BIN, 'cache', 'info', '--json', '--cache-dir', cache]);
    expect(JSON.parse(stdout).entries).toBe(demo.sources.length + 1 + urls.length); // feeds, the harbour page its Atom feed was found on, pages
    expect(readdirSync(cache)).not.toContain('corrupt');
  }, 180_000);
});
