import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../src/demo/server.js';
import { runCli } from './helpers/cli.js';
import { withDemo } from './helpers/demo.js';
import { startServer, type TestServer } from './helpers/server.js';

/** Pages written for these tests: each reproduces one way a page is read (or misread). */
const PAGES: Record<string, string> = {
  // The body's wrapper carries "share" in its class (a theme's "share-content" word): the heuristics prune most of it.
  '/pruned': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Night trains return to the valley</title></head><body>
    <h1>Night trains return to the valley</h1>
    <div class="social-story">
      <p>The night train to the valley runs again from Friday, eleven years after the last one, with sleeping cars bought second hand.</p>
      <p>The regional council, which pays for most of it, hopes that skiers and walkers will leave their cars at home this winter.</p>
      <p>Tickets went on sale on Monday morning and the first three departures were sold out before noon, the operator said.</p>
    </div>
    <p class="promo-note">Sign up for our newsletter: the valley's news every morning, straight to your mailbox.</p>
  </body></html>`,
};

let server: TestServer;
let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
  server = await startServer((request, response) => {
    const page = PAGES[new URL(request.url ?? '/', 'http://x').pathname];
    if (request.url === '/latin1') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        Buffer.from(
          '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><h1>Le caf\xe9 du port</h1><p>Le caf\xe9 du port rouvre ses portes apr\xe8s des mois de travaux, et les habitu\xe9s sont revenus d\xe8s le premier matin.</p></body></html>',
          'latin1',
        ),
      );
      return;
    }
    if (page === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
});
afterAll(async () => {
  await server.close();
  await demo.close();
});

function doctor(url: string, json = false) {
  process.env['KIOSQUE_CONFIG_DIR'] = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
  return runCli(['doctor', url, ...(json ? ['--json'] : []), '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-doctor-'))], 100);
}

describe('kiosque doctor URL', () => {
  it('explains the seed-style article: charset, the chosen container and runner-up, dropped furniture, links, access', async () => {
    const { code, stdout, stderr } = await doctor(`${demo.origin}/gazette/greve-des-bus-lundi/`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^charset {5}UTF-8, from /m);
    expect(stdout).toMatch(/^ {2}chosen {4}\S+ {2}score [\d.]+, \d+ characters$/m);
    expect(stdout).toMatch(/^ {2}runner-up /m);
    expect(stdout).toMatch(/^access {6}full: /m);
    // The "Lire aussi" lines of the body are related links, and said to be.
    expect(stdout).toMatch(/related {4}.*\n\s+an inline "Lire aussi :" line in the body/);
    expect(stdout).toMatch(/next {7}\S+\/gazette\/un-festival-de-jazz-sur-les-docks\//);
    expect(stdout).toContain('a sites.json rule to start from');
  });

  it('--json gives the same report as one document, with a starting rule that is valid sites.json', async () => {
    const { code, stdout } = await doctor(`${demo.origin}/gazette/greve-des-bus-lundi/`, true);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.article).toMatchObject({ title: 'Grève des bus lundi : le trafic fortement perturbé', access: 'full' });
    expect(report.diagnosis.container.selector).toEqual(expect.any(String));
    expect(report.diagnosis.method).toBe('heuristics');
    const host = new URL(demo.origin).hostname;
    expect(report.startingRule[host].content).toBeTruthy();
    // The starting rule, written to sites.json, reads the same body.
    const config = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
    writeFileSync(path.join(config, 'sites.json'), JSON.stringify(report.startingRule));
    process.env['KIOSQUE_CONFIG_DIR'] = config;
    const again = await runCli([
      'doctor',
      `${demo.origin}/gazette/greve-des-bus-lundi/`,
      '--json',
      '--cache-dir',
      mkdtempSync(path.join(os.tmpdir(), 'k-')),
    ]);
    const ruled = JSON.parse(again.stdout);
    expect(ruled.diagnosis.method).toBe('site rule');
    expect(ruled.article.words).toBeGreaterThanOrEqual(report.article.words * 0.9);
  });

  it('says which rule dropped what from a page whose body was pruned', async () => {
    const { code, stdout } = await doctor(`${server.origin}/pruned`);
    expect(code).toBe(0);
    expect(stdout).toMatch(/dropped \(\d+ blocks? with text\):/);
    // The newsletter line is furniture, dropped by its class, and the reason is printed beside it.
    expect(stdout).toMatch(/p\.promo-note: class or id (?:names page furniture|unlikely to be the article) \("(?:promo|newsletter)\w*"\)/);
    expect(stdout).toContain('Sign up for our newsletter');
    // The body's own wrapper, named "social-story", holds the text: a furniture word does not drop it.
    expect(stdout).toMatch(/^text {8}\d+ words/m);
    expect(stdout).not.toMatch(/div\.social-story: class or id/);
  });

  it('names where the charset came from', async () => {
    const { stdout } = await doctor(`${server.origin}/latin1`, true);
    expect(JSON.parse(stdout).charset).toEqual({ name: 'windows-1252', from: 'a declaration in the page (iso-8859-1)' });
  });

  it('takes one URL', async () => {
    const { code, stderr } = await doctor('');
    expect(code).toBe(2);
    expect(stderr).toContain('"kiosque doctor" takes one URL.');
  });
});
