// The reload bench (issue 12): `node bench/reload.js` (npm run bench runs it last), after a build.
//
// 1. Side by side with newsboat (when installed): ../shared/tools/reload-bench/bench-multi.sh with
//    --multi-host (each feed on a loopback host of its own), cold and warm, interleaved, paired ratios
//    newsboat ÷ kiosque (above 1 = kiosque faster): 100 feeds at 50 ms, 400 feeds at 50 ms, 100 feeds at 0 ms.
// 2. Scale: a warm reload of 100 feeds with 50,000 unrelated entries in the cache, beside the same reload
//    with no other entry (runs interleaved; the ratio is the figure, target ≤ 1.5).
// 3. Reload time per feed, cold and warm, from 50 to 400 feeds (flat is the target).
//
// Environment: RELOAD_RUNS (default 5), RELOAD_SKIP_NEWSBOAT=1, RELOAD_SKIP_SCALE=1, RELOAD_SKIP_PER_FEED=1,
// RELOAD_BENCH_DIR (the reload-bench tools, default ../shared/tools/reload-bench).
// Figures only, never asserted: the machine may be shared, and only the paired ratios mean much then.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOOLS = path.resolve(ROOT, process.env.RELOAD_BENCH_DIR ?? '../shared/tools/reload-bench');
const RUNS = Number(process.env.RELOAD_RUNS ?? 5);
const KIOSQUE = path.join(ROOT, 'bin', 'kiosque.js');
const READER_CMD = `HOME={home} XDG_CACHE_HOME={home}/k XDG_CONFIG_HOME={home}/c XDG_DATA_HOME={home}/d node ${KIOSQUE} headlines --json --sources {sources}`;
// Feeds are on loopback addresses: never through a proxy.
const ENV = { ...process.env, no_proxy: '127.0.0.0/8,localhost', NO_PROXY: '127.0.0.0/8,localhost' };
for (const name of ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'all_proxy']) delete ENV[name];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function reloadBench() {
  if (!existsSync(path.join(TOOLS, 'server.mjs'))) {
    console.log(`reload bench: skipped (${TOOLS} not found)`);
    return;
  }
  if (!process.env.RELOAD_SKIP_NEWSBOAT) sideBySide();
  if (!process.env.RELOAD_SKIP_SCALE) await scaleFigure();
  if (!process.env.RELOAD_SKIP_PER_FEED) await perFeed();
}

/** 1. bench-multi.sh, its paired ratios printed. */
function sideBySide() {
  if (spawnSync('newsboat', ['-v']).status !== 0) {
    console.log('reload bench beside newsboat: skipped (newsboat not installed: apt-get install -y newsboat)');
    return;
  }
  const variants = [
    { label: '100 feeds, 50 ms latency', args: ['--feeds', '100', '--latency-ms', '50'] },
    { label: '400 feeds, 50 ms latency', args: ['--feeds', '400', '--latency-ms', '50', '--no-newsboat-1'] },
    { label: '100 feeds, 0 ms latency (CPU-bound)', args: ['--feeds', '100', '--latency-ms', '0', '--no-newsboat-1'] },
  ];
  for (const { label, args } of variants) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'kiosque-reload-bench-'));
    console.log(`\nreload beside newsboat, ${label} (${RUNS} runs, interleaved; newsboat ÷ kiosque, above 1 = kiosque faster):`);
    const result = spawnSync(
      path.join(TOOLS, 'bench-multi.sh'),
      ['--multi-host', '--runs', String(RUNS), ...args, '--out', out, '--reader-cmd', READER_CMD],
      { cwd: ROOT, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (result.status !== 0) {
      console.log(`  failed (${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`);
      continue;
    }
    const summary = readFileSync(path.join(out, 'summary.txt'), 'utf8').split('\n');
    const from = summary.findIndex((line) => line.startsWith('variant'));
    for (const line of summary.slice(from)) if (line.trim()) console.log(`  ${line}`);
    rmSync(out, { recursive: true, force: true });
  }
}

/** The feed server of reload-bench, on loopback hosts of their own; resolves to its feed addresses and a stop. */
async function startServer(feeds, latencyMs) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-reload-server-'));
  const urls = path.join(dir, 'urls');
  const server = spawn(
    process.execPath,
    [path.join(TOOLS, 'server.mjs'), '--feeds', String(feeds), '--latency-ms', String(latencyMs), '--multi-host', '--urls-file', urls],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    let said = '';
    server.stdout.on('data', (chunk) => {
      said += chunk;
      if (said.includes('LISTENING')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server.mjs stopped (${code})`)));
  });
  return {
    sources: urls,
    stop: () => {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One `kiosque headlines` over `sources` with `home` as its HOME: its wall time in ms. */
function reload(home, sources) {
  const env = {
    ...ENV,
    HOME: home,
    XDG_CACHE_HOME: path.join(home, 'k'),
    XDG_CONFIG_HOME: path.join(home, 'c'),
    XDG_DATA_HOME: path.join(home, 'd'),
  };
  const start = performance.now();
  const result = spawnSync(process.execPath, [KIOSQUE, 'headlines', '--json', '--sources', sources], { env, maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`kiosque headlines failed: ${String(result.stderr).slice(0, 400)}`);
  return ms;
}

const freshHome = () => mkdtempSync(path.join(os.tmpdir(), 'kiosque-reload-home-'));

/** 2. 100 feeds, warm, with and without 50,000 unrelated entries in the cache. */
async function scaleFigure() {
  const { DiskCache } = await import('../dist/net/cache.js');
  const server = await startServer(100, 50);
  try {
    const empty = freshHome();
    const full = freshHome();
    // The cache folder of `full` (XDG_CACHE_HOME/kiosque), filled as a long-time reader's would be.
    const cache = new DiskCache(path.join(full, 'k', 'kiosque'));
    const body = Buffer.alloc(2048, 'x');
    const policy = {
      v: 1,
      t: Date.now(),
      sh: false,
      ch: 0.1,
      imm: 86_400_000,
      st: 200,
      resh: {},
      rescc: {},
      m: 'GET',
      u: '/',
      h: 'x',
      a: true,
      reqh: null,
      reqcc: {},
    };
    const started = performance.now();
    const pending = [];
    for (let i = 0; i < 50_000; i++) {
      const url = `https://news.example/article/${i}`;
      pending.push(cache.put({ url, finalUrl: url, policy, body }));
      if (pending.length === 256) await Promise.all(pending.splice(0));
    }
    await Promise.all(pending);
    cache.close();
    const fillSeconds = (performance.now() - started) / 1000;
    // Priming: the feeds' first reading, untimed; then every feed answers 304.
    reload(empty, server.sources);
    reload(full, server.sources);
    const times = { empty: [], full: [] };
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 ? ['empty', 'full'] : ['full', 'empty'];
      for (const which of order) times[which].push(reload(which === 'empty' ? empty : full, server.sources));
    }
    const ratios = times.full.map((ms, i) => ms / times.empty[i]);
    console.log(
      `\nscale: warm reload of 100 feeds, cache with 50,000 other entries (filled in ${fillSeconds.toFixed(0)} s) ${median(times.full).toFixed(0)} ms, ` +
        `with none ${median(times.empty).toFixed(0)} ms: ratio ${median(ratios).toFixed(2)} (median of ${RUNS} paired runs; target ≤ 1.5)`,
    );
    for (const home of [empty, full]) rmSync(home, { recursive: true, force: true });
  } finally {
    server.stop();
  }
}

/** 3. Reload time per feed, cold and warm, from 50 to 400 feeds. */
async function perFeed() {
  console.log('\nreload time per feed, 50 ms latency, each feed on its own host (median of runs; each added feed: since the size before):');
  let before;
  for (const feeds of [50, 100, 200, 400]) {
    const server = await startServer(feeds, 50);
    try {
      const cold = [];
      const warm = [];
      const warmHome = freshHome();
      reload(warmHome, server.sources);
      for (let run = 0; run < RUNS; run++) {
        const home = freshHome();
        cold.push(reload(home, server.sources));
        rmSync(home, { recursive: true, force: true });
        warm.push(reload(warmHome, server.sources));
      }
      rmSync(warmHome, { recursive: true, force: true });
      const now = { feeds, cold: median(cold), warm: median(warm) };
      // What each feed beyond the smaller run added: the start-up, paid once, is out of it.
      const added = (which) => (before ? `, each added ${((now[which] - before[which]) / (feeds - before.feeds)).toFixed(1)} ms` : '');
      console.log(
        `  ${String(feeds).padStart(3)} feeds: cold ${now.cold.toFixed(0).padStart(5)} ms (${(now.cold / feeds).toFixed(1)} ms/feed${added('cold')}), warm ${now.warm.toFixed(0).padStart(5)} ms (${(now.warm / feeds).toFixed(1)} ms/feed${added('warm')})`,
      );
      before = now;
    } finally {
      server.stop();
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await reloadBench();
