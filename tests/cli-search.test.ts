import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/app/session.js';
import type { Article } from '../src/extract/types.js';
import { runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';

/** `kiosque search WORDS [--json]` and the story group `headlines --json` gains, on feeds served from 127.0.0.1. */

let server: TestServer;
const date = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toUTCString();
beforeAll(async () => {
  server = await startServer((request, response) => {
    const items =
      request.url === '/a.xml'
        ? [
            ['Pologne : des élections anticipées', '/pologne', 1],
            ['Numéro spécial sur la marée', '/maree', 2],
          ]
        : [
            ['Poland calls early elections', '/pologne?utm_source=b', 1.5],
            ['Harbour news', '/harbour', 3],
          ];
    response
      .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>${request.url === '/a.xml' ? 'Source A' : 'Source B'}</title>${items
          .map(
            ([title, link, hoursAgo]) =>
              `<item><title>${title}</title><link>${server.origin}${link}</link><pubDate>${date(hoursAgo as number)}</pubDate></item>`,
          )
          .join('')}</channel></rss>`,
      );
  });
});
afterAll(() => server.close());

describe('headlines --json and search', () => {
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-search-cache-'));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-search-data-'));

  it('headlines --json gives each headline its story: one story for the article both sources list', async () => {
    const { code, stdout } = await runCli([
      'headlines',
      `${server.origin}/a.xml`,
      `${server.origin}/b.xml`,
      '--json',
      '--cache-dir',
      cacheDir,
    ]);
    expect(code).toBe(0);
    const headlines = JSON.parse(stdout) as Array<{
      title: string;
      source: string;
      group: { id: string; lead: boolean; sources: string[]; size: number };
    }>;
    expect(headlines).toHaveLength(4);
    const pologne = headlines.filter((headline) => /Pologne|Poland/.test(headline.title));
    expect(pologne.map((headline) => headline.group.id)).toEqual([pologne[0]!.group.id, pologne[0]!.group.id]);
    expect(pologne.map((headline) => headline.group.lead)).toEqual([true, false]);
    expect(pologne[0]!.group).toMatchObject({ sources: ['Source A', 'Source B'], size: 2 });
    expect(headlines.find((headline) => headline.title === 'Harbour news')!.group).toMatchObject({ lead: true, size: 1 });
  });

  it('search finds kept headlines and saved articles by their text, accents and case aside, without the network', async () => {
    const session = await createSession({ cacheDir, dataDir });
    const url = `${server.origin}/saved-article`;
    const article: Article = {
      url,
      canonicalUrl: null,
      access: 'full',
      title: 'Un article gardé',
      byline: null,
      published: null,
      section: null,
      siteName: 'Source A',
      lang: 'fr',
      description: null,
      blocks: [{ type: 'paragraph', text: 'Le phare du port sera repeint en rouge et blanc.' }],
      related: [],
      previous: null,
      next: null,
      pagination: { previous: null, next: null },
      wordCount: 9,
    };
    session.readingState().apply([{ kind: 'save', article: { url, title: article.title, source: 'Source A' }, saved: true }]);
    session.savedCopies.keep(url, article);
    await session.close();
    process.env['KIOSQUE_DATA_DIR'] = dataDir;
    try {
      const sources = ['--cache-dir', cacheDir, '--offline'];
      // The headlines are read from the cache (--sources is the feeds to look in).
      const file = path.join(dataDir, 'sources.txt');
      writeFileSync(file, `${server.origin}/a.xml\n${server.origin}/b.xml\n`);
      const found = await runCli(['search', 'NUMERO', 'maree', '--json', '--sources', file, ...sources]);
      expect(found.code).toBe(0);
      expect(JSON.parse(found.stdout)).toEqual({
        headlines: [expect.objectContaining({ title: 'Numéro spécial sur la marée', source: 'Source A' })],
        saved: [],
      });
      const inSaved = await runCli(['search', 'PHARE', 'rouge', '--sources', file, ...sources]);
      expect(inSaved.code).toBe(0);
      expect(inSaved.stdout).toMatch(/^Saved articles \(1\):\n★ Un article gardé\n {2}Source A · saved \d{4}-\d\d-\d\d\n {2}http/);
      const nothing = await runCli(['search', 'introuvable', '--sources', file, ...sources]);
      expect(nothing.stdout).toBe('Nothing kept matches "introuvable".\n');
      expect((await runCli(['search'])).code).toBe(2);
    } finally {
      delete process.env['KIOSQUE_DATA_DIR'];
    }
  });
});
