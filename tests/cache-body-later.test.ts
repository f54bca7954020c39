import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { startServer, type TestServer } from './helpers/server.js';

// Bodies left on disk until used (net/cache-entry.ts): a 304 for a feed whose reading is kept reads no body,
// and a body altered since it was written is never served, whether it is read at once or later.

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A body far larger than what is read with an entry's header, in UTF-8 (é). */
const BODY = `<rss><channel><title>Café</title>${'<item><title>Été</title></item>'.repeat(3000)}</channel></rss>`;

async function feedServer() {
  const server = await startServer((req, res) => {
    if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=0' }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'cache-control': 'max-age=0' }).end(BODY);
  });
  servers.push(server);
  return server;
}

function cacheDir() {
  return mkdtempSync(path.join(os.tmpdir(), 'kiosque-test-cache-'));
}

/** Changes one byte of the stored body, its length and its header as they were: damage a length check cannot see. */
function alterBody(dir: string): void {
  const shard = readdirSync(path.join(dir, 'entries'))[0]!;
  const file = path.join(dir, 'entries', shard, readdirSync(path.join(dir, 'entries', shard))[0]!);
  const bytes = readFileSync(file);
  const at = bytes.lastIndexOf('Été');
  bytes[at + 4] = 'X'.charCodeAt(0);
  writeFileSync(file, bytes);
}

/** Writes the one entry again as kiosque does (whole, then renamed into place), its header changed, or its body with its checksum. */
function rewriteEntry(dir: string, change: (header: Record<string, unknown>) => Record<string, unknown>, body?: string): void {
  const shard = readdirSync(path.join(dir, 'entries'))[0]!;
  const file = path.join(dir, 'entries', shard, readdirSync(path.join(dir, 'entries', shard))[0]!);
  const bytes = readFileSync(file);
  const magic = 'KSQ1\n';
  const end = bytes.indexOf(0x0a, magic.length);
  const header = change(JSON.parse(bytes.toString('utf8', magic.length, end)) as Record<string, unknown>);
  const newBody = body === undefined ? bytes.subarray(end + 1) : Buffer.from(body);
  if (body !== undefined) Object.assign(header, { bodyLength: newBody.length, bodySha1: createHash('sha1').update(newBody).digest('hex') });
  writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(magic + JSON.stringify(header) + '\n'), newBody]));
  renameSync(`${file}.tmp`, file);
}

const keep = () => Promise.resolve({ reading: 'the headlines' });

describe('cache bodies read when used', () => {
  it('a 304 hands back the kept reading; an altered body is never served, the entry is set aside and fetched again', async () => {
    const server = await feedServer();
    const dir = cacheDir();
    const warnings: string[] = [];
    const cache = new DiskCache(dir, { onWarning: (message) => warnings.push(message) });
    const first = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep });
    expect(first.text).toBe(BODY);
    alterBody(dir);

    // The server says nothing changed: what was kept of the body is handed back, as a warm reload uses it.
    const again = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep, revalidate: true });
    expect(server.requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(again.derived).toEqual({ reading: 'the headlines' });
    // Its bytes, when asked for, are not the altered ones: they are refused, and the entry set aside.
    expect(() => again.text).toThrow(/changed while it was in use/);
    await expect.poll(() => readdirSync(dir).includes('corrupt') && readdirSync(path.join(dir, 'corrupt')).length).toBe(1);
    expect(warnings.join(' ')).toMatch(/damaged cache entry/);

    // The next fetch downloads the feed again, whole and right.
    const third = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep, revalidate: true });
    expect(third.fromCache).toBe(false);
    expect(third.text).toBe(BODY);
  });

  it('a page (no kept reading asked for) with an altered body is set aside and fetched again at once', async () => {
    const server = await feedServer();
    const dir = cacheDir();
    const warnings: string[] = [];
    const cache = new DiskCache(dir, { onWarning: (message) => warnings.push(message) });
    await new HttpClient({ cache }).fetch(`${server.origin}/page`);
    alterBody(dir);
    const again = await new HttpClient({ cache }).fetch(`${server.origin}/page`, { revalidate: true });
    expect(again.text).toBe(BODY);
    expect(again.fromCache).toBe(false);
    expect(warnings[0]).toMatch(/damaged cache entry/);
    expect(readdirSync(path.join(dir, 'corrupt'))).toHaveLength(1);
  });

  it('another kiosque rewriting the entry meanwhile: the same body under its own header serves; another copy is said plainly and left alone', async () => {
    const server = await feedServer();
    const dir = cacheDir();
    const warnings: string[] = [];
    const cache = new DiskCache(dir, { onWarning: (message) => warnings.push(message) });
    // As a feed's reading is kept: made once, then found with the body (a 304 then writes nothing, reads no body).
    const keepOnce = (resource: { derived: Record<string, unknown> }) =>
      Promise.resolve(resource.derived['reading'] ? {} : { reading: 'the headlines' });
    await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep: keepOnce });
    const again = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep: keepOnce, revalidate: true });
    const later = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep: keepOnce, revalidate: true });
    // Put back whole under another name, as kiosque writes: with a reading of its own, a longer header.
    rewriteEntry(dir, (header) => ({ ...header, derived: { reading: 'another version kept more of it' } }));
    expect(again.text).toBe(BODY);

    rewriteEntry(dir, (header) => header, BODY.replace('Café', 'Bar'));
    expect(() => later.text).toThrow(/^The cached copy of http:\/\/127\.0\.0\.1:\d+\/feed changed while it was in use/);
    expect(() => later.bytes).toThrow(/changed while it was in use/);
    // The other kiosque's copy is sound: not set aside, nothing said of damage.
    expect(readdirSync(dir)).not.toContain('corrupt');
    expect(warnings).toEqual([]);
  });

  it('a body read later is the one written: a feed parsed again from its cached copy reads the same text', async () => {
    const server = await feedServer();
    const cache = new DiskCache(cacheDir());
    await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep });
    const again = await new HttpClient({ cache }).fetch(`${server.origin}/feed`, { keep, revalidate: true });
    expect(again.fromCache).toBe(true);
    expect(again.charset).toBe('UTF-8');
    expect(again.text).toBe(BODY);
    expect(again.bytes.equals(Buffer.from(BODY))).toBe(true);
  });
});
