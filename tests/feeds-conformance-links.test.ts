import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource } from '../src/feeds/sources.js';
import { parseFeed } from '../src/feeds/parse.js';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * Which link, which title, which text: Atom links by rel and type, xml:base, Atom 0.3 base64,
 * dc:title, Atom text constructs, and the charset a feed is decoded in. Feeds written here, each
 * with the headline expected.
 */

const FEED = 'http://feed.test/atom';
const first = (xml: string, url = FEED) => {
  const [headline] = parseFeed(xml, url).headlines;
  return { title: headline?.title, url: headline?.url };
};
const atom = (entry: string, feed = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"${feed}><title>Quay</title><entry>${entry}</entry></feed>`;

describe('which link', () => {
  it('takes rel="alternate", text/html first, over enclosures, replies and other types', () => {
    const xml = atom(`<id>urn:1</id><title>Harbour report</title>
      <link rel="enclosure" type="audio/mpeg" href="http://feed.test/report.mp3"/>
      <link rel="replies" type="text/html" href="http://feed.test/report#comments"/>
      <link rel="alternate" type="application/pdf" href="http://feed.test/report.pdf"/>
      <link rel="alternate" type="text/html" href="http://feed.test/report.html"/>`);
    expect(first(xml)).toEqual({ title: 'Harbour report', url: 'http://feed.test/report.html' });
  });

  it('takes a link with no rel as the alternate', () => {
    expect(
      first(atom('<id>urn:2</id><title>Tides</title><link rel="self" href="http://feed.test/self"/><link href="http://feed.test/tides"/>')),
    ).toEqual({
      title: 'Tides',
      url: 'http://feed.test/tides',
    });
  });

  it('resolves relative links against xml:base on the feed and on the entry', () => {
    const xml = atom('<id>urn:3</id><title>Moorings</title><link href="moorings.html"/>', ' xml:base="http://base.test/news/"').replace(
      '<entry>',
      '<entry xml:base="2006/">',
    );
    expect(first(xml)).toEqual({ title: 'Moorings', url: 'http://base.test/news/2006/moorings.html' });
  });

  it('resolves a link against its own xml:base', () => {
    const xml = atom('<id>urn:5</id><title>Buoys</title><link xml:base="http://other.test/charts/" href="buoys.html"/>');
    expect(first(xml)).toEqual({ title: 'Buoys', url: 'http://other.test/charts/buoys.html' });
  });

  it('resolves against the feed address when there is no xml:base', () => {
    expect(first(atom('<id>urn:4</id><title>Pontoons</title><link href="/p/pontoons"/>'))).toEqual({
      title: 'Pontoons',
      url: 'http://feed.test/p/pontoons',
    });
  });
});

describe('which title', () => {
  it('reads Atom 0.3 titles and content encoded in base64', () => {
    const title = Buffer.from('Café on the quay').toString('base64');
    const content = Buffer.from('<p>Open from <b>nine</b>.</p>').toString('base64');
    const xml = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
      <entry><title mode="base64" type="text/plain">${title}</title><id>tag:x,2004:1</id>
      <link rel="alternate" type="text/html" href="http://feed.test/cafe"/>
      <content type="text/html" mode="base64">${content}</content><issued>2004-01-01T00:00:00Z</issued></entry></feed>`;
    const [headline] = parseFeed(xml, FEED).headlines;
    expect(headline).toMatchObject({ title: 'Café on the quay', url: 'http://feed.test/cafe', summary: 'Open from nine.' });
  });

  it('cleans a base64 title of escape sequences like any other', () => {
    const title = Buffer.from('Tides\u001b[2J\u001b]0;owned\u0007 today').toString('base64');
    const xml = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
      <entry><title mode="base64">${title}</title><id>tag:x,2004:2</id><link rel="alternate" href="http://feed.test/t"/></entry></feed>`;
    const [headline] = parseFeed(xml, FEED).headlines;
    expect(headline!.title).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(headline!.title).toMatch(/^Tides.*today$/);
  });

  it('takes dc:title when an item has no title of its own', () => {
    const xml = `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Q</title>
      <item><dc:title>Ferry timetable</dc:title><link>http://feed.test/ferry</link></item></channel></rss>`;
    expect(first(xml)).toEqual({ title: 'Ferry timetable', url: 'http://feed.test/ferry' });
  });

  it('makes html and xhtml titles plain text, and keeps a text title as written', () => {
    const html = atom('<id>1</id><title type="html">Fish &amp;amp; &lt;b&gt;chips&lt;/b&gt;</title><link href="http://feed.test/1"/>');
    const xhtml = atom(
      '<id>2</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Tide <em>tables</em> &amp; charts</div></title><link href="http://feed.test/2"/>',
    );
    const text = atom('<id>3</id><title type="text">Use a &lt;b&gt; tag</title><link href="http://feed.test/3"/>');
    expect([first(html).title, first(xhtml).title, first(text).title]).toEqual(['Fish & chips', 'Tide tables & charts', 'Use a <b> tag']);
  });
});

describe('which charset', () => {
  let server: TestServer;
  // "Caf\xe9 \x93quoted\x94 \x80" in windows-1252: é, curly quotes, the euro (0x80–0x9F is not C1 controls).
  const latin = (prolog: string) =>
    Buffer.concat([
      Buffer.from(`${prolog}<rss version="2.0"><channel><title>Q</title><item><title>`),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80]),
      Buffer.from('</title><link>http://feed.test/c</link></item></channel></rss>'),
    ]);
  beforeAll(async () => {
    server = await startServer((request, response) => {
      if (request.url === '/http-charset') {
        // The HTTP charset wins over the prolog (RFC 7303 §3.2, 8.1).
        return response
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1252' })
          .end(latin('<?xml version="1.0" encoding="utf-8"?>'));
      }
      if (request.url === '/prolog') {
        // No charset in HTTP: the prolog says (RFC 7303 §8.4; text/xml no longer means US-ASCII).
        return response.writeHead(200, { 'content-type': 'text/xml' }).end(latin('<?xml version="1.0" encoding="iso-8859-1"?>'));
      }
      response.writeHead(404).end();
    });
  });
  afterAll(() => server.close());
  const read = async (where: string) => {
    const client = new HttpClient({ cache: new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-charset-'))) });
    const source = await readSource(client, `${server.origin}${where}`);
    return source.headlines[0]?.title;
  };

  it('decodes by the HTTP charset over the XML prolog, 0x80–0x9F as windows-1252', async () => {
    expect(await read('/http-charset')).toBe('Café “q” €');
  });

  it('decodes by the XML prolog when HTTP names no charset, iso-8859-1 read as windows-1252', async () => {
    expect(await read('/prolog')).toBe('Café “q” €');
  });
});
