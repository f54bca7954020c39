// Bundles the command line: Node then loads a few modules instead of hundreds, which
// is most of the reader's start-up time (see npm run bench). The code is split where
// the source imports dynamically, so the reader's first frame loads only the screen,
// the cache and what it needs to show kept headlines; got, the feed and article parsers,
// conf and the demo site load when first needed.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { screenBundleOptions } from './esbuild-options.js';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  ...screenBundleOptions,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  define: {
    ...screenBundleOptions.define,
    __KIOSQUE_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
});
