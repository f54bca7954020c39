import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Data flows one way: net → extract / feeds → app → state → ui, with cli beside ui.
 * Each folder of src/ may import only from the folders listed for it (and from itself,
 * and from the modules every layer stands on: errors.ts and version.ts). Static and
 * dynamic imports both count, type-only imports too: a type that must reach up is a
 * type in the wrong place.
 */
const FOUNDATION = new Set(['errors', 'version']);
const MAY_IMPORT: Record<string, string[]> = {
  text: [],
  // The pool of parser processes (src/work/pool.ts): knows jobs by name, none of the parsers.
  work: [],
  html: ['text'],
  net: ['text'],
  extract: ['html', 'text'],
  feeds: ['html', 'text', 'net', 'work'],
  store: ['text', 'feeds', 'extract'],
  demo: [],
  app: ['text', 'html', 'net', 'extract', 'feeds', 'store', 'demo', 'work'],
  state: ['app', 'store', 'extract', 'feeds', 'text'],
  ui: ['state', 'app', 'store', 'extract', 'feeds', 'text'],
  // The key table (state/keymap.ts) for --help, `config` and the completions.
  cli: ['app', 'state', 'store', 'extract', 'feeds', 'text'],
  // The parser process's entry (started by work/pool.ts): the parsers, and the pool's message types.
  'parse-worker': ['feeds', 'extract', 'work'],
  // The entry points: the command line's (which opens either face) and the library's.
  cli_entry: ['cli', 'ui', 'app', 'text'],
  index: ['extract', 'feeds'],
  // Error messages are rid of credentials by the one rule for addresses (text/url.ts, which imports nothing).
  errors: ['text'],
  version: [],
};

const SRC = path.resolve(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The layer of a file under src/: its top folder, or the root module's name. */
function layerOf(file: string): string {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  if (rest.length) return first!;
  const name = first!.replace(/\.tsx?$/, '');
  return name === 'cli' ? 'cli_entry' : name;
}

/** Every relative module a file imports: import … from, export … from, import('…'). */
export function importsOf(source: string): string[] {
  const specifiers = [...source.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => match[1]!);
  return [...new Set(specifiers)];
}

function edges(): Array<{ from: string; to: string; fromLayer: string; toLayer: string }> {
  return sourceFiles(SRC).flatMap((file) =>
    importsOf(readFileSync(file, 'utf8')).map((specifier) => {
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
      return { from: path.relative(SRC, file), to: path.relative(SRC, target), fromLayer: layerOf(file), toLayer: layerOf(target) };
    }),
  );
}

describe('the import graph of src/', () => {
  it('finds the imports it is meant to check (static, re-exports and dynamic)', () => {
    expect(
      importsOf(
        `import { a } from './a.js';\nexport type { B } from '../b/b.js';\nconst c = await import('../c/c.js');\nimport x from 'node:fs';`,
      ),
    ).toEqual(['./a.js', '../b/b.js', '../c/c.js']);
    const all = edges();
    expect(all.length).toBeGreaterThan(100);
    // The session loads the demo server only when asked: a dynamic import, and it is seen.
    expect(all).toContainEqual(expect.objectContaining({ from: path.join('app', 'session.ts'), toLayer: 'demo' }));
  });

  it('has no edge from a lower layer to a higher one', () => {
    const wrong = edges()
      .filter(
        ({ fromLayer, toLayer }) => fromLayer !== toLayer && !FOUNDATION.has(toLayer) && !(MAY_IMPORT[fromLayer] ?? []).includes(toLayer),
      )
      .map(({ from, to }) => `${from} imports ${to}`);
    expect(wrong).toEqual([]);
  });

  it('knows every folder of src/', () => {
    const layers = new Set(sourceFiles(SRC).map(layerOf));
    expect([...layers].filter((layer) => !(layer in MAY_IMPORT))).toEqual([]);
  });
});
