// npm run bench: extraction quality and speed against Readability on linkedom (every corpus, side by
// side in one run), links-dev, a 5 MB page, the first frame, scroll keys, scale, and the reload bench.
import { extractArticle } from '../dist/index.js';
import { decodeBody } from '../dist/net/charset.js';
import { bigPage } from './big-page.js';
import { runExtractionBench } from './extraction.js';
import { scoreLinks } from './links.js';

const rows = await runExtractionBench();
if (rows.length === 0) {
  console.log('No corpus found under ../shared/corpus: nothing to measure.');
} else {
  console.log('corpus       extractor     pages  empty   F1      precision  recall   pages/s  heuristics ms/page');
  for (const row of rows) {
    const heuristics = row.heuristicsMs === undefined ? '' : row.heuristicsMs.toFixed(1).padStart(8);
    console.log(
      `${row.corpus.padEnd(12)} ${row.extractor.padEnd(12)} ${String(row.pages).padStart(5)}  ${String(row.empty).padStart(5)}   ${row.f1.toFixed(4)}  ${row.precision.toFixed(4)}     ${row.recall.toFixed(4)}   ${row.pagesPerSecond.toFixed(1).padStart(6)}  ${heuristics}`,
    );
  }
  for (const corpus of new Set(rows.map((row) => row.corpus))) {
    const ours = rows.find((row) => row.corpus === corpus && row.extractor === 'kiosque');
    const reference = rows.find((row) => row.corpus === corpus && row.extractor === 'readability');
    if (ours && reference) {
      console.log(
        `${corpus}: kiosque is ${(ours.pagesPerSecond / reference.pagesPerSecond).toFixed(1)}x Readability-on-linkedom's pages/s; F1 ${ours.f1.toFixed(4)} vs ${reference.f1.toFixed(4)}`,
      );
    }
  }
}

const links = await scoreLinks({ extractArticle, decodeBody });
if (links) {
  // Per pattern and overall (the issue's targets hold for each row): the table without the scorer's explanations.
  const table = links.split('\n').filter((line) => line.trim() && !/^(?:P\/R\/F1|prev\/next|pag>next):/.test(line));
  console.log(`\nlinks-dev (related, previous / next, pagination), per pattern and overall:\n${table.join('\n')}\n`);
}

const big = bigPage();
console.log(
  `5 MB page: ${big.ms.toFixed(0)} ms, peak ${big.peakRssMb.toFixed(0)} MB resident (${big.rssBeforeMb.toFixed(0)} MB before reading it)`,
);

const { firstFrame, scrollCost } = await import('./screen.js');
const frame = await firstFrame();
if (!frame) {
  console.log('first frame: skipped (tmux not installed)');
} else {
  const line = (label, { median, min }) =>
    console.log(`  ${label.padEnd(46)} median ${median.toFixed(0).padStart(5)} ms   min ${min.toFixed(0).padStart(5)} ms`);
  console.log('first frame of the headline list, warm cache, 100x30 tmux (runs interleaved):');
  line('bare node printing the same frame', frame.node);
  line('smallest Ink screen of 27 rows (same bundling)', frame.ink);
  if (frame.before) line(`kiosque before (${process.env.KIOSQUE_BENCH_BEFORE})`, frame.before);
  line('kiosque (its list kept when last quit)', frame.kiosque);
  line('kiosque, first run (nothing kept: from the cache)', frame.firstRun);
  const ratio = (label) => (frame[label].median / frame.node.median).toFixed(2);
  console.log(
    `  kiosque / bare node: ${ratio('kiosque')}x (goal: 1.5x at most), first run: ${ratio('firstRun')}x${frame.before ? `, before: ${ratio('before')}x` : ''}; smallest Ink / bare node: ${ratio('ink')}x; kiosque / smallest Ink: ${(frame.kiosque.median / frame.ink.median).toFixed(2)}x`,
  );
}
const short = await scrollCost(100, 60);
const long = await scrollCost(10_000, 200);
console.log(`scroll key press, 100-line article:    mean ${short.mean.toFixed(2)} ms, median ${short.median.toFixed(2)} ms`);
console.log(
  `scroll key press, 10,000-line article: mean ${long.mean.toFixed(2)} ms, median ${long.median.toFixed(2)} ms (ratio ${(long.mean / short.mean).toFixed(2)})`,
);

const { scaleBench, printScale } = await import('./scale.js');
printScale(await scaleBench());

// The reload bench (issue 12): beside newsboat when installed, the scale figure, time per feed. See bench/reload.js.
const { reloadBench } = await import('./reload.js');
await reloadBench();
