import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';
import { decodeBody } from '../src/net/charset.js';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';

let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
});
afterAll(() => demo.close());

async function page(path: string) {
  const url = demo.origin + path;
  const response = await fetch(url);
  return extractArticle(await response.text(), url);
}

describe('extractArticle on tagDiv "Newspaper" markup', () => {
  it('gives the body only, with "Lire aussi" links in place and the neighbours', async () => {
    const article = await page('/gazette/greve-des-bus-lundi/');
    expect(article.title).toBe('Grève des bus lundi : le trafic fortement perturbé');
    expect(article.byline).toBe('Claire Morvan');
    expect(article.section).toBe('Société');
    const text = article.blocks.map((b) => ('text' in b ? b.text : b.type === 'list' ? b.items.join(' ') : '')).join('\n');
    expect(text).not.toMatch(/Publicité|Facebook|Journaliste à la rédaction|tous droits/);
    const related = article.blocks.filter((b) => b.type === 'related');
    expect(related).toHaveLength(2);
    expect(related[0]).toMatchObject({ index: 0 });
    expect(article.related[0]).toMatchObject({ label: 'Lire aussi :', url: `${demo.origin}/gazette/le-port-agrandit-son-quai-nord/` });
    expect(article.previous).toEqual({
      title: 'La bibliothèque municipale ouvrira désormais le dimanche',
      url: `${demo.origin}/gazette/la-bibliotheque-ouvre-le-dimanche/`,
    });
    expect(article.next?.url).toBe(`${demo.origin}/gazette/un-festival-de-jazz-sur-les-docks/`);
  });
});

describe('extractArticle on WordPress core markup', () => {
  it('reads byline, section, "Read also:" and the post navigation', async () => {
    const article = await page('/harbour/storm-closes-coastal-path/');
    expect(article).toMatchObject({ title: 'Storm damage closes part of the coastal path', byline: 'Owen Hart', section: 'Weather' });
    expect(article.related[0]?.label).toBe('Read also:');
    expect(article.previous?.title).toBe('Library launches late-night opening for students');
    expect(article.next?.title).toBe('Tech start-up moves into the old grain warehouse');
    expect(article.blocks.find((b) => b.type === 'paragraph')).toMatchObject({ text: expect.stringContaining('two-mile stretch') });
  });

  it('keeps pagination apart from the next article', () => {
    const html = `<html><head><title>Post</title><link rel="next" href="/post/2/"><link rel="next" title="Another post" href="/another/"></head>
      <body><article><h1>Post title here</h1><div class="entry-content"><p>${'Words of the first page, with commas, many of them. '.repeat(6)}</p></div></article></body></html>`;
    const article = extractArticle(html, 'http://s/post/');
    expect(article.next).toEqual({ title: 'Another post', url: 'http://s/another/' });
    expect(article.pagination).toEqual({ previous: null, next: 'http://s/post/2/' });
  });
});

describe('extractArticle on a windows-1252 page', () => {
  it('decodes ’ € œ and drops javascript: and mailto: links', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Carnet &raquo; Le cœur du marché</title></head><body>
      <div class="post"><h2>Le cœur du marché</h2><div class="entry"><p>Le vin chaud coûte 3,50 € ; c’est l’œuvre des bénévoles, dit-on, et voilà tout… vraiment, depuis des années.</p>
      <p>Voir aussi : <a href="javascript:alert(1)">Un lien piégé qui ne mène nulle part</a></p><p>Lire aussi : <a href="/carnet/autre/">Un autre article du carnet</a></p></div></div></body></html>`;
    const { text } = await decodeBody(iconv.encode(html, 'windows-1252'));
    const article = extractArticle(text, 'http://s/carnet/coeur/');
    expect(article.title).toBe('Le cœur du marché');
    expect(article.blocks[0]).toMatchObject({ type: 'paragraph', text: expect.stringContaining('3,50 € ; c’est l’œuvre') });
    expect(article.related.map((r) => r.url)).toEqual(['http://s/carnet/autre/']);
  });
});

describe('a page without a title', () => {
  it('takes its heading for the title, never the text of the whole page', () => {
    const paragraph = '<p>L’été coûte 5 € pour un œuf, disait-on au marché ce matin-là, et chacun le répétait.</p>';
    const article = extractArticle(`<html><body><article><h1>Café</h1>${paragraph.repeat(4)}</article></body></html>`, 'http://s/cafe/');
    expect(article.title).toBe('Café');
    expect(extractArticle(`<html><body><article>${paragraph.repeat(4)}</article></body></html>`, 'http://s/sans-titre/').title).toBe('');
  });
});

describe('related-link labels', () => {
  it.each([
    ['Lire aussi :'],
    ['À lire aussi :'],
    ['Lire également :'],
    ['Read also:'],
    ['Related:'],
    ['Lesen Sie auch:'],
    ['Lea también:'],
    ['Leggi anche:'],
    ['Leia também:'],
    ['Citește și:'],
  ])('recognises "%s" and leaves a related block in place', (label) => {
    const body = 'A paragraph of the article, long enough to be text, with commas, and more words here. ';
    const html = `<article><h1>Title of the article</h1><p>${body.repeat(3)}</p><p><strong>${label}</strong> <a href="/other/">The other article title</a></p><p>${body.repeat(2)}</p></article>`;
    const article = extractArticle(html, 'http://s/a/');
    expect(article.blocks.map((b) => b.type)).toEqual(['paragraph', 'related', 'paragraph']);
    expect(article.related[0]).toEqual({ title: 'The other article title', url: 'http://s/other/', label });
  });

  it('does not take a sentence that merely contains "lire aussi" for a link', () => {
    const html = `<article><h1>Title of the article</h1><p>On peut lire aussi, dans le projet de texte, que les contrevenants paieront, dit-on, des amendes.</p></article>`;
    expect(extractArticle(html, 'http://s/a/').related).toEqual([]);
  });
});

describe('untrusted text', () => {
  it('lets no escape sequence or control character through', () => {
    const html = `<article><h1>Evil \u001b[2J title\u202e</h1><p>Text \u001b]8;;http://x\u0007link\u001b]8;;\u0007 and \u009b31m, with enough words, commas, and length to count.</p></article>`;
    const json = JSON.stringify(extractArticle(html, 'http://s/a/'));
    expect(json).not.toMatch(/\\u001b|\\u009b|\\u202e|\u001b|\u009b|\u202e|\u0007/);
  });
});

describe('the article body and its siblings', () => {
  // A common shape: the story and a sponsored block side by side in one wrapper, neither with a class or id.
  // Readability gives a sibling the "same class as the body" bonus only when there is a class to share.
  it('leaves out a class-less sibling block of a class-less body (a sponsored teaser beside the story)', () => {
    const paragraph = (n: number) =>
      `<p>Paragraph ${n} of the story, long enough to count, with commas, clauses, and the details a reader came for, told at length.</p>`;
    const html = `<html><head><title>The story</title></head><body><div>
      <div>${[1, 2, 3, 4, 5, 6].map(paragraph).join('')}</div>
      <div><p>Sponsored content: buy the amazing gadget today, while stocks last.</p></div>
    </div></body></html>`;
    const article = extractArticle(html, 'https://news.example/story');
    const text = article.blocks.map((block) => ('text' in block ? block.text : '')).join('\n');
    expect(text).toContain('Paragraph 6 of the story');
    expect(text).not.toContain('Sponsored content');
  });
});
