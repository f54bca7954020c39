import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../src/feeds/parse.js';
import { readSources } from '../src/feeds/sources.js';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { startServer } from './helpers/server.js';

/**
 * Ill-formed feeds, as they are in the wild: the strict parser refuses them, the forgiving
 * tokenizer reads them (feeds/xml-feed.ts). Each feed is written here, with the headlines
 * expected (title and link), field by field.
 */

const FEED = 'http://feed.test/rss';
const headlines = (xml: string) => parseFeed(xml, FEED).headlines.map(({ title, url }) => ({ title, url }));
const rss = (items: string, channel = '<title>Quay</title>') => `<rss version="2.0"><channel>${channel}${items}</channel></rss>`;

describe('ill-formed feeds are read, not refused', () => {
  it('decodes HTML named entities a feed without a DTD uses', () => {
    const xml = rss(
      '<item><title>Caf&eacute; &amp; cr&egrave;me&nbsp;br&ucirc;l&eacute;e&hellip; a < b</title><link>http://feed.test/cafe</link></item>',
    );
    expect(headlines(xml)).toEqual([{ title: 'Café & crème\u00a0brûlée… a < b', url: 'http://feed.test/cafe' }]);
  });

  it('reads a bare & in a link and in text', () => {
    const xml = rss('<item><title>Fish & chips < 5 €</title><link>http://feed.test/?id=1&page=2</link></item>');
    expect(headlines(xml)).toEqual([{ title: 'Fish & chips < 5 €', url: 'http://feed.test/?id=1&page=2' }]);
  });

  it('ends an element whose end tag is cut short, and closes what a truncated download left open', () => {
    const xml = `<rss version="2.0"><channel><title>Quay</title>
      <item><title>First</title<link>http://feed.test/1</link></item>
      <item><title>Second</title><link>http://feed.test/2</link></item>
      <item><title>Cut off`;
    expect(headlines(xml).slice(0, 2)).toEqual([
      { title: 'First', url: 'http://feed.test/1' },
      { title: 'Second', url: 'http://feed.test/2' },
    ]);
  });

  it('reads items whose children are all namespaced (dc:title, dc:identifier)', () => {
    const xml = rss(
      `<item><dc:title>Tide tables for May</dc:title><dc:date>2006-01-02T09:00:00Z</dc:date><dc:identifier>http://feed.test/tides</dc:identifier></item>`,
    ).replace('<rss version="2.0">', '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">');
    expect(headlines(xml).map((headline) => headline.title)).toEqual(['Tide tables for May']);
  });

  it('keeps CDATA as written: its entities are text, not decoded twice', () => {
    const xml = rss(
      '<item><title><![CDATA[R&amp;D <now>]]></title><link>http://feed.test/rd</link></item><item><title>x < y</title></item>',
    );
    expect(headlines(xml)[0]).toEqual({ title: 'R&D', url: 'http://feed.test/rd' });
  });

  it('never expands a DTD entity (billion laughs), even on the forgiving path', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <rss version="2.0"><channel><title>Bomb</title><item><title>x &b; < y</title><link>http://feed.test/b</link></item></channel></rss>`;
    const [headline] = parseFeed(xml, FEED).headlines;
    expect(headline!.title).not.toContain('aaaa');
  });
});

describe('pathological nesting', () => {
  it('refuses a feed nested more than 1,000 deep, clearly, as that source failing', () => {
    const deep = `<rss version="2.0"><channel><title>Deep</title><item><title>A</title>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</item></channel></rss>`;
    expect(() => parseFeed(deep, FEED)).toThrow(
      expect.objectContaining({ code: 'TOO_COMPLEX', message: expect.stringContaining('nest more than 1000 deep') }),
    );
  });

  it('reads a feed nested deep but within the limit', () => {
    const xml = rss(
      `<item><title>Shallow enough</title><link>http://feed.test/s</link><x>${'<y>'.repeat(500)}${'</y>'.repeat(500)}</x></item>`,
    );
    expect(headlines(xml)).toEqual([{ title: 'Shallow enough', url: 'http://feed.test/s' }]);
  });

  it('fails that one source with a clear message; the others are read', async () => {
    const deep = `<rss version="2.0"><channel><title>Deep</title><item><title>A</title>${'<x>'.repeat(100_000)}</item></channel></rss>`;
    const server = await startServer((request, response) => {
      const body = request.url === '/deep.xml' ? deep : rss('<item><title>Fine</title><link>http://feed.test/fine</link></item>');
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    });
    try {
      const client = new HttpClient({ cache: new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-deep-'))) });
      const { sources, headlines } = await readSources(client, [`${server.origin}/deep.xml`, `${server.origin}/fine.xml`]);
      expect(sources[0]!.error).toMatchObject({ code: 'TOO_COMPLEX', message: expect.stringContaining('nest more than 1000 deep') });
      expect(headlines.map((headline) => headline.title)).toEqual(['Fine']);
    } finally {
      await server.close();
    }
  });
});
