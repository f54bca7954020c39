import { spawn } from 'node:child_process';
import { render } from 'ink';
import type { GlobalOptions } from '../app/options.js';
import { createReaderServices, type ReaderServices } from '../app/reader-services.js';
import { createSession } from '../app/session.js';
import { EXIT } from '../errors.js';
import { applyKeyBindings } from '../state/keymap.js';
import { systemLocale } from '../text/locale.js';
import { stripControls } from '../text/sanitize.js';
import { isWebUrl } from '../text/url.js';
import { App } from './App.js';
import type { FirstLoad } from './useReader.js';

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

export async function runReader(named: string[], options: GlobalOptions): Promise<number> {
  const session = await createSession({
    cacheDir: options.cacheDir,
    offline: options.offline,
    timeoutMs: options.timeoutMs,
    demo: options.demo,
  });
  try {
    // The reader's own keys (config.json), into the one key table before anything shows a key.
    for (const problem of applyKeyBindings(session.settings().keys)) session.warnings.say(problem);
    const entries = await session.sourcesToRead(named, options.sourcesFile);
    const services = createReaderServices(session, { entries, openInBrowser });
    const firstLoad = await startLoading(services);
    const instance = render(<App services={services} locale={systemLocale()} firstLoad={firstLoad} />, { exitOnCtrlC: false });
    await instance.waitUntilExit();
    return EXIT.ok;
  } finally {
    // The screen is gone: what is still said (a reading change that could not be saved) goes to stderr.
    session.warnings.listen((message) => process.stderr.write(`kiosque: ${stripControls(message)}\n`));
    await session.close();
  }
}
