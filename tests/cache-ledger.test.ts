import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../src/net/cache.js';
import { startCacheWriter, until } from './helpers/cache-writer.js';

/**
 * The cache keeps its size in a ledger (src/net/cache-ledger.ts) instead of listing itself on
 * every write. What the ledger says must be what a listing finds (`cache info`), whatever
 * happened: replacements, eviction at the limit, damaged entries set aside, kiosques killed
 * mid-write (kill -9, real processes), two kiosques writing the same addresses at once.
 */

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

/** The ledger as written on disk: its size (base plus changes) and the writers that never said they were done. */
function ledgerOnDisk(dir: string): { bytes: number; unclosed: number } {
  const lines = readFileSync(path.join(dir, 'ledger'), 'utf8').trimEnd().split('\n');
  expect(lines[0]).toBe('kiosque-cache-ledger 1');
  let bytes = Number(/^base (\d+)$/.exec(lines[1]!)![1]);
  const open = new Set<string>();
  for (const line of lines.slice(2)) {
    const [word, token] = line.split(' ');
    if (word === 'open') open.add(token!);
    else if (word === 'close') open.delete(token!);
    else bytes += Number(line);
  }
  return { bytes, unclosed: open.size };
}

/** The bytes of the finished entries alone. */
const entryBytes = (dir: string) =>
  readdirSync(path.join(dir, 'entries'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.entry'))
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);

const policy = {} as never;
const put = (cache: DiskCache, name: string, size: number) =>
  cache.put({ url: `https://x.example/${name}`, finalUrl: `https://x.example/${name}`, policy, body: Buffer.alloc(size, 0x62) });

describe('the cache ledger, in one kiosque', () => {
  it('says what a listing finds after writes, replacements, kept readings, a damaged entry set aside and evictions at the limit', async () => {
    const dir = tmp('ledger');
    const maxBytes = 120_000;
    const cache = new DiskCache(dir, { maxBytes });
    for (let i = 0; i < 40; i++) await put(cache, `page${i % 15}`, 1_000 + ((i * 7_919) % 9_000));
    await Promise.all(Array.from({ length: 10 }, (_, i) => put(cache, `page${i}`, 3_000 + i)));
    const body = (await cache.get('https://x.example/page3'))!.body;
    await cache.derive('https://x.example/page3', (await import('../src/net/cache.js')).bodyDigest(body), 'reading', {
      title: 'x'.repeat(500),
    });
    // A damaged entry: set aside when read, and no longer counted.
    const shard = readdirSync(path.join(dir, 'entries'))[0]!;
    const damaged = path.join(
      dir,
      'entries',
      shard,
      readdirSync(path.join(dir, 'entries', shard)).find((name) => name.endsWith('.entry'))!,
    );
    writeFileSync(damaged, 'KSQ1\n{"format":1, broken');
    for (let i = 0; i < 15; i++) await cache.get(`https://x.example/page${i}`);
    expect(existsSync(damaged)).toBe(false);

    const info = await cache.info();
    expect(await cache.size()).toBe(info.bytes);
    expect(info.bytes).toBeLessThanOrEqual(maxBytes);
    cache.close();
    expect(ledgerOnDisk(dir)).toEqual({ bytes: info.bytes, unclosed: 0 });
  });

  it('evicts at the limit, least recently used first, and the next kiosque reads the size it left', async () => {
    const dir = tmp('ledger-evict');
    const cache = new DiskCache(dir, { maxBytes: 50_000 });
    for (let i = 0; i < 30; i++) await put(cache, `page${i}`, 5_000);
    const info = await cache.info();
    expect(info.entries).toBeLessThan(30);
    expect(info.bytes).toBeLessThanOrEqual(50_000);
    expect(await cache.get('https://x.example/page29')).toBeDefined();
    expect(await cache.get('https://x.example/page0')).toBeUndefined();
    cache.close();
    const next = new DiskCache(dir, { maxBytes: 50_000 });
    expect(await next.size()).toBe(info.bytes);
  });

  it('is rebuilt from one listing when missing or unreadable', async () => {
    const dir = tmp('ledger-rebuilt');
    const cache = new DiskCache(dir);
    for (let i = 0; i < 5; i++) await put(cache, `page${i}`, 2_000);
    cache.close();
    const { bytes } = await cache.info();
    writeFileSync(path.join(dir, 'ledger'), 'not a ledger\n');
    expect(await new DiskCache(dir).size()).toBe(bytes);
    writeFileSync(path.join(dir, 'ledger'), 'kiosque-cache-ledger 1\nbase 10\n-50\n');
    expect(await new DiskCache(dir).size()).toBe(bytes);
  });

  it('starts again from nothing after cache clear', async () => {
    const dir = tmp('ledger-clear');
    const cache = new DiskCache(dir);
    for (let i = 0; i < 5; i++) await put(cache, `page${i}`, 2_000);
    await cache.clear();
    await put(cache, 'after', 3_000);
    expect(await cache.size()).toBe((await cache.info()).bytes);
  });
});

describe('the cache ledger across kiosque processes', () => {
  // Without eviction the cache is never listed: the ledger is right by how each change is counted alone.
  // With it, each eviction lists the cache, and the size is checked against that too.
  it.each([
    ['without eviction', 10_000_000],
    ['evicting as they go', 150_000],
  ])(
    'two kiosques writing the same addresses at once, %s: the ledger says what a listing finds',
    async (_, maxBytes) => {
      for (let round = 0; round < 3; round++) {
        const dir = tmp('ledger-two');
        const writers = [startCacheWriter(dir, 'same', 240, maxBytes), startCacheWriter(dir, 'same', 240, maxBytes)];
        expect(await Promise.all(writers.map((writer) => writer.exited))).toEqual([0, 0]);
        expect(writers.map((writer) => writer.stderr())).toEqual(['', '']);
        const info = await new DiskCache(dir).info();
        expect(info.unfinished).toBe(0);
        if (maxBytes > 1_000_000) expect(info.entries).toBe(20);
        expect(info.bytes).toBeLessThanOrEqual(maxBytes);
        expect(ledgerOnDisk(dir)).toEqual({ bytes: info.bytes, unclosed: 0 });
      }
    },
    120_000,
  );

  it('kiosques killed (kill -9) mid-write: the next one finds the size a listing finds', async () => {
    const dir = tmp('ledger-killed');
    let unclosedLeft = 0;
    for (let run = 0; run < 10; run++) {
      const writer = startCacheWriter(dir, `run${run % 3}`, 'forever', 200_000);
      const enough = 1 + ((run * 13) % 40);
      await until(() => writer.written() >= enough, `${enough} entries written`);
      writer.child.kill('SIGKILL');
      await writer.exited;
      expect(writer.stderr()).toBe('');
      if (ledgerOnDisk(dir).unclosed > 0) unclosedLeft++;
      // The next kiosque: whatever the killed one left half done, the size it starts from is the listing's.
      const next = new DiskCache(dir, { maxBytes: 200_000 });
      expect(await next.size()).toBe((await next.info()).bytes);
      next.close();
    }
    // The killed ones did leave the ledger open (else this proved nothing).
    expect(unclosedLeft).toBe(10);
    const last = startCacheWriter(dir, 'last', 64, 200_000);
    expect(await last.exited).toBe(0);
    const info = await new DiskCache(dir).info();
    expect(ledgerOnDisk(dir)).toEqual({ bytes: info.bytes, unclosed: 0 });
    // Entries fit; what the killed ones left half written is counted too, and swept once old (cache-folder.test.ts).
    expect(entryBytes(dir)).toBeLessThanOrEqual(200_000);
  }, 180_000);
});
