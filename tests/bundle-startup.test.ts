import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';

/**
 * What the bundle does for the first frame's sake (build/esbuild-options.js, build/relative-times.js)
 * changes nothing of what the reader shows: string-width, made lazily, measures as published; the
 * relative times written at build time are Intl's.
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

describe('relative times as bundled (written at build time)', () => {
  it('are what Intl says, for every value the list uses, past and future, in a written locale and another', async () => {
    const root = path.resolve(import.meta.dirname, '..');
    const { relativeTimeTable, relativeTimesDefine } = (await import(
      pathToFileURL(path.join(root, 'build', 'relative-times.js')).href
    )) as {
      relativeTimeTable: () => Record<string, string>;
      relativeTimesDefine: (table?: Record<string, string>) => string;
    };
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-rt-')), 'relative-time.mjs');
    await build({
      entryPoints: [path.join(root, 'src', 'ui', 'relative-time.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile,
      define: { __KIOSQUE_RELATIVE_TIMES__: relativeTimesDefine() },
    });
    const bundled = ((await import(outfile)) as { relativeTime: typeof import('../src/ui/relative-time.js').relativeTime }).relativeTime;
    const { relativeTime } = await import('../src/ui/relative-time.js');
    const now = Date.parse('2026-11-24T12:00:00Z');
    const offsets = [
      0,
      30,
      59,
      60,
      61,
      90,
      3599,
      3600,
      5400,
      86_399,
      86_400,
      6 * 86_400,
      7 * 86_400,
      29 * 86_400,
      30 * 86_400,
      200 * 86_400,
      364 * 86_400,
      365 * 86_400,
      40 * 365 * 86_400,
    ];
    for (const locale of ['en-US', 'fr-FR', 'en-GB', 'ja-JP']) {
      for (const offset of offsets.flatMap((seconds) => [seconds, -seconds])) {
        const iso = new Date(now - offset * 1000).toISOString();
        expect([locale, offset, bundled(iso, now, locale)]).toEqual([locale, offset, relativeTime(iso, now, locale)]);
      }
    }
    // And the table is what is read: a text changed in it shows.
    const table = relativeTimeTable();
    table['en-US'] = JSON.stringify({ ...(JSON.parse(table['en-US']!) as Record<string, string>), 'hour -3': 'three hours back' });
    const doctored = path.join(path.dirname(outfile), 'doctored.mjs');
    await build({
      entryPoints: [path.join(root, 'src', 'ui', 'relative-time.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: doctored,
      define: { __KIOSQUE_RELATIVE_TIMES__: relativeTimesDefine(table) },
    });
    const read = ((await import(doctored)) as { relativeTime: typeof relativeTime }).relativeTime;
    expect(read(new Date(now - 3 * 3600 * 1000).toISOString(), now, 'en-US')).toBe('three hours back');
  });
});

describe('the command as a shell starts it (bin/kiosque.js)', () => {
  it('prints its version and nothing on stderr: the V8 flag it sets is known to this Node', () => {
    const bin = path.resolve(import.meta.dirname, '..', 'bin', 'kiosque.js');
    const home = mkdtempSync(path.join(os.tmpdir(), 'kiosque-version-'));
    const result = spawnSync(process.execPath, [bin, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home, XDG_CACHE_HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home },
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\d+\.\d+\.\d+/);
  });
});
