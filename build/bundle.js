// Bundles the command line: Node then loads a few modules instead of hundreds, which
// is most of the reader's start-up time (see npm run bench). The code is split where
// the source imports dynamically, so the reader's first frame loads only the screen,
// the cache and what it needs to show kept headlines; the feed and article parsers,
// conf and the demo site load when first needed.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { screenBundleOptions } from './esbuild-options.js';
import { relativeTimesDefine } from './relative-times.js';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  ...screenBundleOptions,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  define: {
    ...screenBundleOptions.define,
    // Tells src/work/pool.ts where the parser process's entry is: beside the bundle's, not beside tsc's output.
    __KIOSQUE_BUNDLED__: 'true',
    __KIOSQUE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
    // The list's relative times for common locales, so that the first frame waits for no ICU data (see relative-times.js).
    __KIOSQUE_RELATIVE_TIMES__: relativeTimesDefine(),
  },
});
// The parser process (src/work/pool.ts starts dist/bundle/parse-worker.js, beside the command
// line's entry) is bundled on its own, its chunks in dist/bundle/parser/: shaken down to what
// each job needs (a feed job loads feedsmith and htmlparser2, not css-select, the extractor or
// the screen's relative-time table), it starts sooner than it did on the command line's chunks.
await build({
  ...screenBundleOptions,
  entryPoints: { 'parse-worker': 'src/parse-worker.ts' },
  outdir: 'dist/bundle',
  chunkNames: 'parser/[name]-[hash]',
  splitting: true,
});
