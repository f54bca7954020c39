// Screen speed: time to the first frame of the headline list from a warm cache
// (a real pty, tmux), and milliseconds per key press while scrolling a long
// article versus a short one (the reader lays out only the visible lines).
import { execFile as execFileCallback, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import React from 'react';
import { render } from 'ink-testing-library';
import { build } from 'esbuild';
import { screenBundleOptions } from '../build/esbuild-options.js';
import { startDemoServer } from '../dist/demo/server.js';
import { App } from '../dist/ui/App.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const execFile = promisify(execFileCallback);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Milliseconds from starting `command` in a fresh 100x30 tmux until its screen shows "kiosque N headlines". */
async function timeToHeadlines(command, label) {
  // A tmux server per run: a server just killed can still hold its socket name.
  const socket = `kiosque-bench-${process.pid}-${label}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const start = performance.now();
  tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', command);
  try {
    for (;;) {
      if (/kiosque \d+ headlines/.test(tmux('capture-pane', '-p', '-t', 'b'))) return performance.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (performance.now() - start > 10_000) throw new Error(`${label}: no first frame within 10 s`);
    }
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // The program ended on its own and took its tmux server with it.
    }
  }
}

/** Runs the reader once in tmux until its list shows, quits it with q, and waits for the list it keeps (`kept`). */
async function quitOnce(command, kept) {
  const socket = `kiosque-bench-${process.pid}-quit`;
  const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', command);
  try {
    const start = performance.now();
    while (!/kiosque \d+ headlines/.test(tmux('capture-pane', '-p', '-t', 'b'))) {
      if (performance.now() - start > 10_000) throw new Error('the reader showed no headlines within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    tmux('send-keys', '-t', 'b', 'q');
    while (!existsSync(kept)) {
      if (performance.now() - start > 20_000) throw new Error('the reader kept no list when quit');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // Gone with the reader.
    }
  }
}

/**
 * Time to the first frame of the headline list from a warm cache, in a real pty,
 * beside two references run in turn with it (this machine's speed varies from
 * minute to minute): bare Node printing the same frame (a title line and 27 rows,
 * the rows of bench/ink-floor.js), and the smallest Ink program drawing the same
 * screen, bundled like the reader. With `before` (another build's bin/kiosque.js,
 * e.g. from KIOSQUE_BENCH_BEFORE), that build is timed in the same turns too.
 */
export async function firstFrame(runs = 9, { before = process.env.KIOSQUE_BENCH_BEFORE } = {}) {
  if (spawnSync('tmux', ['-V']).status !== 0) return null;
  const demo = await startDemoServer();
  const work = mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-'));
  const cache = path.join(work, 'cache');
  const bin = path.join(ROOT, 'bin', 'kiosque.js');
  // Asynchronous: the demo server answers from this very process.
  await execFile('node', [bin, 'headlines', ...demo.sources, '--cache-dir', cache]);
  // The same cache as a reader's first run finds it: no list kept from an earlier session.
  const firstRunCache = path.join(work, 'first-run-cache');
  cpSync(cache, firstRunCache, { recursive: true });
  // The build compared against reads a copy of its own: an older build reads the cache's kept readings
  // again and writes them back (a reading's revision changed), and any write to the cache makes the kept
  // list stale, so kiosque would be timed on its first-run path from the second turn on.
  const beforeCache = path.join(work, 'before-cache');
  if (before) cpSync(cache, beforeCache, { recursive: true });
  // The reader's last session: opened and quit with q, which keeps its list for the next first frame.
  await quitOnce(`env -u CI node ${bin} ${demo.sources.join(' ')} --cache-dir ${cache}`, path.join(cache, 'first-frame.json'));
  await build({
    ...screenBundleOptions,
    entryPoints: [path.join(ROOT, 'bench', 'ink-floor.js')],
    outfile: path.join(work, 'ink-floor.js'),
  });
  const bareNode = path.join(work, 'bare-node.js');
  writeFileSync(
    bareNode,
    `const rows = Array.from({ length: 27 }, (_, i) => \`\${i === 0 ? '›' : ' '}•  Le conseil municipal adopte un budget en hausse, séance \${i}\`.padEnd(66) + 'La Gazette du Quai · il y a 3 h');
process.stdout.write(['kiosque 27 headlines', ...rows].join('\\n'));
setTimeout(() => {}, 10000);`,
  );
  const commands = {
    node: `node ${bareNode}`,
    ink: `env -u CI node ${path.join(work, 'ink-floor.js')}`,
    ...(before ? { before: `env -u CI node ${before} ${demo.sources.join(' ')} --cache-dir ${beforeCache}` } : {}),
    kiosque: `env -u CI node ${bin} ${demo.sources.join(' ')} --cache-dir ${cache}`,
    firstRun: `env -u CI node ${bin} ${demo.sources.join(' ')} --cache-dir ${firstRunCache}`,
  };
  const times = Object.fromEntries(Object.keys(commands).map((label) => [label, []]));
  for (let run = 0; run < runs; run++) {
    for (const [label, command] of Object.entries(commands)) times[label].push(await timeToHeadlines(command, label));
  }
  await demo.close();
  const summary = (values) => ({ median: median(values), min: Math.min(...values) });
  return Object.fromEntries(Object.entries(times).map(([label, values]) => [label, summary(values)]));
}

function syntheticArticle(lines) {
  return {
    url: 'http://bench/a',
    canonicalUrl: null,
    title: 'Bench article',
    byline: null,
    published: null,
    section: null,
    siteName: null,
    lang: 'en',
    description: null,
    blocks: Array.from({ length: Math.ceil(lines / 2) }, (_, i) => ({
      type: 'paragraph',
      text: `Paragraph ${i} of a long article, short enough for one line.`,
    })),
    related: [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: 0,
  };
}

async function waitForChange(app, before) {
  while (app.lastFrame() === before) await new Promise((resolve) => setImmediate(resolve));
}

export async function scrollCost(lines, presses = 200) {
  const article = syntheticArticle(lines);
  const services = {
    loadHeadlines: async () => ({
      headlines: [
        {
          source: 'B',
          sourceUrl: 'http://bench/',
          title: 'Bench headline',
          url: article.url,
          published: null,
          author: null,
          summary: null,
        },
      ],
      errors: [],
    }),
    readArticle: async () => ({ article, stale: false }),
    prefetch: () => {},
    openInBrowser: () => {},
  };
  const app = render(React.createElement(App, { services, locale: 'en' }));
  while (!app.lastFrame()?.includes('Bench headline')) await new Promise((resolve) => setImmediate(resolve));
  app.stdin.write('\r');
  while (!app.lastFrame()?.includes('Paragraph 0')) await new Promise((resolve) => setImmediate(resolve));
  const times = [];
  for (let i = 0; i < presses; i++) {
    const before = app.lastFrame();
    const start = performance.now();
    app.stdin.write('j');
    await waitForChange(app, before);
    times.push(performance.now() - start);
  }
  app.unmount();
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, median: median(times) };
}
