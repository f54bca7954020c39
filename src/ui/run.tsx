import type { GlobalOptions } from '../app/options.js';
import { openInBrowser } from '../app/open-in-browser.js';
import { createReaderServices, type ReaderServices } from '../app/reader-services.js';
import { listModel } from '../app/list-model.js';
import { snapshotPlace, writeListSnapshot } from '../app/list-snapshot.js';
import type { LoadedHeadlines } from '../app/reader-services.js';
import { createSession, type Session } from '../app/session.js';
import { EXIT } from '../errors.js';
import { applyKeyBindings } from '../state/keymap.js';
import { systemLocale } from '../text/locale.js';
import { stripControls } from '../text/sanitize.js';
import { enterFullScreen, type FullScreen } from './terminal/alt-screen.js';
import { firstFrame } from './terminal/first-paint.js';
import { paintFirstFrame } from './terminal/paint-list.js';
import { type TerminalSettings, terminalOptions } from './terminal/options.js';
import type { FirstLoad } from './useReader.js';
import { SourceProgress } from './source-progress.js';

/**
 * How long the screen waits for the sources before its first frame. From a warm cache
 * they come well within it, and the first frame is the headline list rather than a
 * "loading" frame that is redrawn at once; from the network the loading frame shows.
 */
const FIRST_FRAME_WAIT_MS = 200;

async function startLoading(services: ReaderServices): Promise<FirstLoad> {
  // Sources that come before the screen opens are kept for it (headlines kept from last time come first).
  const progress = new SourceProgress();
  const pending = services.loadHeadlines({ onSource: progress.push });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settled = await Promise.race([
    pending.catch(() => undefined),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), FIRST_FRAME_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  return settled ? { pending, settled } : { pending, progress };
}

/**
 * Minutes between two readings of the sources while the reader is open: --refresh, else
 * $KIOSQUE_REFRESH_MINUTES, else the setting (15 by default); the demo never (its pages do not
 * change) unless --refresh asks.
 */
function refreshMs(options: GlobalOptions, settingMinutes: number): number {
  const fromEnv = Number(process.env['KIOSQUE_REFRESH_MINUTES']);
  const envMinutes = process.env['KIOSQUE_REFRESH_MINUTES'] && Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : undefined;
  const minutes = options.refreshMinutes ?? (options.demo ? 0 : (envMinutes ?? settingMinutes));
  return Math.round(minutes * 60_000);
}

/**
 * The reader. Nothing here loads Ink or React: on a terminal, the first frame is painted from
 * the headlines kept in the cache (terminal/first-paint.ts) on the alternate screen, and only
 * then are Ink and React loaded (mount.tsx) to take the screen over. The terminal is given back
 * however the reader ends (terminal/alt-screen.ts).
 */
export async function runReader(named: string[], options: GlobalOptions, painted?: FullScreen): Promise<number> {
  const session = await createSession({
    cacheDir: options.cacheDir,
    offline: options.offline,
    timeoutMs: options.timeoutMs,
    demo: options.demo,
  });
  // The settings in config.json (store/settings.ts: one plain read, a bad value said and its default used).
  const settings = session.settings();
  const fromSettings: TerminalSettings = { theme: settings.theme, mouse: settings.mouse, browser: settings.browser };
  const terminal = terminalOptions({ mouse: options.mouse, color: options.color }, fromSettings, {
    env: process.env,
    stdoutTty: Boolean(process.stdout.isTTY),
    stdinTty: Boolean(process.stdin.isTTY),
  });
  // Entered already when the list kept from last time was painted (terminal/kept-paint.ts).
  let screen: FullScreen | undefined = painted;
  let services: ReaderServices | undefined;
  try {
    // The reader's own keys (config.json), into the one key table before anything shows a key (the first paint's status line too).
    for (const problem of applyKeyBindings(settings.keys)) session.warnings.say(problem);
    const entries = await session.sourcesToRead(named, options.sourcesFile);
    services = createReaderServices(session, {
      entries,
      openInBrowser: (url, say) => {
        const foreground = <T,>(program: () => T): T => (screen ? screen.foreground(program) : program());
        openInBrowser(url, { browsers: terminal.browsers, foreground }, say).catch((error: unknown) =>
          say?.(`The page could not be opened: ${String((error as Error)?.message ?? error)}`),
        );
      },
    });
    const firstLoad = await startLoading(services);
    const locale = systemLocale();
    const now = Date.now();
    if (terminal.fullScreen && !screen) {
      screen = enterFullScreen({ mouse: terminal.mouse });
      const size = { columns: process.stdout.columns, rows: process.stdout.rows };
      const lines = firstFrame({ loaded: firstLoad.settled, remembered: services.remembered, size, now, locale, style: terminal.style });
      paintFirstFrame(lines, (text) => process.stdout.write(text));
    }
    const { mountReader } = await withColourLevel(terminal.style.colour, () => import('./mount.js'));
    await mountReader({
      services,
      locale,
      now,
      firstLoad,
      style: terminal.style,
      painted: screen !== undefined,
      mouse: terminal.mouse,
      refreshMs: refreshMs(options, session.settings().refreshMinutes),
    });
    return EXIT.ok;
  } finally {
    // Before anything more is said: on the shell's screen, not on the reader's that is about to go.
    screen?.restore();
    // The screen is gone: what is still said (a reading change that could not be saved) goes to stderr.
    session.warnings.listen((message) => process.stderr.write(`kiosque: ${stripControls(message)}\n`));
    await session.close();
    if (screen && !options.demo) keepList(session, services?.lastLoaded?.(), { named, options });
  }
}

/**
 * The list as the reader leaves it, for the next start's first frame (app/list-snapshot.ts):
 * written last, once the reading state and the cache's ledger are (its stamps are of them as they end).
 */
function keepList(session: Session, loaded: LoadedHeadlines | undefined, { named, options }: { named: string[]; options: GlobalOptions }) {
  if (!loaded) return;
  session.cache.close();
  const settings = session.settings();
  const place = snapshotPlace({ cacheDir: options.cacheDir, named, sourcesFile: options.sourcesFile, offline: options.offline });
  const rows = Math.max(process.stdout.rows || 0, KEPT_ROWS);
  writeListSnapshot(place, {
    settings: { theme: { ...settings.theme }, mouse: settings.mouse, browser: settings.browser, keys: settings.keys },
    model: listModel(loaded, session.readingState().current(), rows),
  });
}

/** Rows of the list kept for the next first frame: a terminal taller than the one it is left on still fills. */
const KEPT_ROWS = 120;

/**
 * Ink colours through chalk, which decides once, as it loads, from FORCE_COLOR and the terminal.
 * When the reader is to have colour where chalk would see none (--color=always into a pipe or on
 * TERM=dumb), chalk is told so while it loads; the variable is then put back, so that no program
 * the reader starts (a browser) inherits it. Without colour, Text draws none (see ../Text.tsx).
 */
async function withColourLevel<T>(colour: boolean, load: () => Promise<T>): Promise<T> {
  const before = process.env['FORCE_COLOR'];
  const chalkSeesColour = Boolean(process.stdout.isTTY) && process.env['TERM'] !== 'dumb' && before !== '0' && before !== 'false';
  if (!colour || chalkSeesColour) return load();
  process.env['FORCE_COLOR'] = '1';
  try {
    return await load();
  } finally {
    if (before === undefined) delete process.env['FORCE_COLOR'];
    else process.env['FORCE_COLOR'] = before;
  }
}
