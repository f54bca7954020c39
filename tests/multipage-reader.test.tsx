import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { App } from '../src/ui/App.js';
import { startMultipageSite, type MultipageSite } from './helpers/multipage-site.js';
import { openScreen } from './helpers/screen.js';

/** The reader's pane on a multi-page article whose page 3 cannot be read: what a person sees. */
let site: MultipageSite;
beforeAll(async () => {
  site = await startMultipageSite();
});
afterAll(() => site.close());

describe('a multi-page article with a missing page, in the reader', () => {
  it('shows pages 1 and 2, says on the status line that page 3 is missing, and why at the end of the text', async () => {
    const session = await createSession({ cacheDir: mkdtempSync(path.join(os.tmpdir(), 'kiosque-multipage-')) });
    try {
      const services = createReaderServices(session, { entries: [{ url: `${site.origin}/panne.xml` }], openInBrowser: () => {} });
      const { frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'Article /2024/05/panne/');
      await press('\r', '[page 3 missing]');
      await press('G', 'Page 3 of this article could not be read');
      expect(frame()).toMatch(/─ page 2 ─/);
      expect(frame()).toContain('Page 2, paragraphe 3');
      expect(frame()).toMatch(/The server answered 404/);
      expect(frame()).toContain('[page 3 missing]');
    } finally {
      await session.close();
    }
  });
});

describe('a multi-page article whose last page is slow, in the reader', () => {
  it('shows the pages read so far at once, says the next one is loading, and joins it when it comes', async () => {
    const session = await createSession({ cacheDir: mkdtempSync(path.join(os.tmpdir(), 'kiosque-multipage-')) });
    try {
      const services = createReaderServices(session, { entries: [{ url: `${site.origin}/lent.xml` }], openInBrowser: () => {} });
      const { frame, press, waitFor } = await openScreen(<App services={services} locale="en-GB" />, 'Article /2024/05/lent/');
      await press('\r', /─ page 2 ─/);
      expect(frame()).toContain('Page 1, paragraphe 1');
      // Page 3 is still on its way: pages 1 and 2 are there to read, down to the line saying so.
      await press('G', 'page 3 is loading…');
      expect(frame()).toContain('Page 2, paragraphe 3');
      site.releaseSlowPage();
      await waitFor(/─ page 3 of 3 ─/);
      expect(frame()).not.toContain('loading');
      await press('G', 'Page 3, paragraphe 3');
    } finally {
      site.releaseSlowPage();
      await session.close();
    }
  });
});
