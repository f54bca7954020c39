import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { joinPages } from '../src/app/join-pages.js';
import { layoutArticle } from '../src/app/article-layout.js';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { extractArticle } from '../src/index.js';
import type { Article } from '../src/extract/types.js';
import { runCli } from './helpers/cli.js';
import { LAST_SENTENCE, NEXT_TITLE, startMultipageSite, type MultipageSite } from './helpers/multipage-site.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));
const words = (n: number, what: string) => `<p>${`${what} `.repeat(n).trim()}, with commas, as a real paragraph has them.</p>`;

/** A page of an article with the given head and body furniture around a few paragraphs of text. */
function page(url: string, { head = '', after = '', bodyClass = 'single' }: { head?: string; after?: string; bodyClass?: string }) {
  const html = `<html><head><title>Un article en plusieurs pages</title>${head}</head><body class="${bodyClass}"><article><h1>Un article en plusieurs pages</h1>
    <div class="entry-content">${words(40, 'Texte de la page')}${words(40, 'Suite du texte')}</div>${after}</article></body></html>`;
  return extractArticle(html, url);
}

describe('the pages of an article, told from the next article and from a list’s pages', () => {
  it('wp_link_pages "Pages: 1 2 3": page 2 from page 1; pages 1 and 3 from page 2', () => {
    const pager = (current: number) =>
      `<div class="page-links">Pages: ${[1, 2, 3]
        .map((n) => (n === current ? `<span class="current">${n}</span>` : `<a href="/2024/05/dossier/${n === 1 ? '' : `${n}/`}">${n}</a>`))
        .join(' ')}</div>`;
    expect(page('http://s/2024/05/dossier/', { after: pager(1) }).pagination).toEqual({
      previous: null,
      next: 'http://s/2024/05/dossier/2/',
    });
    expect(page('http://s/2024/05/dossier/2/', { after: pager(2) }).pagination).toEqual({
      previous: 'http://s/2024/05/dossier/',
      next: 'http://s/2024/05/dossier/3/',
    });
  });

  it('page 2 written as an absolute address, with a login part or a port, is still this site’s page 2', () => {
    const pager = (href: string) => `<div class="page-links">Pages: <span class="current">1</span> <a href="${href}">2</a></div>`;
    for (const href of ['http://reader:secret@s.example/2024/05/dossier/2/', 'http://s.example:80/2024/05/dossier/2/']) {
      expect(page('http://s.example/2024/05/dossier/', { after: pager(href) }).pagination.next).toBe('http://s.example/2024/05/dossier/2/');
    }
  });

  it('-p2.html, /seite-2 and ?page=2, by a label, a page number or a title-less <link rel=next>', () => {
    expect(page('http://s/news/dossier.html', { after: '<p><a href="dossier-p2.html">Page suivante »</a></p>' }).pagination.next).toBe(
      'http://s/news/dossier-p2.html',
    );
    expect(
      page('http://s/artikel/hafen', { after: '<nav class="pager"><a href="/artikel/hafen/seite-2">Nächste Seite</a></nav>' }).pagination
        .next,
    ).toBe('http://s/artikel/hafen/seite-2');
    expect(
      page('http://s/ideas/the-harbour-story', { head: '<link rel="next" href="/ideas/the-harbour-story?page=2">' }).pagination.next,
    ).toBe('http://s/ideas/the-harbour-story?page=2');
    // A feed's tracking parameters do not make page 1 another article.
    expect(
      page('http://s/ideas/the-harbour-story?utm_source=feed', {
        after: '<ul><li class="next"><a href="/ideas/the-harbour-story?page=2">Next Page</a></li></ul>',
      }).pagination.next,
    ).toBe('http://s/ideas/the-harbour-story?page=2');
  });

  it('page 2 is never the next article, even when the theme marks it rel=next', () => {
    const article = page('http://s/2024/05/dossier/', {
      after:
        '<div class="page-links"><a href="/2024/05/dossier/2/" rel="next">Next</a></div>' +
        '<nav class="post-navigation"><a href="/2024/05/autre-article/" rel="next">Next post: Un autre article du site</a></nav>',
    });
    expect(article.pagination.next).toBe('http://s/2024/05/dossier/2/');
    expect(article.next?.url).toBe('http://s/2024/05/autre-article/');
  });

  it('a title-less <link rel=next> to another article (consecutive ids) is no page of this one', () => {
    const article = page('http://s/news/anna-hazare-to-form-trust/304224-37-64.html', {
      head: '<link rel="next" href="http://s/news/bjp-split-wide-open/304226-37-64.html">',
    });
    expect(article.pagination).toEqual({ previous: null, next: null });
  });

  it('comment pages and a list’s pages (/page/2/, ?paged=2, a listing’s ?page=2) are never followed', () => {
    const comments = page('http://s/2024/05/dossier/', {
      after:
        '<div class="comment-navigation"><a href="/2024/05/dossier/comment-page-2/#comments">Older comments</a> <a href="/2024/05/dossier/2/#comments">2</a></div>',
    });
    expect(comments.pagination.next).toBeNull();
    // A post whose comments are open (WordPress's comments-open class) still has its pages.
    const open = page('http://s/2024/05/dossier/', {
      after: '<div class="comments-open"><div class="page-links"><a href="/2024/05/dossier/2/">2</a></div></div>',
    });
    expect(open.pagination.next).toBe('http://s/2024/05/dossier/2/');
    const teaser = (n: number) => `<article><h2><a href="/a-${n}/">Un article ${n}</a></h2><p>${'Résumé. '.repeat(20)}</p></article>`;
    const list = (url: string, next: string, bodyClass: string) =>
      extractArticle(
        `<html><head><title>Ports</title><link rel="next" href="${next}"></head><body class="${bodyClass}"><main>${[1, 2, 3, 4].map(teaser).join('')}
        <nav class="pagination"><a class="next" href="${next}">Next page</a></nav></main></body></html>`,
        url,
      );
    for (const [url, next, bodyClass] of [
      ['http://s/category/ports/', '/category/ports/page/2/', 'archive category'],
      ['http://s/?cat=3', '/?cat=3&paged=2', 'archive'],
      ['http://s/actualites/', '/actualites/?page=2', ''],
    ] as const) {
      const article = list(url, next, bodyClass);
      expect(article.pagination, url).toEqual({ previous: null, next: null });
      expect(article.next, url).toBeNull();
    }
  });
});

describe('joinPages', () => {
  const part = (url: string, text: string, extra: Partial<Article> = {}): Article => ({
    url,
    canonicalUrl: null,
    title: 'Le dossier',
    byline: null,
    published: null,
    section: null,
    siteName: null,
    lang: 'fr',
    description: null,
    blocks: [{ type: 'paragraph', text }],
    related: [],
    previous: null,
    next: null,
    pagination: { previous: null, next: null },
    wordCount: text.split(' ').length,
    access: 'full',
    ...extra,
  });

  it('one article: each page’s text after a "page n of N" block, related links once each with their callouts renumbered', () => {
    const shared = { title: 'Un article voisin', url: 'http://s/voisin/' };
    const joined = joinPages([
      part('http://s/d/', 'un deux', { related: [shared], next: { title: 'Suivant', url: 'http://s/suivant/' } }),
      part('http://s/d/2/', 'trois', {
        related: [{ title: 'Encadré', url: 'http://s/encadre/', label: 'Lire aussi :' }, shared],
        blocks: [
          { type: 'paragraph', text: 'trois' },
          { type: 'related', index: 0, text: 'Lire aussi : Encadré' },
        ],
      }),
    ]);
    expect(joined.pages).toEqual(['http://s/d/', 'http://s/d/2/']);
    expect(joined.blocks).toEqual([
      { type: 'paragraph', text: 'un deux' },
      { type: 'page', number: 2, of: 2, url: 'http://s/d/2/', text: 'page 2 of 2' },
      { type: 'paragraph', text: 'trois' },
      { type: 'related', index: 0, text: 'Lire aussi : Encadré' },
    ]);
    expect(joined.related.map((link) => link.url)).toEqual(['http://s/encadre/', 'http://s/voisin/']);
    expect(joined.next?.url).toBe('http://s/suivant/');
    expect(joined.wordCount).toBe(3);
    const lines = layoutArticle(joined, 60).map((line) => line.text);
    expect(lines).toContain(`──── page 2 of 2 ${'─'.repeat(60 - 'page 2 of 2'.length - 2 - 4)}`);
  });
});

describe('a multi-page article read whole, through the one session', () => {
  let site: MultipageSite;
  beforeAll(async () => {
    site = await startMultipageSite();
  });
  afterAll(() => site.close());

  it('kiosque read: the three pages in one text with quiet page markers, the next article still the next article', async () => {
    const cache = tmp('cache');
    const { code, stdout, stderr } = await runCli(['read', site.pages[0]!, '--cache-dir', cache]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^─+ page 2 of 3 ─+$/m);
    expect(stdout).toMatch(/^─+ page 3 of 3 ─+$/m);
    for (const n of [1, 2, 3]) expect(stdout).toContain(`Page ${n}, paragraphe 1`);
    expect(stdout.indexOf('Page 1, paragraphe 7')).toBeLessThan(stdout.indexOf('page 2 of 3'));
    expect(stdout).toContain(LAST_SENTENCE.slice(0, 40));
    expect(stdout).toMatch(new RegExp(`^Next: ${NEXT_TITLE}\\n  ${site.nextArticle}$`, 'm'));
    expect(stdout).not.toMatch(/Pages : 1/); // the pager itself is furniture

    const json = await runCli(['read', site.pages[0]!, '--json', '--cache-dir', cache]);
    const article = JSON.parse(json.stdout) as Article;
    expect(article.pages).toEqual(site.pages);
    expect(article.missingPage).toBeNull();
    expect(article.blocks.filter((block) => block.type === 'page')).toEqual([
      { type: 'page', number: 2, of: 3, url: site.pages[1], text: 'page 2 of 3' },
      { type: 'page', number: 3, of: 3, url: site.pages[2], text: 'page 3 of 3' },
    ]);
    expect(article.next?.url).toBe(site.nextArticle);
    expect(article.pagination.next).toBe(site.pages[1]);

    // Opened on page 2 (a link to it), the article is read from there on, its pages numbered as the site numbers them.
    const fromTwo = JSON.parse((await runCli(['read', site.pages[1]!, '--json', '--cache-dir', cache])).stdout) as Article;
    expect(fromTwo.pages).toEqual(site.pages.slice(1));
    expect(fromTwo.blocks.filter((block) => block.type === 'page').map((block) => block.text)).toEqual(['page 3 of 3']);
  });

  it('read again offline: every page comes from the cache, no request reaches the site', async () => {
    const cache = tmp('cache');
    await runCli(['read', site.pages[0]!, '--cache-dir', cache]);
    const asked = site.server.requests.length;
    const { code, stdout } = await runCli(['read', site.pages[0]!, '--offline', '--json', '--cache-dir', cache]);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Article).pages).toEqual(site.pages);
    expect(site.server.requests.length).toBe(asked);
  });

  it('a page that fails leaves the pages read so far and says which page is missing', async () => {
    const url = `${site.origin}/2024/05/panne/`;
    const text = await runCli(['read', url, '--cache-dir', tmp('cache')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Page 2, paragraphe 1');
    expect(text.stdout).toContain('Page 3 of this article could not be read, the text stops before it:');
    expect(text.stdout).toMatch(new RegExp(`^Missing page 3:\\n  ${url}3/$`, 'm'));
    expect(text.stderr).toMatch(
      /^kiosque: Page 3 of this article could not be read, the text stops before it: The server answered 404 Not Found for .*\/panne\/3\/\.$/m,
    );
    const json = await runCli(['read', url, '--json', '--cache-dir', tmp('cache')]);
    const article = JSON.parse(json.stdout) as Article;
    expect(article.pages).toEqual([url, `${url}2/`]);
    expect(article.missingPage).toMatchObject({ number: 3, url: `${url}3/` });
    // The text ends where page 3 would have begun, saying why it is not there.
    expect(article.blocks.at(-1)).toMatchObject({
      type: 'page',
      number: 3,
      of: null,
      text: expect.stringMatching(/^Page 3 of this article could not be read/),
    });
    // Not knowing how many pages there are, the marker does not guess.
    expect(article.blocks.find((block) => block.type === 'page')).toEqual({
      type: 'page',
      number: 2,
      of: null,
      url: `${url}2/`,
      text: 'page 2',
    });
  });

  it('loop-safe and bounded: a last page leading back stops there; a pager without end stops at 20 pages; another article is not joined', async () => {
    const read = async (path: string) =>
      JSON.parse((await runCli(['read', site.origin + path, '--json', '--cache-dir', tmp('cache')])).stdout) as Article;
    const loop = await read('/2024/05/boucle/');
    expect(loop.pages).toHaveLength(3);
    expect(loop.missingPage).toBeNull();
    const endless = await read('/2024/05/sans-fin/');
    expect(endless.pages).toHaveLength(20);
    expect(endless.missingPage).toMatchObject({ number: 21, message: 'kiosque joins at most 20 pages of an article.' });
    expect(site.hits('/2024/05/sans-fin/21/')).toBe(0);
    const trap = await read('/2024/05/piege/');
    expect(trap.pages).toEqual([`${site.origin}/2024/05/piege/`]);
    expect(trap.blocks.some((block) => 'text' in block && block.text.includes('tramway'))).toBe(false);
  });

  it('a list page’s pagination is not followed', async () => {
    const before = site.hits('/category/ports/page/2/');
    const { stdout } = await runCli(['read', `${site.origin}/category/ports/`, '--json', '--cache-dir', tmp('cache')]);
    const article = JSON.parse(stdout) as Article;
    expect(article.pages).toEqual([`${site.origin}/category/ports/`]);
    expect(article.pagination).toEqual({ previous: null, next: null });
    expect(article.next).toBeNull();
    expect(site.hits('/category/ports/page/2/')).toBe(before);
    const news = JSON.parse(
      (await runCli(['read', `${site.origin}/actualites/`, '--json', '--cache-dir', tmp('cache')])).stdout,
    ) as Article;
    expect(news.pages).toHaveLength(1);
  });

  it('reading ahead fetches page 1 and page 2 of a neighbour, and the reader reads it whole when it is opened', async () => {
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config') });
    try {
      const services = createReaderServices(session, { entries: [], openInBrowser: () => {} });
      const before = [1, 2, 3].map((n) => site.hits(new URL(site.pages[n - 1]!).pathname));
      services.prefetch([site.pages[0]!], () => true);
      await vi.waitFor(() => expect(site.hits(new URL(site.pages[1]!).pathname)).toBe(before[1]! + 1), { timeout: 15_000, interval: 20 });
      const { article } = await services.readArticle(site.pages[0]!);
      expect(article.pages).toEqual(site.pages);
      const after = [1, 2, 3].map((n) => site.hits(new URL(site.pages[n - 1]!).pathname));
      // Pages 1 and 2 once (read ahead, then from the cache), page 3 when the article was opened.
      expect(after.map((count, n) => count - before[n]!)).toEqual([1, 1, 1]);
    } finally {
      await session.close();
    }
  });

  it('a saved multi-page article is read whole from its copy when a page cannot be read now', async () => {
    const dirs = { dataDir: tmp('data'), configDir: tmp('config') };
    const online = await createSession({ cacheDir: tmp('cache'), ...dirs });
    const { article } = await online.readArticle(site.pages[0]!);
    online.savedCopies.keep(site.pages[0]!, article);
    await online.close();
    // A fresh cache, offline: page 1 cannot be read, the copy has all three pages.
    const offline = await createSession({ cacheDir: tmp('cache'), offline: true, ...dirs });
    const reading = await offline.readArticle(site.pages[0]!);
    await offline.close();
    expect(reading.fromSavedCopy).toBe(true);
    expect(reading.article.pages).toEqual(site.pages);
    expect(JSON.stringify(reading.article.blocks)).toContain(LAST_SENTENCE);
  });
});
