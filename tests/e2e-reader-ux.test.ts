import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built reader in tmux, on three sources served from 127.0.0.1: two that answer, one that
 * accepts the connection and never answers. What a person sees, and when.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'cli.js'));
if (!built || !hasTmux) console.warn('[skipped] reader end-to-end test: dist/ is not built or tmux is not installed.');

const HOUR = 60 * 60 * 1000;
const date = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toUTCString();
const rss = (title: string, items: Array<{ title: string; link: string; hoursAgo: number }>) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${items
    .map((item) => `<item><title>${item.title}</title><link>${item.link}</link><pubDate>${date(item.hoursAgo)}</pubDate></item>`)
    .join('')}</channel></rss>`;
const paragraphs = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `<p>Paragraphe ${i + 1} : le conseil a voté, et les habitants « attendent » la suite des travaux sur le port.</p>`,
  ).join('');

let fast: TestServer;
let other: TestServer;
let hung: TestServer;
const socket = `kiosque-ux-${process.pid}`;
const tmux = tmuxServer(socket);

beforeAll(async () => {
  fast = await startServer((request, response) => {
    if (request.url === '/feed.xml') {
      return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss('Le Quotidien', [
          { title: 'Pologne : le gouvernement annonce des élections anticipées', link: `${fast.origin}/pologne`, hoursAgo: 1 },
          { title: 'Un long article sur le port', link: `${fast.origin}/long`, hoursAgo: 2 },
          { title: 'La marée du siècle attendue samedi', link: `${fast.origin}/maree`, hoursAgo: 3 },
        ]),
      );
    }
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<html lang="fr"><head><title>Un long article sur le port</title></head><body><article><h1>Un long article sur le port</h1>${paragraphs(60)}<p>La toute dernière ligne de l’article.</p></article></body></html>`,
      );
  });
  other = await startServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rss('The Daily', [
        // The same article as Le Quotidien's, under its own title: one story, by its address.
        { title: 'Poland calls early elections', link: `${fast.origin}/pologne?utm_source=rss`, hoursAgo: 1.5 },
        // Near-identical title to Le Quotidien's, another address: one story, by its title.
        { title: 'La marée du siècle attendue samedi !', link: `${other.origin}/tide`, hoursAgo: 4 },
        { title: 'Harbour news of the day', link: `${other.origin}/news`, hoursAgo: 5 },
      ]),
    );
  });
  // Accepts the connection, reads the request, never answers.
  hung = await startServer(() => {});
});

afterAll(async () => {
  tmux.kill();
  await Promise.all([fast?.close(), other?.close(), hung?.close()]);
});

describe.skipIf(!built || !hasTmux)('the reader with a source that never answers, in tmux', () => {
  it('shows the others at once, marks the hung one, groups the story two sources list, and keeps the end of an article in view when the window grows', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-ux-'));
    tmux.run(
      'new-session',
      '-d',
      '-s',
      'ux',
      '-x',
      '100',
      '-y',
      '30',
      `env -u CI KIOSQUE_REFRESH_MINUTES=0 node ${path.join(ROOT, 'bin', 'kiosque.js')} ${fast.origin}/feed.xml ${other.origin}/feed.xml ${hung.origin}/feed.xml --cache-dir ${cache}`,
    );
    // Within the reader's first second, on a machine shared with other work: the bound is generous, and the
    // hung source never answers at all, so what is on screen came without waiting for it.
    const list = await tmux.waitForScreen('ux', /1 of 3 sources still loading/, 10_000);
    expect(hung.hits.get('/feed.xml')).toBe(1);
    // Six headlines, four stories: the article both list is one row, the near-identical titles another.
    expect(list).toMatch(/^kiosque 4 headlines · 4 unread/m);
    expect(list.match(/Pologne|Poland/g)).toHaveLength(1);
    expect(list).toMatch(/Pologne : le gouvernement annonce .* Le Quotidien \+1 source/);
    expect(list.match(/La marée du siècle/g)).toHaveLength(1);

    // The hung source has its own spinner in the sources view; the others are done.
    tmux.press('ux', 'S');
    const sources = await tmux.waitForScreen('ux', /kiosque 3 sources/);
    expect(sources).toMatch(new RegExp(`${hung.origin.replace('http://', '').replace(/\./g, '\\.')}\\s+. loading$`, 'm'));
    expect(sources).toMatch(/Le Quotidien\s+3\/3 unread$/m);
    tmux.press('ux', 'h');
    await tmux.waitForScreen('ux', /kiosque 4 headlines/);

    // Nothing waits for it either: an article opens (j and Enter in one write), and the other source is named under it.
    tmux.press('ux', 'j', 'Enter');
    await tmux.waitForScreen('ux', /^Un long article sur le port$/m);
    tmux.press('ux', 'G');
    const end = await tmux.waitForScreen('ux', / 100%$/m);
    expect(end).toMatch(/La toute dernière ligne de l’article\./);
    // French typography: no line starts with a colon or ends with «.
    expect(end).not.toMatch(/^[:;!?»]/m);
    expect(end).not.toMatch(/«$/m);

    // Taller: the last lines stay at the bottom, the percent stays 100, nothing is scrolled past the end.
    tmux.run('resize-window', '-t', 'ux', '-x', '100', '-y', '45');
    // 45 rows: the title bar, 42 of text, the status line, one spare (a frame as tall as the terminal scrolls it).
    const taller = await tmux.waitForScreen('ux', /^(?:.*\n){43}.* 100%\n/);
    const rows = taller.split('\n');
    const last = rows.findIndex((row) => row.includes('La toute dernière ligne'));
    // The article fills the pane down to its last line and the blank line that ends every block (then the
    // status line): no empty rows below the end, no line scrolled past it.
    expect(last).toBe(41);
    expect(rows[42]).toBe('');
    const text = rows.slice(1, 41);
    expect(text.every((row) => row.startsWith('Paragraphe') || row === '')).toBe(true);
    expect(text.filter((row) => row.startsWith('Paragraphe')).length).toBeGreaterThanOrEqual(19);
    expect(Number(/ (\d+)%$/m.exec(taller)?.[1])).toBe(100);

    // q goes back to the list at once, the story still grouped, the hung source still loading.
    tmux.press('ux', 'q');
    const back = await tmux.waitForScreen('ux', /kiosque 4 headlines/);
    expect(back).toMatch(/1 of 3 sources still loading/);
  });
});
