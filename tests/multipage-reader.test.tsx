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
