import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';

/** Pages written for these tests: a free article, three kinds of teaser, a consent wall. */
const lines = (topic: string, count: number) =>
  Array.from(
    { length: count },
    (_, i) =>
      `<p>The ${topic} plan, part ${i + 1}, was debated at length by the council, the unions and the residents of the district.</p>`,
  ).join('');
const page = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The port plan</title>${head}</head><body><h1>The port plan</h1>${body}</body></html>`;

const PAGES: Record<string, string> = {
  '/free': page('', `<article>${lines('port', 8)}</article><div class="cookie-banner">We use cookies. <button>Accept</button></div>`),
  '/ld-teaser': page(
    `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"The port plan","isAccessibleForFree":false,"hasPart":{"@type":"WebPageElement","isAccessibleForFree":false,"cssSelector":".paid"}}</script>`,
    `<article>${lines('port', 2)}</article>`,
  ),
  '/paywall-box': page(
    '',
    `<article>${lines('port', 2)}<div class="piano-paywall"><p>This article is for subscribers only. Already a subscriber? Log in.</p><a href="/subscribe">Subscribe for 1 € a month</a></div></article>`,
  ),
  '/cut-text': page(
    '',
    `<article>${lines('port', 3)}<p>Il vous reste 80 % de cet article à lire. La suite est réservée aux abonnés.</p></article>`,
  ),
  '/consent': page(
    '',
    `<div id="didomi-host"><div class="didomi-popup"><p>We and our 842 partners store and access information on your device, such as cookies, for personalised ads and content.</p><button>Accept all</button><button>Refuse</button></div></div>`,
  ),
};

describe('Article.access from the markup', () => {
  const access = (path: string) => extractArticle(PAGES[path]!, `https://news.example${path}`).access;

  it('a free article is full, even with a cookie banner beside its text', () => {
    expect(access('/free')).toBe('full');
  });

  it('JSON-LD isAccessibleForFree: false, a paywall container asking to subscribe, a text closed by a subscribe prompt: teaser', () => {
    expect(access('/ld-teaser')).toBe('teaser');
    expect(access('/paywall-box')).toBe('teaser');
    expect(access('/cut-text')).toBe('teaser');
  });

  it('a consent manager’s wall with no article text: consent, and its form is not read as the article', () => {
    const article = extractArticle(PAGES['/consent']!, 'https://news.example/consent');
    expect(article.access).toBe('consent');
    expect(article.blocks).toEqual([]);
  });
});

describe('access on the command line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((request, response) => {
      const html = PAGES[request.url ?? ''];
      if (!html) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
  });
  afterAll(() => server.close());
  const read = (url: string, json = false) =>
    runCli(['read', url, ...(json ? ['--json'] : []), '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-access-'))]);

  it('read says "subscribers only: this is the teaser" on stderr, and prints the teaser', async () => {
    const { code, stdout, stderr } = await read(`${server.origin}/paywall-box`);
    expect(code).toBe(0);
    expect(stderr).toBe('(subscribers only: this is the teaser)\n');
    expect(stdout).toContain('was debated at length');
    const json = await read(`${server.origin}/paywall-box`, true);
    expect(JSON.parse(json.stdout).access).toBe('teaser');
  });

  it('read of a free article says nothing of access', async () => {
    const { code, stderr } = await read(`${server.origin}/free`);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });

  it('a consent wall is said as one, not as "No article text was found"', async () => {
    const { code, stderr } = await read(`${server.origin}/consent`);
    expect(code).toBe(4);
    expect(stderr).toContain('shows a cookie-consent wall instead of its article');
    expect(stderr).not.toContain('No article text was found');
  });
});
