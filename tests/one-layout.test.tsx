import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { main } from '../src/cli.js';
import type { DemoServer } from '../src/demo/server.js';
import { App } from '../src/ui/App.js';
import { withDemo } from './helpers/demo.js';
import { openScreen } from './helpers/screen.js';

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
});
afterAll(() => demo.close());

describe('kiosque read and the reader pane', () => {
  it('print the same lines, wrapped at the same width (the terminal is 100 columns in both)', async () => {
    const url = `${demo.origin}/gazette/greve-des-bus-lundi/`;
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config') });
    const services = createReaderServices(session, { entries: [{ url: `${demo.origin}/gazette/feed.xml` }], openInBrowser: () => {} });
    const { app, frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'Grève des bus lundi');
    // Filter the list down to that headline and open it.
    await press('/', /\/ /);
    for (const char of 'Grève des bus') await press(char, new RegExp(`/ .*${char}`));
    await press('\r', /1 headline matching/);
    await press('\r', /Lire aussi/);
    // Below the title bar, above the status line: the article as the pane shows it.
    const rows = frame()
      .split('\n')
      .map((line) => line.trimEnd());
    const statusLine = rows.length - 1 - [...rows].reverse().findIndex((line) => line !== '');
    const pane = rows.slice(1, statusLine);
    app.unmount();

    let printed = '';
    process.env['LANG'] = 'en_GB.UTF-8';
    const code = await main(['read', url, '--cache-dir', tmp('cache')], {
      stdout: (text) => (printed += text),
      stderr: () => {},
      columns: 100,
    });
    expect(code).toBe(0);
    const lines = printed.split('\n');
    // The pane's lines, top of the article to the bottom of the screen, are the command line's first lines
    // (headings, bold in the pane, stand out in capitals on paper).
    const shown = pane.filter((line) => line !== '');
    const first = lines
      .map((line) => line.trimEnd())
      .filter((line) => line !== '')
      .slice(0, shown.length);
    expect(first.map((line) => line.toLowerCase())).toEqual(shown.map((line) => line.toLowerCase()));
    expect(shown.length).toBeGreaterThanOrEqual(8);
    // What paper cannot follow by key, it writes out: every link with its address.
    expect(printed).toMatch(/^Related:\n {2}\[1\] .+\n {6}http:\/\/127\.0\.0\.1:\d+\//m);
    expect(printed).toMatch(/^Next: .+\n {2}http:\/\//m);
  });
});
