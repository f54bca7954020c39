// Extraction quality and speed: kiosque against @mozilla/readability on linkedom (the DOM a Node
// user would pick), the same decoded HTML, page by page in turn, in one run, on every corpus.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { performance } from 'node:perf_hooks';
import { articleText, extractArticle } from '../dist/index.js';
import { parseHtml } from '../dist/html/dom.js';
import { decodeBody } from '../dist/net/charset.js';
import { loadCorpus, TEXT_CORPORA } from './corpora.js';
import { corpusF1, scorePage } from './shingles.js';

const extractors = {
  kiosque: (page) => articleText(extractArticle(page.html, page.url)),
  readability: (page) => {
    const { document } = parseHTML(page.html);
    return new Readability(document).parse()?.textContent ?? '';
  },
};

/** kiosque's parse alone, to tell the heuristics' cost from the parser's. */
const parseOnly = (page) => parseHtml(page.html);

export async function runExtractionBench() {
  const rows = [];
  for (const corpus of TEXT_CORPORA) {
    const pages = await loadCorpus(corpus, async (bytes) => (await decodeBody(bytes)).text);
    if (!pages) {
      console.log(`(skipped ${corpus}: ../shared/corpus/${corpus} is not present)`);
      continue;
    }
    const names = Object.keys(extractors);
    const results = Object.fromEntries(names.map((name) => [name, { scores: [], elapsed: 0, empty: 0 }]));
    let parsing = 0;
    for (const page of pages) {
      for (const name of names) {
        const start = performance.now();
        let text = '';
        try {
          text = extractors[name](page);
        } catch {
          // A crash scores as an empty extraction.
        }
        results[name].elapsed += performance.now() - start;
        if (!text.trim()) results[name].empty++;
        results[name].scores.push({ id: page.id, ...scorePage(text, page.expected) });
      }
      const start = performance.now();
      parseOnly(page);
      parsing += performance.now() - start;
    }
    for (const name of names) {
      const { scores, elapsed, empty } = results[name];
      rows.push({
        corpus,
        extractor: name,
        pages: pages.length,
        empty,
        ...corpusF1(scores),
        pagesPerSecond: pages.length / (elapsed / 1000),
        // For kiosque: the time a page takes beyond parsing it.
        heuristicsMs: name === 'kiosque' ? (elapsed - parsing) / pages.length : undefined,
        scores,
      });
    }
  }
  return rows;
}
