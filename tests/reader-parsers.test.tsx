import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { setParseLimits } from '../src/work/pool.js';
import { parserBuild, startBombServer } from './helpers/bombs.js';
import { openScreen } from './helpers/screen.js';
import type { TestServer } from './helpers/server.js';

/** Issue #14, in the reader: a bomb costs one source or one page, and the screen answers keys meanwhile. */

const build = parserBuild();
if (!build.ready) console.warn(`[skipped] parsers in the reader: ${build.why} (run "npm run build"; npm test does).`);

let server: TestServer;
beforeAll(async () => {
  server = await startBombServer();
});
afterAll(() => server.close());

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

async function reader(urls: string[]) {
  const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config') });
  const services = createReaderServices(session, { entries: urls.map((url) => ({ url })), openInBrowser: () => {} });
  return { session, services };
}

describe.skipIf(!build.ready)('parsers, in the reader', () => {
  it('a feed nested too deep among the sources: the good headlines show, one line names the bad feed', async () => {
    const { session, services } = await reader([`${server.origin}/good.xml`, `${server.origin}/deep.xml`, `${server.origin}/other.xml`]);
    const { app, frame, waitFor } = await openScreen(<App services={services} locale="en-GB" />, /3 headlines/, 60_000);
    expect(frame()).toMatch(/Le marché rouvre/);
    expect(frame()).toMatch(/Un carnet de voyage/);
    await waitFor(/^! 127\.0\.0\.1:\d+: This feed could not be read \(.*\/deep\.xml\)/m);
    app.unmount();
    await session.close();
  }, 90_000);

  it('answers a key while a page that takes its parser to the deadline is still being read, then says why', async () => {
    // The table page takes seconds to read: a deadline of 2 s is passed whatever the machine, and
    // leaves the keys below time to be answered while the page is being read.
    const limits = setParseLimits({ deadlineMs: 2_000, deadlineMsPerMb: 0 });
    onTestFinished(() => void setParseLimits(limits));
    const { session, services } = await reader([`${server.origin}/tables.xml`]);
    const { app, frame, press, waitFor } = await openScreen(<App services={services} locale="en-GB" />, /1 headlines?/, 30_000);
    expect(frame()).toMatch(/Une page de tables sans fin/);
    app.stdin.write('\r');
    // The page is being read (it takes the parser to its deadline): the help opens all the same,
    // before the parser has given up — the screen is not held by the parse (no clock asserted).
    await press('?', /this help/);
    // Help closed: the article is still loading, so the key was answered before the parser gave up.
    await press('q', /Loading the article…/);
    // Then the page's message in the pane once the parser gave up.
    await waitFor(/This page could not be read \(.*\/table\): it (took more than \d+ s to read|exhausted the parser’s memory)/);
    app.unmount();
    await session.close();
  }, 90_000);
});
