import type { ServerResponse } from 'node:http';
import { startServer, type TestServer } from './server.js';

/**
 * A small WordPress-like site of multi-page articles, on a real node:http server on 127.0.0.1:
 * "Le grand dossier des ports" in three pages (wp_link_pages "Pages: 1 2 3", a title-less
 * `<link rel=next>`, the post navigation to the next article on every page), the next article,
 * a category listing and a news listing whose own pagination must never be followed, and
 * articles whose pages fail, loop, never end, or lead to another article. /feed.xml lists the
 * three-page article and the next one; /panne.xml the article whose page 3 fails; /lent.xml the
 * article whose page 3 is held until the test releases it.
 */
export interface MultipageSite {
  server: TestServer;
  origin: string;
  /** The three pages of the article, in order. */
  pages: string[];
  /** The article after it, as its post navigation says. */
  nextArticle: string;
  /** What a reader sees last on page 3. */
  lastSentence: string;
  /** How many requests a path has received. */
  hits(path: string): number;
  /** Lets /2024/05/lent/3/ answer (held until then). */
  releaseSlowPage(): void;
  close(): Promise<void>;
}

export const DOSSIER = '/2024/05/grand-dossier-des-ports/';
export const NEXT_ARTICLE = '/2024/05/marche-du-samedi/';
export const TITLE = 'Le grand dossier des ports';
export const NEXT_TITLE = 'Le marché du samedi revient sur les quais';
export const LAST_SENTENCE = 'Fin du dossier : les quais retrouvent enfin leur calme du soir.';

const TOPICS = ['les grues', 'les dockers', 'les ferries', 'les entrepôts', 'les chalutiers', 'les écluses', 'les phares'];

/** Paragraphs of page `page`: long enough that three pages take several screens. */
function paragraphs(page: number, count = 7): string[] {
  return TOPICS.slice(0, count).map(
    (topic, n) =>
      `Page ${page}, paragraphe ${n + 1} : ${topic} du port racontent une histoire longue, patiente et discrète, que les habitants du quartier connaissent par cœur depuis des générations.`,
  );
}

interface PageOptions {
  title: string;
  /** The `<title>`: WordPress adds "– Page 2" after page 1. */
  headTitle?: string;
  body: string[];
  /** The pager's links: [number, path] with null for the page itself. */
  pager?: Array<[number, string | null]>;
  /** A title-less `<link rel=next>` (Yoast prints one on paginated posts). */
  headNext?: string;
  nextPost?: { path: string; title: string };
  bodyClass?: string;
}

function articlePage({
  title,
  headTitle,
  body,
  pager,
  headNext,
  nextPost,
  bodyClass = 'post-template-default single single-post postid-12',
}: PageOptions) {
  const links = pager
    ? `<div class="page-links">Pages : ${pager
        .map(([number, path]) =>
          path === null
            ? `<span class="post-page-numbers current" aria-current="page">${number}</span>`
            : `<a href="${path}" class="post-page-numbers">${number}</a>`,
        )
        .join(' ')}</div>`
    : '';
  const navigation = nextPost
    ? `<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-next"><a href="${nextPost.path}" rel="next"><span class="meta-nav">Next post</span> <span class="post-title">${nextPost.title}</span></a></div></div></nav>`
    : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${headTitle ?? title} – Le Port</title>
<meta property="og:type" content="article">${headNext ? `<link rel="next" href="${headNext}">` : ''}</head>
<body class="${bodyClass}"><header><nav class="menu"><a href="/">Accueil</a> <a href="/category/ports/">Ports</a></nav></header>
<main><article class="post"><h1 class="entry-title">${title}</h1><div class="entry-content">${body.map((text) => `<p>${text}</p>`).join('\n')}
${links}</div></article>${navigation}</main><footer>© Le Port</footer></body></html>`;
}

/** A list of teasers with its own pagination: never an article's pages. */
function listPage(title: string, teasers: string[], next: string, bodyClass: string) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><meta property="og:type" content="website">
<link rel="next" href="${next}"></head><body class="${bodyClass}"><main><h1>${title}</h1>
${teasers.map((teaser, n) => `<article class="post"><h2><a href="/2024/04/article-${n}/">${teaser}</a></h2><p>${teaser} : le résumé de l’article, en quelques mots choisis, pour donner envie de le lire en entier.</p></article>`).join('\n')}
<nav class="pagination"><a class="next page-numbers" href="${next}">Page suivante</a></nav></main></body></html>`;
}

/** Pages of a generic numbered article under `base` (…/, …/2/, …/3/). */
function numbered(base: string, page: number) {
  return page === 1 ? base : `${base}${page}/`;
}

export async function startMultipageSite(): Promise<MultipageSite> {
  const routes = new Map<string, () => { status: number; body: string }>();
  const ok = (body: string) => () => ({ status: 200, body });

  // The three-page article.
  const dossier = [1, 2, 3].map((page) => numbered(DOSSIER, page));
  dossier.forEach((path, index) => {
    const page = index + 1;
    const body = paragraphs(page);
    if (page === 3) body.push(LAST_SENTENCE);
    routes.set(
      path,
      ok(
        articlePage({
          title: TITLE,
          headTitle: page === 1 ? TITLE : `${TITLE} – Page ${page}`,
          body,
          pager: dossier.map((other, n) => [n + 1, n === index ? null : other]),
          ...(page < 3 ? { headNext: dossier[index + 1]! } : {}),
          nextPost: { path: NEXT_ARTICLE, title: NEXT_TITLE },
        }),
      ),
    );
  });
  routes.set(
    NEXT_ARTICLE,
    ok(articlePage({ title: NEXT_TITLE, body: paragraphs(1, 3).map((text) => text.replace('Page 1', 'Le marché')) })),
  );

  // Listings whose pagination is a list's: /page/2/ of a category, ?page=2 of a news page.
  const teasers = ['Les grues du port', 'Le ferry de nuit', 'Les écluses rénovées', 'La criée du matin', 'Le phare repeint'];
  routes.set('/category/ports/', ok(listPage('Ports', teasers, '/category/ports/page/2/', 'archive category category-ports')));
  routes.set('/category/ports/page/2/', ok(listPage('Ports – Page 2', teasers, '/category/ports/page/3/', 'archive category paged')));
  routes.set('/actualites/', ok(listPage('Actualités', teasers, '/actualites/?page=2', '')));

  // An article whose page 3 fails; one whose last page leads back to page 2; one that never ends;
  // one whose "page 2" is another article.
  const generic = (base: string, page: number, options: { last?: number; next?: string; title?: string } = {}) => {
    const last = options.last ?? Infinity;
    const next = options.next ?? (page < last ? numbered(base, page + 1) : undefined);
    return articlePage({
      title: options.title ?? `Article ${base}`,
      body: paragraphs(page, 3),
      ...(next ? { headNext: next } : {}),
    });
  };
  routes.set('/2024/05/panne/', ok(generic('/2024/05/panne/', 1, { last: 3 })));
  routes.set('/2024/05/panne/2/', ok(generic('/2024/05/panne/', 2, { last: 3 })));
  routes.set('/2024/05/panne/3/', () => ({ status: 404, body: '<h1>Not found</h1>' }));
  routes.set('/2024/05/boucle/', ok(generic('/2024/05/boucle/', 1)));
  routes.set('/2024/05/boucle/2/', ok(generic('/2024/05/boucle/', 2)));
  routes.set('/2024/05/boucle/3/', ok(generic('/2024/05/boucle/', 3, { next: '/2024/05/boucle/2/' })));
  routes.set('/2024/05/piege/', ok(generic('/2024/05/piege/', 1)));
  routes.set('/2024/05/piege/2/', ok(generic('/2024/05/piege/', 2, { title: 'Une tout autre histoire de tramway' })));

  // An article whose page 3 is answered only when the test says so: what the reader shows meanwhile.
  routes.set('/2024/05/lent/', ok(generic('/2024/05/lent/', 1, { last: 3 })));
  routes.set('/2024/05/lent/2/', ok(generic('/2024/05/lent/', 2, { last: 3 })));
  routes.set('/2024/05/lent/3/', ok(generic('/2024/05/lent/', 3, { last: 3 })));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));

  const server = await startServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname + (new URL(request.url ?? '/', 'http://x').search || '');
    if (path === '/2024/05/lent/3/') void released.then(() => answer(path, response));
    else answer(path, response);
  });
  function answer(path: string, response: ServerResponse) {
    const endless = /^\/2024\/05\/sans-fin\/(?:(\d+)\/)?$/.exec(path);
    const route = endless
      ? ok(generic('/2024/05/sans-fin/', Number(endless[1] ?? 1)))
      : path === '/feed.xml'
        ? () => ({ status: 200, body: feed(server.origin) })
        : path === '/panne.xml'
          ? () => ({ status: 200, body: feed(server.origin, [['Article /2024/05/panne/', '/2024/05/panne/']]) })
          : path === '/lent.xml'
            ? () => ({ status: 200, body: feed(server.origin, [['Article /2024/05/lent/', '/2024/05/lent/']]) })
            : routes.get(path);
    const found = route?.() ?? { status: 404, body: '<h1>Not found</h1>' };
    response
      .writeHead(found.status, {
        'content-type': path.endsWith('.xml') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8',
        // Kept an hour: reading again (offline or not) is read from the cache.
        'cache-control': 'max-age=3600',
      })
      .end(found.body);
  }
  return {
    server,
    origin: server.origin,
    pages: dossier.map((path) => server.origin + path),
    nextArticle: server.origin + NEXT_ARTICLE,
    lastSentence: LAST_SENTENCE,
    hits: (path) => server.hits.get(path) ?? 0,
    releaseSlowPage: () => release(),
    close: () => server.close(),
  };
}

/** The feed: the three-page article first (newest), the next article after it; or the items given. */
function feed(
  origin: string,
  items: Array<[string, string]> = [
    [TITLE, DOSSIER],
    [NEXT_TITLE, NEXT_ARTICLE],
  ],
) {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Le Port</title><link>${origin}/</link>
${items.map(([title, path], n) => `<item><title>${title}</title><link>${origin}${path}</link><pubDate>${new Date(Date.UTC(2024, 4, 14 - n, 10)).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`;
}
