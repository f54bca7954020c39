// Bundles the command line into one file: Node then loads one module instead of
// hundreds, which is most of the reader's start-up time (see npm run bench).
import path from 'node:path';
import { build } from 'esbuild';

// Ink's text measuring and row building get fast paths for simple text (src/ui/fast-text/):
// every import of these two modules, except the shims' own, is routed to the shim.
const FAST_TEXT = {
  'string-width': 'src/ui/fast-text/string-width.ts',
  '@alcalzone/ansi-tokenize': 'src/ui/fast-text/ansi-tokenize.ts',
};
const fastTextPlugin = {
  name: 'kiosque-fast-text',
  setup(plugin) {
    plugin.onResolve({ filter: /^(string-width|@alcalzone\/ansi-tokenize)$/ }, (args) => {
      const shim = path.resolve(FAST_TEXT[args.path]);
      return args.importer === shim ? undefined : { path: shim };
    });
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [fastTextPlugin],
  alias: { 'react-devtools-core': './build/devtools-stub.js' },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some dependencies are CommonJS and use require() and __filename (write-file-atomic names its
  // temporary files after it): give the ESM bundle both, or every atomic write fails.
  banner: {
    js: [
      "import { createRequire as __kiosqueCreateRequire } from 'node:module';",
      "import { fileURLToPath as __kiosqueFileURLToPath } from 'node:url';",
      'const require = __kiosqueCreateRequire(import.meta.url);',
      'const __filename = __kiosqueFileURLToPath(import.meta.url);',
      "const __dirname = __kiosqueFileURLToPath(new URL('.', import.meta.url));",
    ].join(' '),
  },
});
