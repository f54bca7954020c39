import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readArticle } from '../src/app/read-article.js';
import type { ReaderServices } from '../src/app/reader-services.js';
import type { DemoServer } from '../src/demo/server.js';
import { readSources } from '../src/feeds/sources.js';
import { DiskCache } from '../src/net/cache.js';
import { HttpClient } from '../src/net/client.js';
import { App } from '../src/ui/App.js';
import { withDemo } from './helpers/demo.js';
import { openScreen } from './helpers/screen.js';

let demo: DemoServer;
beforeAll(async () => {
  demo = await withDemo();
});
afterAll(() => demo.close());

describe('the reader’s status line', () => {
  it('says "subscribers only: this is the teaser" for a teaser', async () => {
    const client = new HttpClient({ cache: new DiskCache(mkdtempSync(path.join(os.tmpdir(), 'kiosque-ui-'))) });
    const services: ReaderServices = {
      async loadHeadlines() {
        const { sources, headlines } = await readSources(client, [`${demo.origin}/gazette/feed.xml`]);
        return { headlines, errors: sources.filter((s) => s.error).map((s) => ({ source: s.title, message: s.error!.message })) };
      },
      // The demo's article, as a paywalled site would have served it.
      readArticle: async (url) => {
        const read = await readArticle(client, url);
        return { ...read, article: { ...read.article, access: 'teaser' as const } };
      },
      prefetch: () => {},
      openInBrowser: () => {},
    };
    const { press, app } = await openScreen(<App services={services} locale="fr-FR" />, 'Le conseil municipal adopte un budget en hausse');
    await press('\r', 'subscribers only: this is the teaser');
    app.unmount();
  });
});
