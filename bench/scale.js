// Scale: 500 sources and 50,000 cached entries. Figures for the closing note,
// never asserted: how long headline listing and cache lookups take at that size.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DiskCache } from '../dist/net/cache.js';
import { HttpClient } from '../dist/net/client.js';
import { readSources } from '../dist/feeds/sources.js';
import { visibleHeadlines } from '../dist/state/selectors.js';

const SOURCES = 500;
const ITEMS = 20;
const ENTRIES = 50_000;

function feed(n, origin) {
  const items = Array.from(
    { length: ITEMS },
    (_, i) =>
      `<item><title>Source ${n}, headline ${i}: something happened today</title><link>${origin}/s${n}/a${i}</link><pubDate>${new Date(Date.UTC(2026, 10, 24, 8) - (n * ITEMS + i) * 60_000).toUTCString()}</pubDate></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Source ${n}</title>${items}</channel></rss>`;
}

export async function scaleBench() {
  const server = createServer((request, response) => {
    const n = Number(/\/feed(\d+)\.xml/.exec(request.url ?? '')?.[1]);
    response.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600', etag: `"${n}"` }).end(feed(n, origin));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-scale-'));
  const cache = new DiskCache(dir);
  const urls = Array.from({ length: SOURCES }, (_, n) => `${origin}/feed${n}.xml`);
  const results = {};

  let start = performance.now();
  const cold = await readSources(new HttpClient({ cache }), urls);
  results.sourcesCold = performance.now() - start;
  start = performance.now();
  const warm = await readSources(new HttpClient({ cache }), urls);
  results.sourcesWarm = performance.now() - start;
  results.headlines = warm.headlines.length;
  results.failed = cold.sources.filter((source) => source.error).length + warm.sources.filter((source) => source.error).length;
  start = performance.now();
  const filtered = visibleHeadlines({ headlines: warm.headlines, filter: 'source 499 headline', saved: {} });
  results.filterMs = performance.now() - start;
  results.filterHits = filtered.length;
  server.close();

  // Fill the cache to 50,000 entries of 2 KB, then time lookups of random ones.
  const body = Buffer.alloc(2048, 'x');
  const policy = {
    v: 1,
    t: Date.now(),
    sh: false,
    ch: 0.1,
    imm: 86_400_000,
    st: 200,
    resh: { 'content-type': 'text/html', 'cache-control': 'max-age=86400' },
    rescc: { 'max-age': '86400' },
    m: 'GET',
    u: '/',
    h: 'x',
    a: true,
    reqh: null,
    reqcc: {},
  };
  start = performance.now();
  const pending = [];
  for (let i = SOURCES; i < ENTRIES; i++) {
    pending.push(cache.put({ url: `https://news.example/article/${i}`, finalUrl: `https://news.example/article/${i}`, policy, body }));
    if (pending.length === 256) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  results.fillSeconds = (performance.now() - start) / 1000;
  const lookups = [];
  for (let i = 0; i < 2000; i++) {
    const key = `https://news.example/article/${SOURCES + Math.floor(Math.random() * (ENTRIES - SOURCES))}`;
    const t = performance.now();
    const entry = await cache.get(key);
    lookups.push(performance.now() - t);
    if (!entry) throw new Error(`lost ${key}`);
  }
  lookups.sort((a, b) => a - b);
  results.lookupMedian = lookups[lookups.length >> 1];
  results.lookupP99 = lookups[Math.floor(lookups.length * 0.99)];
  start = performance.now();
  const info = await cache.info();
  results.infoMs = performance.now() - start;
  results.entries = info.entries;
  results.bytes = info.bytes;
  // The size limit: prune to half, least recently used first.
  start = performance.now();
  results.evicted = await cache.prune(Math.floor(info.bytes / 2));
  results.pruneMs = performance.now() - start;
  results.after = (await cache.info()).entries;
  rmSync(dir, { recursive: true, force: true });
  return results;
}

export function printScale(r) {
  console.log(
    `500 sources (${r.headlines} headlines${r.failed ? `, ${r.failed} failures` : ''}): cold ${r.sourcesCold.toFixed(0)} ms, warm cache ${r.sourcesWarm.toFixed(0)} ms; filter over them ${r.filterMs.toFixed(1)} ms (${r.filterHits} hits)`,
  );
  console.log(
    `cache of ${r.entries} entries (${(r.bytes / 1024 / 1024).toFixed(0)} MB, filled in ${r.fillSeconds.toFixed(1)} s): lookup median ${(r.lookupMedian * 1000).toFixed(0)} µs, p99 ${(r.lookupP99 * 1000).toFixed(0)} µs; cache info ${r.infoMs.toFixed(0)} ms; prune to half: ${r.evicted} evicted in ${r.pruneMs.toFixed(0)} ms, ${r.after} left`,
  );
}
