import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';

/**
 * Issue #14: extraction must be linear in the page. A page of 16,000 "Lire aussi" lines took
 * 9.4 s (a search of the related links per link), 60,000 did not end in two minutes.
 *
 * Timed in CPU time of this process, not wall time: the machine running the tests is shared,
 * and what is asserted is the work the extractor does. Linear is asserted against the same
 * extractor on comparable pages, measured in turn (so any slowness of the moment is shared).
 */

const relatedLine = (i: number) =>
  `<p><strong>Lire aussi :</strong> <a href="/article-${i}">Un autre article, le numéro ${i} du journal</a></p>`;
const plainLine = (i: number) => `<p>Un paragraphe ordinaire, le numéro ${i} de cette page, sans lien vers rien d’autre.</p>`;
const page = (lines: string) =>
  `<html><head><title>Une page</title></head><body><article><h1>Une page</h1><p>Le premier paragraphe de cet article est assez long pour être lu comme un texte.</p>${lines}</article></body></html>`;
const relatedPage = (count: number) => page(Array.from({ length: count }, (_, i) => relatedLine(i)).join('\n'));
const plainPage = (count: number) => page(Array.from({ length: count }, (_, i) => plainLine(i)).join('\n'));

/** CPU milliseconds `work` takes, the best of `runs`: the least disturbed measure of the work itself. */
function cpuMs(work: () => void, runs = 2): number {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const before = process.cpuUsage();
    work();
    const spent = process.cpuUsage(before);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

describe('pathological pages, read in linear time', () => {
  it('16,000 "Lire aussi" lines: every link found once, in order, at the cost of a page of ordinary paragraphs', () => {
    const related = relatedPage(16_000);
    const plain = plainPage(16_000);
    // Warm up the extractor (the first run of any page pays for compiling it).
    extractArticle(relatedPage(200), 'https://x.example/warm/');
    extractArticle(plainPage(200), 'https://x.example/warm/');

    let article = extractArticle(related, 'https://x.example/lire/');
    const relatedCost = cpuMs(() => (article = extractArticle(related, 'https://x.example/lire/')));
    const plainCost = cpuMs(() => extractArticle(plain, 'https://x.example/plain/'));

    expect(article.related).toHaveLength(16_000);
    expect(article.related[0]).toEqual({
      title: 'Un autre article, le numéro 0 du journal',
      url: 'https://x.example/article-0',
      label: 'Lire aussi :',
    });
    expect(article.related[15_999]?.url).toBe('https://x.example/article-15999');
    expect(article.blocks.filter((block) => block.type === 'related').map((block) => block.index)).toEqual(
      Array.from({ length: 16_000 }, (_, i) => i),
    );
    // Linear: a related line costs about what an ordinary paragraph does (a search per link made it 20 times more).
    expect(relatedCost).toBeLessThan(plainCost * 4);
  }, 120_000);

  it('four times the "Lire aussi" lines cost about four times as much, not sixteen', () => {
    const small = relatedPage(4_000);
    const large = relatedPage(16_000);
    extractArticle(small, 'https://x.example/warm/');
    const smallCost = cpuMs(() => extractArticle(small, 'https://x.example/small/'));
    const largeCost = cpuMs(() => extractArticle(large, 'https://x.example/large/'));
    expect(largeCost).toBeLessThan(smallCost * 8);
  }, 120_000);
});
