import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { parseFeed } from '../src/feeds/parse.js';
import { App } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * Every entry is kept, link or not, and is known by its identity: its guid / id, else its link,
 * else a digest of its title and date. Read marks and saves follow that identity; marks written
 * by earlier versions (by address) still match.
 */

const ESC = '\u001b';

/** A changelog-like feed: entries with no link, two entries sharing one link, one whose page is gone but whose text the feed carries. */
const feedOf = (origin: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Log</title>
<item><title>Status: the ferry runs late${ESC}[31m today</title><guid isPermaLink="false">status-42</guid>
  <description><![CDATA[<p>The morning ferry leaves at 9:40 instead of 9:10.${ESC}[2J Tides.</p>]]></description>
  <pubDate>Tue, 03 Jan 2006 10:00:00 GMT</pubDate></item>
<item><title>Release 2.1 notes</title><guid isPermaLink="false">rel-2.1</guid><link>${origin}/changelog</link>
  <pubDate>Tue, 03 Jan 2006 09:00:00 GMT</pubDate></item>
<item><title>Release 2.0 notes</title><guid isPermaLink="false">rel-2.0</guid><link>${origin}/changelog</link>
  <pubDate>Mon, 02 Jan 2006 09:00:00 GMT</pubDate></item>
<item><title>The lighthouse keeper retires</title><link>${origin}/gone</link>
  <content:encoded><![CDATA[<p>After forty years the keeper hands over the lamp.</p><p>He will live by the quay.</p>]]></content:encoded>
  <pubDate>Sun, 01 Jan 2006 09:00:00 GMT</pubDate></item>
</channel></rss>`;

let site: TestServer;
beforeAll(async () => {
  site = await startServer((request, response) => {
    if (request.url === '/feed.xml') return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedOf(site.origin));
    if (request.url === '/changelog') {
      return response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<html><head><title>Changelog</title></head><body><article><h1>Changelog</h1><p>Release 2.1 fixes the tide tables and adds the winter timetable for the ferries of the bay.</p><p>Release 2.0 rewrote the harbour map from scratch, with every pontoon and every mooring numbered.</p></article></body></html>',
        );
    }
    response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Not found</h1></body></html>');
  });
});
afterAll(() => site.close());

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));
let dataDir: string;
let configDir: string;
let cacheDir: string;
beforeEach(() => {
  dataDir = tmp('data');
  configDir = tmp('config');
  cacheDir = tmp('cache');
});

async function openReader(offline = false) {
  const session = await createSession({ cacheDir, dataDir, configDir, offline });
  const services = createReaderServices(session, { entries: [{ url: `${site.origin}/feed.xml` }], openInBrowser: () => {} });
  return openScreen(<App services={services} locale="en-GB" />, /^kiosque 4 headlines(?!.*loading)/m, 15_000);
}

const KEYS = { enter: '\r', escape: '\u001b' };
const row = (frame: string, title: string) => frame.split('\n').find((line) => line.includes(title)) ?? '';
const stateFile = () => JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as Record<string, Record<string, unknown>>;
const written = (check: (state: ReturnType<typeof stateFile>) => boolean) =>
  vi.waitFor(() => {
    if (!existsSync(path.join(dataDir, 'state.json')) || !check(stateFile())) throw new Error('not written yet');
  });

describe('entry identity in the feed parser', () => {
  it('keeps entries with no link and entries sharing a link, each with its own identity', () => {
    const feed = parseFeed(feedOf('http://h.test'), 'http://h.test/feed.xml');
    expect(feed.headlines.map((headline) => headline.title)).toEqual([
      'Status: the ferry runs late today',
      'Release 2.1 notes',
      'Release 2.0 notes',
      'The lighthouse keeper retires',
    ]);
    const [status, rel21, rel20, keeper] = feed.headlines;
    expect(status!.id).toBe('status-42');
    // An address inside the feed: read from the feed, never fetched as a page.
    expect(status!.url).toMatch(/^http:\/\/h\.test\/feed\.xml#kiosque-entry=[0-9a-f]{20}$/);
    expect([rel21!.url, rel20!.url]).toEqual(['http://h.test/changelog', 'http://h.test/changelog']);
    expect([rel21!.id, rel20!.id]).toEqual(['rel-2.1', 'rel-2.0']);
    expect(keeper!.id).toBe('http://h.test/gone');
  });

  it('knows an entry with neither id nor link by its title and date, the same from one reading to the next', () => {
    const xml = `<rss version="2.0"><channel><title>Notes</title>
      <item><title>Low tide at noon</title><pubDate>Mon, 02 Jan 2006 09:00:00 GMT</pubDate></item>
      <item><title>Low tide at noon</title></item><item><title>Low tide at noon</title></item>
      <item><description>Only words, no title</description></item></channel></rss>`;
    const first = parseFeed(xml, 'http://h.test/notes.xml').headlines;
    const again = parseFeed(xml, 'http://h.test/notes.xml').headlines;
    expect(first.map((headline) => headline.title)).toEqual([
      'Low tide at noon',
      'Low tide at noon',
      'Low tide at noon',
      'Only words, no title',
    ]);
    expect(new Set(first.map((headline) => headline.url)).size).toBe(4);
    expect(first.map((headline) => headline.id)).toEqual(again.map((headline) => headline.id));
  });

  it('keeps an Atom entry that has only an id', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Pod</title>
      <entry><id>tag:pod.test,2006:ep-7</id><title>Episode 7</title><updated>2006-01-02T09:00:00Z</updated>
      <link rel="enclosure" type="audio/mpeg" href="http://pod.test/ep7.mp3"/></entry></feed>`;
    const [episode] = parseFeed(xml, 'http://pod.test/feed').headlines;
    expect(episode).toMatchObject({ title: 'Episode 7', id: 'tag:pod.test,2006:ep-7' });
    expect(episode!.url).toMatch(/^http:\/\/pod\.test\/feed#kiosque-entry=/);
  });
});

describe('entries with no link in the reader', () => {
  it('opens an entry with no link from the feed, marked so, with no escape sequence reaching the screen', async () => {
    const reader = await openReader();
    expect(reader.frame()).not.toContain(ESC);
    await reader.press(KEYS.enter, 'leaves at 9:40');
    const frame = reader.frame();
    expect(frame).toContain('[from the feed]');
    expect(frame).toContain('Status: the ferry runs late');
    expect(frame).not.toContain(ESC);
    // No page to open in a browser: said, not attempted.
    await reader.press('o', 'no page of its own');
    reader.app.unmount();
  });

  it('marks two entries sharing one link apart, and keys their marks on identity', async () => {
    const reader = await openReader();
    await reader.press('j', /›• .*Release 2\.1/);
    await reader.press(KEYS.enter, 'winter timetable');
    await reader.press(KEYS.escape, /› .*Release 2\.1/);
    expect(row(reader.frame(), 'Release 2.1')).not.toContain('•');
    expect(row(reader.frame(), 'Release 2.0')).toContain('•');
    await written((state) => Object.keys(state['read']!).length === 1);
    // A bare guid is known within its source.
    expect(Object.keys(stateFile()['read']!)).toEqual([`${site.origin}/feed.xml#rel-2.1`]);
    reader.app.unmount();
  });

  it('saves an entry with no link: read mark and save survive a restart, and the saved copy opens offline', async () => {
    const first = await openReader();
    await first.press(KEYS.enter, 'leaves at 9:40');
    await first.press('s', 'Saved');
    await vi.waitFor(() => expect(readdirSync(path.join(dataDir, 'saved'))).toHaveLength(1));
    await first.press(KEYS.escape, /kiosque 4 headlines/);
    first.app.unmount();

    const second = await openReader();
    expect(row(second.frame(), 'Status: the ferry')).toMatch(/★ {1,2}Status/);
    expect(row(second.frame(), 'Status: the ferry')).not.toContain('•');
    await second.press('v', /1 saved article\b/);
    await second.press(KEYS.enter, 'leaves at 9:40');
    second.app.unmount();
  });

  it('still reads marks written by earlier versions, keyed by address', async () => {
    mkdirSync(dataDir, { recursive: true });
    const at = '2006-01-04T00:00:00.000Z';
    writeFileSync(
      path.join(dataDir, 'state.json'),
      JSON.stringify({ read: { [`${site.origin}/changelog`]: at, [`${site.origin}/gone`]: at }, saved: {}, positions: {} }),
    );
    const reader = await openReader();
    for (const title of ['Release 2.1', 'Release 2.0', 'The lighthouse keeper']) expect(row(reader.frame(), title)).not.toContain('•');
    expect(row(reader.frame(), 'Status: the ferry')).toContain('•');
    reader.app.unmount();
  });

  it("shows the feed's full text of an entry whose page cannot be read, marked as from the feed", async () => {
    const reader = await openReader();
    await reader.press('G', /›• .*The lighthouse keeper/);
    await reader.press(KEYS.enter, 'hands over the lamp');
    expect(reader.frame()).toContain('[from the feed]');
    expect(reader.frame()).toContain('He will live by the quay.');
    reader.app.unmount();
  });

  it("offline, shows the feed's full text of an entry whose page was never read", async () => {
    (await openReader()).app.unmount();
    const reader = await openReader(true);
    await reader.press('G', /›• .*The lighthouse keeper/);
    await reader.press(KEYS.enter, 'hands over the lamp');
    expect(reader.frame()).toContain('[from the feed]');
    reader.app.unmount();
  });
});
