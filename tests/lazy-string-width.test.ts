import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

/**
 * The bundle makes string-width's segmenter and Unicode-property regexes on first use rather than
 * as it loads (build/esbuild-options.js, for the first frame's sake): it measures as published.
 */
describe('string-width as bundled (made lazily)', () => {
  it('measures every kind of text like string-width itself', async () => {
    // The build's own options (a .js file of build/, without types).
    const options = pathToFileURL(path.resolve(import.meta.dirname, '..', 'build', 'esbuild-options.js')).href;
    const { screenBundleOptions } = (await import(options)) as { screenBundleOptions: BuildOptions & { plugins: Plugin[] } };
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-sw-')), 'string-width.mjs');
    await build({
      ...screenBundleOptions,
      // string-width itself, not the fast-text shim in front of it.
      plugins: screenBundleOptions.plugins.filter((plugin) => plugin.name !== 'kiosque-fast-text'),
      stdin: { contents: "export { default } from 'string-width';", resolveDir: path.resolve(import.meta.dirname, '..') },
      outfile,
    });
    const bundled = ((await import(outfile)) as { default: typeof stringWidth }).default;
    const samples = [
      'abc',
      'é',
      '日本語',
      '👨‍👩‍👧',
      '🏳️‍🌈',
      'a\u0301',
      '\u200b',
      'क्षि',
      '한국어',
      '1️⃣',
      'ｱ',
      '\u0000x',
      '🇫🇷 drapeau',
      'ｶﾞ',
      '\u001b[31mred\u001b[0m',
      '«\u00a0mots\u00a0»',
    ];
    for (const sample of samples) expect([sample, bundled(sample)]).toEqual([sample, stringWidth(sample)]);
    expect(bundled('日本', { ambiguousIsNarrow: false })).toBe(stringWidth('日本', { ambiguousIsNarrow: false }));
  });
});
