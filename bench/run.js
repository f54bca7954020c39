// npm run bench: extraction quality and speed, kiosque vs @mozilla/readability, side by side in one run.
import { runExtractionBench } from './extraction.js';

const rows = runExtractionBench();
if (rows.length === 0) {
  console.log('No corpus found under ../shared/corpus: nothing to measure.');
} else {
  console.log('corpus       extractor     pages    F1      precision  recall   pages/s');
  for (const row of rows) {
    console.log(
      `${row.corpus.padEnd(12)} ${row.extractor.padEnd(12)} ${String(row.pages).padStart(5)}   ${row.f1.toFixed(4)}  ${row.precision.toFixed(4)}     ${row.recall.toFixed(4)}   ${row.pagesPerSecond.toFixed(1)}`,
    );
  }
  for (const corpus of new Set(rows.map((row) => row.corpus))) {
    const ours = rows.find((row) => row.corpus === corpus && row.extractor === 'kiosque');
    const reference = rows.find((row) => row.corpus === corpus && row.extractor === 'readability');
    if (ours && reference) {
      console.log(`${corpus}: kiosque is ${(ours.pagesPerSecond / reference.pagesPerSecond).toFixed(1)}x Readability's pages/s; F1 ${ours.f1.toFixed(4)} vs ${reference.f1.toFixed(4)}`);
    }
  }
}

const { firstFrame, scrollCost } = await import('./screen.js');
const frame = await firstFrame();
console.log(frame ? `first frame of the headline list, warm cache, in tmux: median ${frame.median.toFixed(0)} ms (min ${frame.min.toFixed(0)} ms; includes Node start-up)` : 'first frame: skipped (tmux not installed)');
const short = await scrollCost(100, 60);
const long = await scrollCost(10_000, 200);
console.log(`scroll key press, 100-line article:    mean ${short.mean.toFixed(2)} ms, median ${short.median.toFixed(2)} ms`);
console.log(`scroll key press, 10,000-line article: mean ${long.mean.toFixed(2)} ms, median ${long.median.toFixed(2)} ms (ratio ${(long.mean / short.mean).toFixed(2)})`);

const { scaleBench, printScale } = await import('./scale.js');
printScale(await scaleBench());
