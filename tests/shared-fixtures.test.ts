import { existsSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';

const SITE = path.resolve(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'site-fr');
const present = existsSync(path.join(SITE, 'expected.json'));
if (!present) console.warn(`[skipped] ../shared/fixtures/site-fr is not present: the shared fixture-site tests are skipped.`);

interface ExpectedArticle {
  url: string;
  title: string;
  byline: string;
  date: string;
  section: string;
  related: Array<{ label: string; url: string; title: string }>;
  related_box: Array<{ url: string; title: string }>;
  prev: { url: string; title: string } | null;
  next: { url: string; title: string } | null;
  first_sentence: string;
  last_sentence: string;
  /** A page of a multi-page post (its README): which page, of how many, and its neighbouring pages. */
  article_pages?: { page: number; of: number; prev_page: string | null; next_page: string | null };
}

let server: Server;
let origin = '';

/** A plain static server, like the one the fixture's README suggests: no charset in the header. */
beforeAll(async () => {
  if (!present) return;
  server = createServer((request, response) => {
    let file = path.join(SITE, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    if (file.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(SITE) || !existsSync(file)) return response.writeHead(404).end('not found');
    const type = file.endsWith('.xml') ? 'application/rss+xml' : 'text/html';
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function runJson(args: string[]): Promise<unknown> {
  let out = '';
  let err = '';
  const code = await main([...args, '--json', '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-shared-'))], {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    columns: 100,
  });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

const expected = present
  ? (JSON.parse(readFileSync(path.join(SITE, 'expected.json'), 'utf8')) as {
      articles: ExpectedArticle[];
      feeds: Array<{ url: string; items: Array<{ title: string; link: string }> }>;
    })
  : { articles: [], feeds: [] };

describe.skipIf(!present)('the shared French fixture site (../shared/fixtures/site-fr)', () => {
  it.each(expected.articles.map((article) => [article.url, article] as const))(
    'kiosque read %s --json matches expected.json',
    async (url, want) => {
      const article = (await runJson(['read', origin + url])) as {
        title: string;
        byline: string;
        published: string;
        section: string;
        related: Array<{ label?: string; url: string; title: string }>;
        previous: { url: string; title: string } | null;
        next: { url: string; title: string } | null;
        blocks: Array<{ type: string; text?: string; number?: number; of?: number; url?: string }>;
        pagination: { previous: string | null; next: string | null };
        pages: string[];
      };
      const local = (link: { url: string; title: string } | null) =>
        link ? { url: link.url.replace(origin, ''), title: link.title } : null;
      expect(article.title).toBe(want.title);
      expect(article.byline).toBe(want.byline);
      expect(article.published).toBe(want.date);
      expect(article.section).toBe(want.section);
      expect(article.related.slice(0, want.related.length).map((r) => ({ label: r.label, ...local(r) }))).toEqual(want.related);
      for (const box of want.related_box) expect(article.related.map((r) => r.url.replace(origin, ''))).toContain(box.url);
      expect(local(article.previous)).toEqual(want.prev);
      expect(local(article.next)).toEqual(want.next);
      // expected.json describes each page of a multi-page post: the page's own text is what comes before the next page's block.
      const nextPage = article.blocks.findIndex((b) => b.type === 'page');
      const ownPage = nextPage < 0 ? article.blocks : article.blocks.slice(0, nextPage);
      const paragraphs = ownPage.filter((b) => b.type === 'paragraph').map((b) => b.text ?? '');
      expect(paragraphs[0]?.startsWith(want.first_sentence)).toBe(true);
      expect(paragraphs.at(-1)?.endsWith(want.last_sentence)).toBe(true);
      // Read whole from the page on: the following pages joined, each after its "page n of N" block.
      const pages = want.article_pages;
      const address = (local: string | null | undefined) => (local ? origin + local : null);
      expect(article.pagination).toEqual({ previous: address(pages?.prev_page), next: address(pages?.next_page) });
      expect(article.pages).toHaveLength(pages ? pages.of - pages.page + 1 : 1);
      expect(article.pages[0]).toBe(origin + url);
      if (pages?.next_page) {
        expect(article.pages[1]).toBe(origin + pages.next_page);
        expect(article.blocks[nextPage]).toMatchObject({
          type: 'page',
          number: pages.page + 1,
          of: pages.of,
          url: origin + pages.next_page,
        });
      }
    },
  );

  it('kiosque headlines --json --sources FILE lists the site feed', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-sources-')), 'sources.txt');
    writeFileSync(file, `${origin}/feed.xml\n`);
    const headlines = (await runJson(['headlines', '--sources', file])) as Array<{ title: string; url: string }>;
    const feed = expected.feeds.find((f) => f.url === '/feed.xml')!;
    expect(headlines.map((h) => ({ title: h.title, link: h.url.replace(origin, '') }))).toEqual(
      feed.items.map((i) => ({ title: i.title, link: i.link })),
    );
  });
});
