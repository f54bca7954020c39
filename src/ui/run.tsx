import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink';
import { createContext, resolveSourceUrls } from '../app/context.js';
import { readArticle } from '../app/read-article.js';
import type { GlobalOptions } from '../cli/args.js';
import { EXIT } from '../errors.js';
import { readSources } from '../feeds/sources.js';
import { App } from './App.js';
import { systemLocale } from './relative-time.js';
import type { ReaderServices } from './services.js';

/** Opens a URL in the system browser, never through a shell. */
export function openInBrowser(url: string): void {
  if (!/^https?:\/\//i.test(url)) return;
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['explorer.exe', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', shell: false });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser available: nothing to do, the reader stays as it is.
  }
}

export async function runReader(positional: string[], options: GlobalOptions): Promise<number> {
  let demo: { sources: string[]; close: () => Promise<void> } | undefined;
  if (options.demo) {
    const { startDemoServer } = await import('../demo/server.js');
    demo = await startDemoServer();
  }
  // The demo's addresses change every run: its pages are cached apart, in a temporary folder.
  const cacheDir = options.cacheDir ?? (demo ? mkdtempSync(path.join(os.tmpdir(), 'kiosque-demo-')) : undefined);
  const context = createContext({ ...options, cacheDir });
  const urls = demo ? demo.sources : await resolveSourceUrls(positional, options.sourcesFile, (m) => context.warnings.push(m));
  const articles = new Map<string, ReturnType<typeof readArticle>>();
  const read = (url: string) => {
    let pending = articles.get(url);
    if (!pending) {
      pending = readArticle(context.client, url);
      // A failure is not remembered: going back to the page tries again.
      pending.catch(() => articles.delete(url));
      articles.set(url, pending);
    }
    return pending;
  };
  const services: ReaderServices = {
    async loadHeadlines() {
      const { sources, headlines } = await readSources(context.client, urls);
      return { headlines, errors: sources.filter((s) => s.error).map((s) => ({ source: s.title, message: s.error?.message ?? '' })) };
    },
    readArticle: read,
    prefetch: (links) => {
      for (const url of links) read(url).catch(() => {});
    },
    openInBrowser,
  };
  const instance = render(<App services={services} locale={systemLocale()} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
  await demo?.close();
  return EXIT.ok;
}
