// Two builds of kiosque's extractor side by side, on every corpus at once: text F1 on zyte-dev,
// readability and dragnet, and the links-dev scores (related, previous / next, pagination).
// For judging a change to the extractor: a rise on one corpus with a fall on another is tuning.
//
//   node bench/compare-builds.js BASE_DIST [HEAD_DIST]     (HEAD_DIST defaults to ./dist)
//
// Each dist is a `tsc` output folder (dist/index.js, dist/net/charset.js). Pages are read in
// turn by both builds, so machine noise falls on both alike.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadCorpus, SHARED, TEXT_CORPORA } from './corpora.js';
import { scoreLinks } from './links.js';
import { corpusF1, scorePage } from './shingles.js';

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

console.log('corpus        pages   base F1 (P / R)            head F1 (P / R)            pages/s base / head');
for (const corpus of TEXT_CORPORA) {
  // Decoded by the base build's rules, so that both builds read the same text.
  const pages = await loadCorpus(corpus, async (bytes) => (await builds[0].decodeBody(bytes)).text);
  if (!pages) continue;
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

// links-dev: each build's links, scored by the corpus's own scorer.
for (const [index, build] of builds.entries()) {
  const summary = await scoreLinks(build);
  if (summary) console.log(`\nlinks-dev, ${index === 0 ? 'base' : 'head'} (${build.name}):\n${summary}`);
}
