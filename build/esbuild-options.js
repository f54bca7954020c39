// What every bundle of kiosque's screen is built with: build/bundle.js for the command
// line, bench/screen.js for the minimal Ink screen it compares the reader with.
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
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

// write-file-atomic asks node:worker_threads for the thread's id as it loads (it names its temporary
// files with it): loading worker_threads took ~5 ms of every start of the command line, a reload that
// writes nothing included (reading-state.ts imports it). The id is asked for on the first write instead;
// the same id, the same names.
const lazyThreadIdPlugin = {
  name: 'kiosque-lazy-thread-id',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]write-file-atomic[\\/]lib[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patched = source
        .replace(
          'const threadId = (function getId () {',
          'let threadIdKnown\nconst threadId = () => (threadIdKnown ??= (function getId () {',
        )
        .replace('    return 0\n  }\n})()', '    return 0\n  }\n})())')
        .replace('.hash(String(threadId))', '.hash(String(threadId()))')
        // signal-exit too, which sets up its emitter as it loads: on the first write.
        .replace(
          "const { onExit } = require('signal-exit')",
          "let signalExit\nconst onExit = (handler) => (signalExit ??= require('signal-exit')).onExit(handler)",
        );
      if (
        !patched.includes('threadIdKnown ??=') ||
        !patched.includes('String(threadId())') ||
        !patched.includes('})())') ||
        !patched.includes('signalExit ??=')
      )
        throw new Error(
          `${args.path} no longer reads its thread id as it loads: review the lazy-thread-id step of build/esbuild-options.js`,
        );
      return { contents: patched, loader: 'js' };
    });
  },
};

// Node's own modules are required (CommonJS), not imported: importing one makes its ESM facade, which
// reads every export once, and some of those are modules loaded on first read. `import ... from
// 'node:crypto'` loaded WebCrypto, `from 'node:process'` the diagnostic report: some 20 ms of each start,
// the reader's first frame and a reload alike. Each is wrapped as a CommonJS module that requires it
// (esbuild's __toESM then reads an export only when the code uses it).
const BUILTIN = 'kiosque-builtin';
const builtinsRequiredPlugin = {
  name: 'kiosque-builtins-required',
  setup(plugin) {
    plugin.onResolve({ filter: /^(?:node:)?(?:crypto|process)$/ }, (args) => {
      if (!isBuiltin(args.path)) return undefined;
      // The wrapper's own require: left to Node (the banner's require). A dynamic import() too: esbuild would
      // make the wrapper a chunk of its own whose module has only a default export (no `spawn` in it).
      if (args.namespace === BUILTIN || args.kind === 'dynamic-import') return { path: args.path, external: true };
      return { path: args.path, namespace: BUILTIN };
    });
    plugin.onLoad({ filter: /.*/, namespace: BUILTIN }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

export const screenBundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [builtinsRequiredPlugin, fastTextPlugin, yogaWithoutFetchPlugin, lazySegmenterPlugin, lazyThreadIdPlugin],
  alias: { 'react-devtools-core': path.join(ROOT, 'build', 'devtools-stub.js') },
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some dependencies are CommonJS and use require() and __filename (write-file-atomic names its
  // temporary files after it): give the ESM bundle both, or every atomic write fails.
  banner: {
    js: [
      "import { createRequire as __kiosqueCreateRequire } from 'node:module';",
      'const require = __kiosqueCreateRequire(import.meta.url);',
      // Node 20.11 and later (package.json's engines): no URL parsed twice per chunk loaded.
      'const __filename = import.meta.filename;',
      'const __dirname = import.meta.dirname;',
    ].join(' '),
  },
};
