import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { type FaultServer, startFaultServer } from './helpers/faults.js';
import { openScreen } from './helpers/screen.js';

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

describe('faults, in the reader', () => {
  it('shows each failing source and each failing page in plain words, and stays usable', async () => {
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config'), timeoutMs: 2000 });
    const services = createReaderServices(session, {
      entries: [
        { url: `${faults.origin}/feed.xml` },
        { url: faults.refused },
        { url: `${faults.origin}/not-a-feed` },
        { url: `${faults.origin}/silent` },
      ],
      openInBrowser: () => {},
    });
    // The good headlines come first, whatever the others do; the silent one has its own spinner until it times out.
    const { app, frame, press, waitFor } = await openScreen(<App services={services} locale="en-GB" />, /3 headlines/);
    expect(frame()).toMatch(/An article that is cut off mid-way/);
    // Then one line for the three that failed, the slow one included once it times out: the headlines keep the screen.
    await waitFor(/^! 3 sources failed: E shows them$/m);
    // E lists them, one a row, in plain words.
    await press('E', /kiosque 3 failed sources/);
    expect(frame()).toMatch(/127\.0\.0\.1:\d+: 127\.0\.0\.1:\d+ refused the connection/m);
    expect(frame()).toMatch(/127\.0\.0\.1:\d+: .*not-a-feed/m);
    expect(frame()).toMatch(/127\.0\.0\.1:\d+: 127\.0\.0\.1:\d+ did not answer within 2 s/m);
    await press('q', /3 headlines/);

    // A page cut off mid-way: the message in the pane, the reader goes on.
    await press('\r', /broke off the connection/);
    await press('h', /3 headlines/);
    await press('j', /›.*An article that is really a PDF/);
    await press('\r', /is not a web page \(application\/pdf\)/);
    await press('h', /3 headlines/);
    await press('j', /›.*An article that reads perfectly well/);
    await press('\r', /Le premier paragraphe de cet article/);
    app.unmount();
  });
});
