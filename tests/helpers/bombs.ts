import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseWorkerEntry } from '../../src/work/pool.js';
import { startServer, type TestServer } from './server.js';

/**
 * Inputs that blow up a parser (issue #14), served the way a hostile or broken site would:
 * with a long max-age, so the bad copy stays in the cache for every later start.
 */

/**
 * 121 bytes: feedsmith allocated an array of the declared length, a billion elements. kiosque's own
 * reader (feeds/xml-feed.ts) keeps only the fields it shows and reads it as the feed it is.
 */
export const FEED_BOMB = '<rss version="2.0"><channel><title>x</title><item><length>1000000000</length></item></channel></rss>';

/** A feed nested 5,000 deep: refused as too complex (feeds/xml-feed.ts MAX_DEPTH), that one source only. */
export const DEEP_FEED = `<rss version="2.0"><channel><title>Deep</title><item><title>A</title>${'<x>'.repeat(5000)}</item></channel></rss>`;

/** 100,000 unclosed <table><tr><td>: some 2.4 MB that htmlparser2 takes minutes over. */
export const TABLE_BOMB = `<html><head><title>Tables</title></head><body>${'<table><tr><td>Cellule '.repeat(100_000)}</body></html>`;

export const GOOD_ARTICLE = `<!doctype html><html><head><title>Un article</title></head><body><article><h1>Un article</h1>
  <p>Le premier paragraphe de cet article est assez long pour être lu comme un texte, avec des mots et des phrases.</p>
  <p>Le deuxième paragraphe poursuit le récit : le port, le marché, la pluie sur les quais et les bateaux au mouillage.</p>
</article></body></html>`;

export const goodFeed = (origin: string, title: string, items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map(
      (item, i) =>
        `<item><title>${item}</title><link>${origin}/article/${encodeURIComponent(title)}/${i}</link><pubDate>Tue, 24 Nov 2026 0${i}:00:00 GMT</pubDate></item>`,
    )
    .join('')}</channel></rss>`;

const LONG = { 'cache-control': 'max-age=86400' };

/** /good.xml and /other.xml (good feeds), /big.xml (a good feed over 1 MB), /bomb.xml, /deep.xml, /table (the table page), /article/... (a good page). */
export function startBombServer(): Promise<TestServer> {
  let origin = '';
  const server = startServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/good.xml')
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml', ...LONG })
        .end(goodFeed(origin, 'La Gazette', ['Le marché rouvre', 'La pluie revient']));
    if (url === '/other.xml')
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml', ...LONG })
        .end(goodFeed(origin, 'Le Carnet', ['Un carnet de voyage']));
    if (url === '/bomb.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml', ...LONG }).end(FEED_BOMB);
    if (url === '/big.xml')
      // Over 1 MB (work/load.ts IN_PROCESS_FEED): read in a parser process, not on kiosque's own thread.
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml', ...LONG })
        .end(goodFeed(origin, 'Le Long Courrier', ['Une longue liste', ...Array.from({ length: 12_000 }, (_, i) => `Brève ${i}`)]));
    if (url === '/deep.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml', ...LONG }).end(DEEP_FEED);
    if (url === '/table') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...LONG }).end(TABLE_BOMB);
    if (url === '/tables.xml')
      // A feed whose one headline leads to the table page: for the reader.
      return response
        .writeHead(200, { 'content-type': 'application/rss+xml', ...LONG })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Tables</title><item><title>Une page de tables sans fin</title><link>${origin}/table</link></item></channel></rss>`,
        );
    if (url.startsWith('/article/'))
      return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...LONG }).end(GOOD_ARTICLE);
    response.writeHead(404).end();
  });
  return server.then((started) => {
    origin = started.origin;
    return started;
  });
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * Parser processes run the built parser entry (vitest cannot run src/*.ts in another process:
 * see src/work/pool.ts). The tests of the isolation itself need a build newer than src/, for
 * tsc's output (the in-process tests) and for the bundle (the command line's).
 */
export function parserBuild(): { ready: boolean; why: string } {
  const bundle = path.join(ROOT, 'dist', 'bundle', 'parse-worker.js');
  if (!parseWorkerEntry()) return { ready: false, why: 'dist/parse-worker.js is missing or older than src/' };
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest(path.join(ROOT, 'src'))) {
    return { ready: false, why: 'dist/bundle/parse-worker.js is missing or older than src/' };
  }
  return { ready: true, why: '' };
}

export const KIOSQUE_BIN = path.join(ROOT, 'bin', 'kiosque.js');
