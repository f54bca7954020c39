// Two builds of kiosque's extractor side by side, on every corpus at once: text F1 on zyte-dev,
// readability and dragnet, and the links-dev scores (related, previous / next, pagination).
// For judging a change to the extractor: a rise on one corpus with a fall on another is tuning.
//
//   node bench/compare-builds.js BASE_DIST [HEAD_DIST]     (HEAD_DIST defaults to ./dist)
//
// Each dist is a `tsc` output folder (dist/index.js, dist/net/charset.js). Pages are read in
// turn by both builds, so machine noise falls on both alike.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { JSDOM } from 'jsdom';
import { corpusF1, scorePage } from './shingles.js';

const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
const [baseArg, headArg = path.resolve(import.meta.dirname, '..', 'dist')] = process.argv.slice(2);
if (!baseArg || !existsSync(SHARED)) {
  console.log(!baseArg ? 'usage: node bench/compare-builds.js BASE_DIST [HEAD_DIST]' : 'No ../shared/corpus: nothing to compare.');
  process.exit(baseArg ? 0 : 2);
}

async function load(dist) {
  const root = path.resolve(dist);
  const library = await import(pathToFileURL(path.join(root, 'index.js')).href);
  const { decodeBody } = await import(pathToFileURL(path.join(root, 'net', 'charset.js')).href);
  return { name: root, extractArticle: library.extractArticle, articleText: library.articleText, decodeBody };
}
const builds = [await load(baseArg), await load(headArg)];

/** A page's text as kiosque reads it: bytes decoded by the build's own decoder (no HTTP header here). */
async function pagesOf(corpus) {
  const dir = path.join(SHARED, corpus);
  if (!existsSync(dir)) return [];
  const pages = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    const plain = path.join(folder, 'source.html');
    const zipped = path.join(folder, 'source.html.gz');
    const bytes = existsSync(plain) ? readFileSync(plain) : existsSync(zipped) ? gunzipSync(readFileSync(zipped)) : undefined;
    if (!bytes) continue;
    const read = (file) => (existsSync(path.join(folder, file)) ? readFileSync(path.join(folder, file), 'utf8') : undefined);
    const expectedHtml = read('expected.html');
    const expected = read('expected.txt') ?? (expectedHtml ? new JSDOM(expectedHtml).window.document.body.textContent : '');
    const url = read('url.txt')?.trim() || `http://${corpus}.test/${entry.name}.html`;
    const html = (await builds[0].decodeBody(bytes)).text;
    pages.push({ id: entry.name, html, url, expected });
  }
  return pages;
}

console.log('corpus        pages   base F1 (P / R)            head F1 (P / R)            pages/s base / head');
for (const corpus of ['zyte-dev', 'readability', 'dragnet']) {
  const pages = await pagesOf(corpus);
  if (pages.length === 0) continue;
  const scores = builds.map(() => []);
  const elapsed = builds.map(() => 0);
  const changed = [];
  for (const page of pages) {
    const texts = builds.map((build, index) => {
      const start = performance.now();
      let text = '';
      try {
        text = build.articleText(build.extractArticle(page.html, page.url));
      } catch {
        // A crash scores as an empty extraction.
      }
      elapsed[index] += performance.now() - start;
      scores[index].push(scorePage(text, page.expected));
      return text;
    });
    if (texts[0] !== texts[1]) changed.push(page.id);
  }
  const cell = (s) => `${s.f1.toFixed(4)} (${s.precision.toFixed(3)} / ${s.recall.toFixed(3)})`;
  const [base, head] = scores.map(corpusF1);
  const rate = elapsed.map((ms) => (pages.length / (ms / 1000)).toFixed(1)).join(' / ');
  console.log(`${corpus.padEnd(12)} ${String(pages.length).padStart(6)}   ${cell(base).padEnd(26)} ${cell(head).padEnd(26)} ${rate}`);
  if (changed.length)
    console.log(`  text differs on ${changed.length} page(s): ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? ', …' : ''}`);
}

// links-dev: predictions from each build, scored by the corpus's own scorer.
const linksDir = path.join(SHARED, 'links-dev');
if (existsSync(path.join(linksDir, 'labels.json'))) {
  const labels = JSON.parse(readFileSync(path.join(linksDir, 'labels.json'), 'utf8'));
  const work = mkdtempSync(path.join(os.tmpdir(), 'kiosque-links-'));
  for (const [index, build] of builds.entries()) {
    const predictions = {};
    for (const label of labels) {
      const folder = path.join(SHARED, label.corpus, label.file);
      const plain = path.join(folder, 'source.html');
      const bytes = existsSync(plain) ? readFileSync(plain) : gunzipSync(readFileSync(`${plain}.gz`));
      const html = (await build.decodeBody(bytes)).text;
      try {
        const article = build.extractArticle(html, label.url);
        predictions[`${label.corpus}/${label.file}`] = {
          related: article.related.map((link) => link.url),
          previous: article.previous?.url ?? null,
          next: article.next?.url ?? null,
        };
      } catch {
        // Nothing found.
      }
    }
    const file = path.join(work, `predictions-${index}.json`);
    writeFileSync(file, JSON.stringify(predictions));
    const summary = execFileSync('node', [path.join(linksDir, 'score.mjs'), file], { encoding: 'utf8' });
    console.log(`\nlinks-dev, ${index === 0 ? 'base' : 'head'} (${build.name}):\n${summary.trim()}`);
  }
}
