import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

/**
 * Related links ("further reading") as pages present them, on pages written for these tests:
 * each reproduces one markup pattern seen on real sites (a labelled box of cards, a label line
 * followed by one-link paragraphs, callouts in asides and blockquotes, labels in other
 * languages), or one box that looks related and is not (latest posts, most read, topic lists,
 * author boxes, sponsored links, empty widgets).
 */

const PAGE_URL = 'https://news.example/2024/03/12/harbour-works-begin-on-the-north-quay/';

const PROSE = [
  'The works on the north quay began on Monday morning, with cranes, barges and divers at work before dawn.',
  'The harbour master said the old stones would be kept, numbered, and set back once the new piles are driven.',
  'Fishermen, who lose their moorings for the summer, will use the south basin, where space has been cleared.',
  'The council expects the quay to reopen in October, if the weather holds and the budget, already stretched, allows.',
].map((text) => `<p>${text}</p>`);

function page(inside: string, after = '', sidebar = ''): string {
  return `<!doctype html><html><head><title>Harbour works begin on the north quay</title>
    <link rel="canonical" href="${PAGE_URL}"></head><body>
    <header class="site-header"><nav><a href="/">Home</a> <a href="/category/local/">Local</a></nav></header>
    <main><article><h1>Harbour works begin on the north quay</h1>
      <div class="entry-content">${PROSE.slice(0, 2).join('')}${inside}${PROSE.slice(2).join('')}</div>
      ${after}
    </article>
    <aside class="sidebar">${sidebar}</aside></main>
    <footer><a href="/about/">About</a></footer></body></html>`;
}

const related = (html: string) => extractArticle(html, PAGE_URL).related;
const urls = (html: string) => related(html).map((link) => new URL(link.url).pathname);

const card = (slug: string, title: string) =>
  `<li><div class="thumb"><a href="/2024/02/${slug}/"><img src="/img/${slug}.jpg" alt=""></a></div><h4 class="card-title"><a href="/2024/02/${slug}/">${title}</a></h4></li>`;

describe('a labelled box of cards', () => {
  it('gives each card once, titled by its headline, whatever the box is called', () => {
    const box = `<div class="epico-posts"><h3 class="box-title">Artigos relacionados</h3><ul>
      ${card('new-crane-arrives-at-the-port', 'A new crane arrives at the port')}
      ${card('divers-find-an-old-anchor', 'Divers find an old anchor under the quay')}
      ${card('the-south-basin-gets-new-moorings', 'The south basin gets new moorings')}</ul></div>`;
    const links = related(page('', box));
    expect(links.map((link) => link.title)).toEqual([
      'A new crane arrives at the port',
      'Divers find an old anchor under the quay',
      'The south basin gets new moorings',
    ]);
    expect(links[0]?.url).toBe('https://news.example/2024/02/new-crane-arrives-at-the-port/');
  });

  it('reads a box whose label sits alone in a header above the list, and leaves out the "More on X" link beside it', () => {
    const box = `<div class="links-box"><div class="links-box__header"><span>Related</span></div>
      <a class="more" href="/local/harbour/">More on the harbour</a>
      <ul>${card('new-crane-arrives-at-the-port', 'A new crane arrives at the port')}${card('divers-find-an-old-anchor', 'Divers find an old anchor under the quay')}</ul></div>`;
    expect(urls(page('', box))).toEqual(['/2024/02/new-crane-arrives-at-the-port/', '/2024/02/divers-find-an-old-anchor/']);
  });
});

describe('a label line followed by links', () => {
  it('takes the paragraphs that each hold one link, and stops where the prose resumes', () => {
    const inside = `<p><b>Read more:</b></p>
      <p><a href="/2024/01/the-quay-that-sank-a-history-of-the-port/">The quay that sank: a history of the port</a></p>
      <p><a href="/2023/12/council-votes-the-harbour-budget-at-last/">Council votes the harbour budget at last</a></p>
      <p>Meanwhile <a href="/2023/11/a-storm-damaged-the-breakwater-last-winter/">the storm of last winter</a> left its mark on the breakwater, which will be mended too.</p>`;
    expect(urls(page(inside))).toEqual([
      '/2024/01/the-quay-that-sank-a-history-of-the-port/',
      '/2023/12/council-votes-the-harbour-budget-at-last/',
    ]);
  });

  it('takes a plain list under a label heading', () => {
    const inside = `<h3>Related articles:</h3><ul>
      <li><a href="/2024/01/the-quay-that-sank-a-history-of-the-port/">The quay that sank</a></li>
      <li><a href="/2023/12/council-votes-the-harbour-budget-at-last/">Council votes the harbour budget</a></li></ul>`;
    expect(urls(page(inside))).toHaveLength(2);
  });
});

describe('callouts before the furniture is removed', () => {
  it('finds a "Lire aussi" callout inside an aside in the body', () => {
    const inside = `<aside class="inline"><p>Lire aussi : <a href="/2024/03/les-pecheurs-demenagent-au-bassin-sud/">Les pêcheurs déménagent au bassin sud</a></p></aside>`;
    expect(related(page(inside))).toEqual([
      {
        title: 'Les pêcheurs déménagent au bassin sud',
        url: 'https://news.example/2024/03/les-pecheurs-demenagent-au-bassin-sud/',
        label: 'Lire aussi :',
      },
    ]);
  });

  it('reads a callout whose label a template parts with a line break and indentation', () => {
    const inside = `<p>Sur le
        même   sujet : <a href="/2024/03/les-pecheurs-demenagent-au-bassin-sud/">Les pêcheurs déménagent au bassin sud</a></p>`;
    expect(related(page(inside))).toEqual([
      {
        title: 'Les pêcheurs déménagent au bassin sud',
        url: 'https://news.example/2024/03/les-pecheurs-demenagent-au-bassin-sud/',
        label: 'Sur le même sujet :',
      },
    ]);
  });

  it('finds a list of related articles inside a blockquote', () => {
    const after = `<blockquote><div id="related"><h3>Related Articles</h3><ul>
      <li><a href="/2024/01/the-quay-that-sank-a-history-of-the-port/">The quay that sank</a></li>
      <li><a href="/2023/12/council-votes-the-harbour-budget-at-last/">Council votes the harbour budget</a></li></ul></div></blockquote>`;
    expect(urls(page('', after))).toHaveLength(2);
  });

  it('reads a label inside the link ("[Read: T]"), and the bracketed lines in the same style beside it', () => {
    const inside = `<p class="interstitial"><i><a href="/2024/01/the-quay-that-sank-a-history-of-the-port/">[Read: The quay that sank, a history of the port]</a></i></p>
      <p class="interstitial"><i>[<a href="/2023/10/the-lighthouse-keepers-last-winter-at-sea/">The lighthouse keeper’s last winter</a>]</i></p>`;
    const links = related(page(inside));
    expect(links.map((link) => link.title)).toEqual(['The quay that sank, a history of the port', 'The lighthouse keeper’s last winter']);
    expect(links[0]?.label).toBe('Read:');
  });
});

describe('a callout in every wording, in a sidebar (read by the related search alone)', () => {
  it.each([
    'Lire aussi :',
    'À lire aussi :',
    'A voir également',
    'Voir aussi :',
    'Relire aussi :',
    'Découvrir encore :',
    'Sur le même sujet :',
    'Read more:',
    'Also read:',
    'See also:',
    'Related:',
    'More on this story:',
    'Recommended:',
    'Lesen Sie auch:',
    'Auch interessant:',
    'Mehr zum Thema:',
    'Lea también:',
    'Ver también:',
    'Leggi anche:',
    'Vedi anche:',
    'Leia também:',
    'Veja também:',
    'Citește și:',
    'Vezi și:',
    'Související:',
    'Читайте также:',
    'Baca juga:',
    'Lihat juga:',
    'Lies:',
    '[Read:',
    '(See also:',
  ])('reads "%s" followed by a link', (label) => {
    const sidebar = `<div class="widget"><p>${label} <a href="/2024/03/les-pecheurs-demenagent-au-bassin-sud/">Les pêcheurs déménagent au bassin sud</a></p></div>`;
    expect(urls(page('', '', sidebar))).toEqual(['/2024/03/les-pecheurs-demenagent-au-bassin-sud/']);
  });
});

describe('labels in other languages', () => {
  it.each([
    ['es', 'Te puede interesar'],
    ['it', 'Articoli correlati'],
    ['de', 'Weitere Beiträge zum Thema'],
    ['ru', 'Вам также может быть интересно'],
    ['ja', '【関連記事】'],
    ['zh', '您可能會有興趣的文章'],
    ['fr', 'La rédaction vous conseille'],
    ['en', "Editors' Recommendations"],
  ])('recognises a %s box headed "%s"', (_language, label) => {
    const box = `<section class="box"><h2>${label}</h2><ul>
      ${card('new-crane-arrives-at-the-port', 'A new crane arrives at the port')}
      ${card('divers-find-an-old-anchor', 'Divers find an old anchor under the quay')}</ul></section>`;
    expect(urls(page('', box))).toEqual(['/2024/02/new-crane-arrives-at-the-port/', '/2024/02/divers-find-an-old-anchor/']);
  });
});

describe('boxes that look related and are not', () => {
  const list = `<ul>${card('new-crane-arrives-at-the-port', 'A new crane arrives at the port')}${card('divers-find-an-old-anchor', 'Divers find an old anchor under the quay')}</ul>`;

  it.each([['Latest articles'], ['Neueste Artikel'], ['Most read'], ['Les plus lus'], ['More from this author'], ['新着記事']])(
    'rejects a related-posts widget reused for "%s"',
    (heading) => {
      const box = `<div class="related-posts"><h3>${heading}</h3>${list}</div>`;
      expect(related(page('', '', box))).toEqual([]);
    },
  );

  it('rejects a list of topics, whether headed "Related topics" or plain "Related"', () => {
    const tags = ['harbour works', 'north quay repairs', 'council public works', 'fishing fleet news']
      .map((tag) => `<a href="/tag/${tag.replaceAll(' ', '-')}/">${tag}</a>`)
      .join(', ');
    expect(related(page('', `<div class="related-posts"><h4>Related topics</h4><p>${tags}</p></div>`))).toEqual([]);
    expect(related(page('', `<div class="related-posts"><h4>Related</h4><p>${tags}</p></div>`))).toEqual([]);
    expect(related(page('', `<p class="entry-tags"><strong>Read more:</strong> ${tags}</p>`))).toEqual([]);
  });

  it('rejects an author box and its links', () => {
    const box = `<section class="related author-box"><h4>About Jane Doe</h4><p>Jane covers the port.</p>
      <a href="/author/jane-doe/">All posts by Jane Doe</a> <a href="https://twitter.com/janedoe">Jane Doe on Twitter</a></section>`;
    expect(related(page('', box))).toEqual([]);
  });

  it('rejects an empty widget that JavaScript would fill, and a sponsored box of other sites', () => {
    const empty = `<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3></div>`;
    const sponsored = `<div class="related-articles"><h3>You might also like</h3><ul>
      <li><a href="https://ads.example.net/click?id=1">Doctors hate this one weird trick to lose weight</a></li>
      <li><a href="https://shop.example.org/deals/summer-sale-on-garden-furniture-now">Summer sale on garden furniture, now</a></li></ul></div>`;
    expect(related(page('', empty + sponsored))).toEqual([]);
  });
});
