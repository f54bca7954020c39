// Extraction quality and speed, kiosque vs @mozilla/readability, same HTML, one run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { articleText, extractArticle } from '../dist/index.js';
import { corpusF1, scorePage } from './shingles.js';

const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');

function loadCorpus(name) {
  const dir = path.join(SHARED, name);
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'source.html')))
    .map((entry) => {
      const folder = path.join(dir, entry.name);
      const read = (file) => (existsSync(path.join(folder, file)) ? readFileSync(path.join(folder, file), 'utf8') : undefined);
      const expectedHtml = read('expected.html');
      const expected = read('expected.txt') ?? (expectedHtml ? new JSDOM(expectedHtml).window.document.body.textContent : '');
      return { id: entry.name, html: read('source.html'), url: read('url.txt')?.trim() || `https://example.com/${entry.name}/`, expected };
    });
}

const virtualConsole = new VirtualConsole();
const extractors = {
  kiosque: (page) => articleText(extractArticle(page.html, page.url)),
  readability: (page) => {
    const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
    return new Readability(dom.window.document).parse()?.textContent ?? '';
  },
};

export function runExtractionBench({ only } = {}) {
  const rows = [];
  for (const corpus of ['zyte-dev', 'readability']) {
    const pages = loadCorpus(corpus);
    if (!pages) {
      console.log(`(skipped ${corpus}: ../shared/corpus/${corpus} is not present)`);
      continue;
    }
    for (const [name, extract] of Object.entries(extractors)) {
      if (only && name !== only) continue;
      const scores = [];
      let elapsed = 0;
      for (const page of pages) {
        const start = performance.now();
        let text;
        try {
          text = extract(page);
        } catch {
          text = '';
        }
        elapsed += performance.now() - start;
        scores.push({ id: page.id, ...scorePage(text, page.expected) });
      }
      const { precision, recall, f1 } = corpusF1(scores);
      rows.push({
        corpus,
        extractor: name,
        pages: pages.length,
        f1,
        precision,
        recall,
        pagesPerSecond: pages.length / (elapsed / 1000),
        scores,
      });
    }
  }
  return rows;
}
