import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { render } from 'ink';
import { createContext, resolveSources } from '../app/context.js';
import { createReaderServices } from '../app/reader-services.js';
import type { GlobalOptions } from '../cli/args.js';
import type { SourceEntry } from '../store/sources.js';
import { EXIT } from '../errors.js';
import { App } from './App.js';
import type { FirstLoad, ReaderServices } from './services.js';
import { systemLocale } from './relative-time.js';
import { isWebUrl } from '../text/url.js';

/** Opens a URL in the system browser, never through a shell. */
export function openInBrowser(url: string): void {
  if (!isWebUrl(url)) return;
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

/**
 * How long the screen waits for the sources before its first frame. From a warm cache
 * they come well within it, and the first frame is the headline list rather than a
 * "loading" frame that is redrawn at once; from the network the loading frame shows.
 */
const FIRST_FRAME_WAIT_MS = 200;

async function startLoading(services: ReaderServices): Promise<FirstLoad> {
  const pending = services.loadHeadlines();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = await Promise.race([
    pending.catch(() => undefined),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), FIRST_FRAME_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return settled ? { pending, settled } : { pending };
}

export async function runReader(positional: string[], options: GlobalOptions): Promise<number> {
  let demo: { sources: string[]; close: () => Promise<void> } | undefined;
  if (options.demo) {
    const { startDemoServer } = await import('../demo/server.js');
    demo = await startDemoServer();
  }
  // The demo's addresses change every run: its pages and reading marks are kept apart, in a temporary folder.
  const demoDir = demo ? mkdtempSync(path.join(os.tmpdir(), 'kiosque-demo-')) : undefined;
  const cacheDir = options.cacheDir ?? (demoDir ? path.join(demoDir, 'cache') : undefined);
  const context = createContext({ ...options, cacheDir });
  const entries: SourceEntry[] = demo ? demo.sources.map((url) => ({ url })) : await resolveSources(positional, options.sourcesFile, (m) => context.warnings.push(m));
  const services = createReaderServices({
    client: context.client,
    entries,
    dataDir: demoDir ? path.join(demoDir, 'data') : undefined,
    canAddSources: !demo,
    openInBrowser,
    startupWarnings: context.warnings,
  });
  const firstLoad = await startLoading(services);
  const instance = render(<App services={services} locale={systemLocale()} firstLoad={firstLoad} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
  await demo?.close();
  return EXIT.ok;
}
