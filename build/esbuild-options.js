// What every bundle of kiosque's screen is built with: build/bundle.js for the command
// line, bench/screen.js for the minimal Ink screen it compares the reader with.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

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
      const shim = path.join(ROOT, FAST_TEXT[args.path]);
      return args.importer === shim ? undefined : { path: shim };
    });
  },
};

// yoga-layout (Ink's layout engine) decodes its embedded WebAssembly with fetch('data:...')
// whenever a global fetch exists, and the first touch of fetch loads all of Node's fetch
// implementation (undici): some 50 ms of a start-up. Told that there is no fetch, its own
// code decodes the same base64 with atob.
const yogaWithoutFetchPlugin = {
  name: 'kiosque-yoga-without-fetch',
  setup(plugin) {
    plugin.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source.replaceAll('typeof fetch', '"undefined"');
      if (patched === source)
        throw new Error(`${args.path} no longer tests for fetch: review the yoga-without-fetch step of build/bundle.js`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// string-width makes its grapheme segmenter (ICU's break data) and compiles its Unicode-property
// regexes (RGI_Emoji above all) as it loads: 20 to 60 ms of a start-up, before the first frame,
// although the fast-text shim measures simple text without any of them. Each is made on first use
// instead; the rest of string-width is as published.
const LAZY_IN_STRING_WIDTH = ['segmenter', 'visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex'];
const lazySegmenterPlugin = {
  name: 'kiosque-lazy-string-width',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      let source = await readFile(args.path, 'utf8');
      for (const name of LAZY_IN_STRING_WIDTH) {
        const declaration = new RegExp(`^const ${name} = (.+);$`, 'm');
        const made = declaration.exec(source);
        if (!made)
          throw new Error(
            `${args.path} no longer declares ${name} as it loads: review the lazy-string-width step of build/esbuild-options.js`,
          );
        source = source
          .replace(declaration, `let ${name}Made;`)
          .replace(new RegExp(`\\b${name}\\b(?!Made)`, 'g'), `(${name}Made ??= ${made[1]})`)
          .replace(`let (${name}Made ??= ${made[1]})Made;`, `let ${name}Made;`);
      }
      return { contents: source, loader: 'js' };
    });
  },
};

export const screenBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [fastTextPlugin, yogaWithoutFetchPlugin, lazySegmenterPlugin],
  alias: { 'react-devtools-core': path.join(ROOT, 'build', 'devtools-stub.js') },
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
};
