import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SITES } from './content.js';
import { atomFeed, carnetPage, type DatedArticle, gazettePage, harbourPage, jsonFeed, notesPage, rssFeed, siteIndex } from './templates.js';

export interface DemoServer {
  origin: string;
  /** The newsstand's sources: an RSS feed, a site with an Atom feed to discover, a site with no feed, a JSON Feed. */
  sources: string[];
  close: () => Promise<void>;
}

interface Route {
  body: string;
  type: string;
}

const PAGE_RENDERERS = { gazette: gazettePage, harbour: harbourPage, carnet: carnetPage, notes: notesPage } as const;

/** Dates run back from now, so the demo always looks like this morning's paper. */
function buildRoutes(origin: string, now: number): Map<string, Route> {
  const routes = new Map<string, Route>();
  SITES.forEach((site, siteIndexNumber) => {
    const count = site.articles.length;
    const dated: DatedArticle[] = site.articles.map((article, index) => ({
      ...article,
      site,
      path: `/${site.id}/${article.slug}/`,
      published: new Date(now - ((count - index) * 3 + siteIndexNumber) * 3_600_000 - siteIndexNumber * 1_500_000),
    }));
    const html = 'text/html; charset=utf-8';
    for (const article of dated) routes.set(article.path, { body: PAGE_RENDERERS[site.id](article, dated), type: html });
    switch (site.id) {
      case 'gazette':
        routes.set('/gazette/feed.xml', { body: rssFeed(site, dated, origin), type: 'application/rss+xml; charset=utf-8' });
        routes.set('/gazette/', { body: siteIndex(site, dated), type: html });
        break;
      case 'harbour':
        routes.set('/harbour/atom.xml', { body: atomFeed(site, dated, origin), type: 'application/atom+xml; charset=utf-8' });
        routes.set('/harbour/', {
          body: siteIndex(
            site,
            dated,
            '<link rel="alternate" type="application/atom+xml" title="The Harbour Times" href="/harbour/atom.xml">',
          ),
          type: html,
        });
        break;
      case 'carnet':
        routes.set('/carnet/', { body: siteIndex(site, dated), type: html });
        break;
      case 'notes':
        routes.set('/notes/feed.json', { body: jsonFeed(site, dated, origin), type: 'application/feed+json; charset=utf-8' });
        routes.set('/notes/', { body: siteIndex(site, dated), type: html });
        break;
    }
  });
  return routes;
}

/** Starts the demo newsstand on a free port of 127.0.0.1, inside this process. */
export async function startDemoServer(): Promise<DemoServer> {
  let routes = new Map<string, Route>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://demo').pathname;
    const route = routes.get(path) ?? routes.get(path.endsWith('/') ? path : `${path}/`);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Not found</h1>');
      return;
    }
    const etag = `"${createHash('sha1').update(route.body).digest('hex').slice(0, 16)}"`;
    const headers = { 'content-type': route.type, etag, 'cache-control': 'max-age=300' };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, headers).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes = buildRoutes(origin, Date.now());
  return {
    origin,
    sources: [`${origin}/gazette/feed.xml`, `${origin}/harbour/`, `${origin}/carnet/`, `${origin}/notes/feed.json`],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
