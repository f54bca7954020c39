import { describe, expect, it } from 'vitest';
import { parseFeed } from '../src/index.js';
import { discoverFeeds, headlinesFromPage } from '../src/feeds/discover.js';
import { parseHtml } from '../src/html/dom.js';

const FEED_URL = 'http://127.0.0.1:9/feed';

describe('parseFeed', () => {
  it('reads RSS 2.0 with dc:creator, CDATA and entities, newest first', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Le Fil</title>
      <item><title>Older</title><link>/old/</link><pubDate>Mon, 15 Nov 2021 08:00:00 +0000</pubDate></item>
      <item><title><![CDATA[L&#8217;UE &amp; la <b>Pologne</b>]]></title><link>/new/</link><dc:creator>Camille</dc:creator><pubDate>Tue, 16 Nov 2021 17:02:16 +0000</pubDate><description><![CDATA[<p>Résumé [&#8230;]</p>]]></description></item>
    </channel></rss>`;
    const feed = parseFeed(xml, FEED_URL);
    expect(feed.title).toBe('Le Fil');
    expect(feed.headlines.map((h) => h.title)).toEqual(['L’UE & la Pologne', 'Older']);
    expect(feed.headlines[0]).toMatchObject({
      url: 'http://127.0.0.1:9/new/',
      author: 'Camille',
      published: '2021-11-16T17:02:16Z',
      summary: 'Résumé […]',
      source: 'Le Fil',
    });
  });

  it('reads Atom with xml:base and an HTML title', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.org/blog/"><title type="html">Notes &lt;i&gt;du port&lt;/i&gt;</title>
      <entry><title>First</title><link href="first/"/><updated>2021-01-01T10:00:00+01:00</updated><author><name>Ann</name></author></entry></feed>`;
    const feed = parseFeed(xml, FEED_URL);
    expect(feed.title).toBe('Notes du port');
    expect(feed.headlines[0]).toMatchObject({
      title: 'First',
      url: 'http://example.org/blog/first/',
      published: '2021-01-01T10:00:00+01:00',
      author: 'Ann',
    });
  });

  it('reads JSON Feed 1.1', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [{ id: '1', url: '/x', title: 'T', date_published: '2021-03-01T00:00:00Z', authors: [{ name: 'Zoé' }] }],
    });
    expect(parseFeed(json, FEED_URL).headlines[0]).toMatchObject({ title: 'T', url: 'http://127.0.0.1:9/x', author: 'Zoé' });
  });

  it('reads RSS 1.0 (RDF) and an RSS 0.91 feed without dates', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel><item><title>One</title><link>http://r/1</link><dc:date>2021-01-01T10:00:00+01:00</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf, FEED_URL).headlines[0]).toMatchObject({ title: 'One', published: '2021-01-01T10:00:00+01:00' });
    const old = `<rss version="0.91"><channel><title>Old</title><item><title>I</title><link>http://o/1</link></item></channel></rss>`;
    expect(parseFeed(old, FEED_URL).headlines[0]).toMatchObject({ title: 'I', published: null });
  });

  it('survives ill-formed feeds: undeclared HTML entities and stray ampersands', () => {
    const xml = `<rss><channel><title>Caf&eacute; &amp; Co</title><item><title>Tom & Jerry&nbsp;&hellip;</title><link>http://t/1</link></item></channel></rss>`;
    const feed = parseFeed(xml, FEED_URL);
    expect(feed.title).toBe('Café & Co');
    expect(feed.headlines[0]?.title).toBe('Tom & Jerry\u00A0…');
  });

  it('never expands entities declared in a DOCTYPE (entity bombs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>Bomb</title><item><title>&lol2;</title><link>http://b/1</link></item></channel></rss>`;
    const feed = parseFeed(bomb, FEED_URL);
    expect(feed.headlines[0]?.title).not.toContain('lollol');
  });

  it('says clearly when the text is not a feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>', FEED_URL)).toThrow(/not a feed/);
  });
});

describe('feeds from a site page', () => {
  it('discovers announced feeds, comment feeds last', () => {
    const html = `<head><link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/"><link rel="alternate" type="application/rss+xml" title="Main" href="/feed/"></head>`;
    expect(discoverFeeds(parseHtml(html), 'http://s/').map((f) => f.url)).toEqual(['http://s/feed/', 'http://s/comments/feed/']);
  });

  it('takes headlines from a front page of links, leaving menus and sidebars out', () => {
    const html = `<nav><a href="/a-propos/">À propos de ce journal et de son équipe</a></nav>
      <main><h3><a href="/2021/one/">First story of the day is here</a></h3><h3><a href="/2021/two/">Second story of the day is here</a></h3>
      <h3><a href="/2021/three/">Third story of the day is here</a></h3><h3><a href="/2021/one/">First story of the day is here</a></h3></main>
      <div class="sidebar"><h3><a href="/2020/old/">An old story from the sidebar box</a></h3></div>`;
    const { headlines } = headlinesFromPage(html, 'http://s/');
    expect(headlines.map((h) => h.url)).toEqual(['http://s/2021/one/', 'http://s/2021/two/', 'http://s/2021/three/']);
  });
});
