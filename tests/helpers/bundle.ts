import { buildSync } from 'esbuild';

/**
 * Bundles a TypeScript program (which may import src/ by path) into one ES module at `outfile`,
 * so a test can run the real store or client in a process of its own and kill it.
 */
export function bundleScript(contents: string, outfile: string): void {
  buildSync({
    stdin: { contents, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'silent',
    // Bundled CommonJS dependencies (write-file-atomic) still ask for require and __filename.
    banner: {
      js: "import { createRequire } from 'node:module'; import { fileURLToPath } from 'node:url'; const require = createRequire(import.meta.url); const __filename = fileURLToPath(import.meta.url);",
    },
  });
}
