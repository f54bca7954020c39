import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { main } from '../src/cli.js';
import type { DemoServer } from '../src/demo/server.js';
import { createSession } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { withDemo } from './helpers/demo.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

let demo: DemoServer;
/** One long article (40 paragraphs) and its feed, for reading positions. */
let longRead: TestServer;
beforeAll(async () => {
  demo = await withDemo();
  longRead = await startServer((request, response) => {
    if (request.url === '/feed.xml') {
      return response.writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Long Reads</title>
        <item><title>A very long read about lighthouses</title><link>${longRead.origin}/long/</link><pubDate>Mon, 02 Jan 2006 08:00:00 GMT</pubDate></item></channel></rss>`);
    }
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `<p>Paragraph ${i + 1} of the long read: lighthouses were lit by oil, then gas, then electricity, and keepers wrote logs.</p>`,
    ).join('');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<html><head><title>A very long read about lighthouses</title></head><body><article><h1>A very long read about lighthouses</h1>${paragraphs}</article></body></html>`,
      );
  });
});
afterAll(async () => {
  await demo.close();
  await longRead.close();
});

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));
let dataDir: string;
let configDir: string;
let cacheDir: string;
beforeEach(() => {
  dataDir = tmp('data');
  configDir = tmp('config');
  cacheDir = tmp('cache');
});

const KEYS = { enter: '\r', escape: '\u001b', backspace: '\u007f' };

/** One run of the reader on the gazette's feed, with the folders of this test: a restart is a second call. */
async function openReader() {
  const session = await createSession({ cacheDir, dataDir, configDir });
  const services = createReaderServices(session, {
    entries: [
      { url: `${demo.origin}/gazette/feed.xml` },
      { url: `${demo.origin}/notes/feed.json` },
      { url: `${longRead.origin}/feed.xml` },
    ],
    openInBrowser: () => {},
  });
  // Sources come one by one: these tests start once all three are in (no spinner left in the title bar).
  return openScreen(<App services={services} locale="en-GB" />, /^kiosque 18 headlines(?!.*loading)/m);
}

const row = (frame: string, title: string) => frame.split('\n').find((line) => line.includes(title)) ?? '';
const stateFile = () =>
  JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as {
    read: Record<string, string>;
    readThrough?: Record<string, unknown>;
    positions: Record<string, unknown>;
  };
/** Writes happen in an effect after the frame that shows the change: wait for the file. */
const written = (check: (state: ReturnType<typeof stateFile>) => boolean) =>
  vi.waitFor(() => {
    if (!existsSync(path.join(dataDir, 'state.json')) || !check(stateFile())) throw new Error('not written yet');
  });

describe('reading state in the reader', () => {
  it('m toggles the read mark, M marks a whole source read, and both survive a restart', async () => {
    const first = await openReader();
    expect(row(first.frame(), 'Le conseil municipal')).toMatch(/^›•/);
    await first.press('m', 'Marked read');
    expect(row(first.frame(), 'Le conseil municipal')).toMatch(/^› {2}/);
    // To a Harbour Tech Notes headline, then mark that whole source read.
    const notes =
      first
        .frame()
        .split('\n')
        .findIndex((line) => line.includes('Harbour Tech Notes')) - 1;
    for (let i = 0; i < notes; i++) first.app.stdin.write('j');
    await first.press('M', /Harbour Tech Notes: all 5 headlines marked read/);
    // m's one mark, and M's "all read" for the source (one entry, not a mark per headline).
    await written((state) => Object.keys(state.read).length === 1 && Object.keys(state.readThrough ?? {}).length === 1);
    first.app.unmount();

    const second = await openReader();
    const lines = second.frame().split('\n');
    expect(row(second.frame(), 'Le conseil municipal')).toMatch(/^› {3}Le conseil/);
    expect(lines.filter((line) => line.includes('Harbour Tech Notes')).every((line) => !line.includes('•'))).toBe(true);
    expect(row(second.frame(), 'Les vélos en libre-service')).toContain('•');
    second.app.unmount();
  });

  it('s saves an article; v lists it; "kiosque saved" and an offline read find it after a restart', async () => {
    const reader = await openReader();
    await reader.press(KEYS.enter, '29 voix');
    await reader.press('s', 'Saved: readable offline');
    await reader.press('v', /1 saved article\b/);
    expect(reader.frame()).toMatch(/› ★ Le conseil municipal/);
    // The offline copy is written once the article is in hand.
    await vi.waitFor(() => expect(readdirSync(path.join(dataDir, 'saved'))).toHaveLength(1));
    reader.app.unmount();

    process.env['KIOSQUE_DATA_DIR'] = dataDir;
    let out = '';
    expect(await main(['saved', '--json'], { stdout: (t) => (out += t), stderr: () => {}, columns: 80 })).toBe(0);
    const saved = JSON.parse(out) as Array<{ url: string; title: string; offline: boolean }>;
    expect(saved).toEqual([
      expect.objectContaining({ title: 'Le conseil municipal adopte un budget en hausse', source: 'La Gazette du Quai', offline: true }),
    ]);
    // With an empty cache and a dead address in between, the saved copy is what "read" gives.
    let text = '';
    let said = '';
    const url = saved[0]!.url;
    expect(
      await main(['read', url, '--offline', '--cache-dir', tmp('empty-cache')], {
        stdout: (t) => (text += t),
        stderr: (t) => (said += t),
        columns: 80,
      }),
    ).toBe(0);
    expect(text).toMatch(/^Le conseil municipal adopte un budget en hausse/);
    expect(said).toContain('offline copy');
    delete process.env['KIOSQUE_DATA_DIR'];
  });

  it('remembers where the reader stopped in an article, across a restart', async () => {
    const first = await openReader();
    await first.press('G', /›• {2}A very long read/);
    await first.press(KEYS.enter, / 0%/);
    for (let i = 0; i < 30; i++) first.app.stdin.write('j');
    await first.waitFor(/ [1-9]\d*%$/m);
    const firstSeen = Number(first.frame().match(/Paragraph (\d+) of/)?.[1]);
    await first.press('h', 'Enter open');
    await written((state) => Object.keys(state.positions).length === 1);
    first.app.unmount();

    const second = await openReader();
    await second.press('G', /› {3}A very long read/);
    await second.press(KEYS.enter, / [1-9]\d*%$/m);
    // Back at the paragraph that was at the top (give or take its first lines), not at the title.
    expect(firstSeen).toBeGreaterThan(5);
    expect(second.frame()).toContain(`Paragraph ${firstSeen} of`);
    expect(second.frame()).toContain(`Paragraph ${firstSeen + 4} of`);
    expect(second.frame()).not.toContain('Paragraph 1 of');
    second.app.unmount();
  });

  it('a corrupt state file is set aside with a message and the reader starts anyway', async () => {
    writeFileSync(path.join(dataDir, 'state.json'), '{"read": {"http://a/": "2026-');
    const reader = await openReader();
    expect(reader.frame()).toMatch(/could not be read; it was kept as/);
    const backup = readdirSync(dataDir).find((name) => name.startsWith('state.json.corrupt-'));
    expect(backup && readFileSync(path.join(dataDir, backup), 'utf8')).toBe('{"read": {"http://a/": "2026-');
    await reader.press('m', 'Marked read');
    await written((state) => Object.keys(state.read).length === 1);
    reader.app.unmount();
  });
});

describe('sources in the reader', () => {
  it('S lists the sources with unread counts; Enter browses one; back returns', async () => {
    const reader = await openReader();
    await reader.press('S', /kiosque 3 sources/);
    expect(reader.frame()).toMatch(/› La Gazette du Quai\s+12\/12 unread/);
    expect(reader.frame()).toMatch(/Harbour Tech Notes\s+5\/5 unread/);
    await reader.press('j', '› Harbour Tech Notes');
    await reader.press(KEYS.enter, 'kiosque · Harbour Tech Notes 5 headlines');
    expect(reader.frame()).not.toContain('La Gazette du Quai');
    await reader.press('h', /kiosque 3 sources/);
    await reader.press('h', /18 headlines/);
    reader.app.unmount();
  });

  it('a adds the site of the article being read to the sources, found from the feed its page announces', async () => {
    const reader = await openReader();
    await reader.press(KEYS.enter, '29 voix');
    await reader.press('a', /Added La Gazette du Quai to your sources/);
    const config = JSON.parse(readFileSync(path.join(configDir, 'config.json'), 'utf8')) as { sources: Array<{ url: string }> };
    expect(config.sources.map((source) => source.url)).toContain(`${demo.origin}/gazette/feed.xml`);
    await reader.press('a', /La Gazette du Quai is already among your sources/);
    reader.app.unmount();
  });
});
