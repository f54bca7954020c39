import { readListSnapshot, snapshotPlace } from '../../app/list-snapshot.js';
import type { GlobalOptions } from '../../app/options.js';
import { applyKeyBindings } from '../../state/keymap.js';
import { systemLocale } from '../../text/locale.js';
import { enterFullScreen, type FullScreen } from './alt-screen.js';
import { terminalOptions } from './options.js';
import { paintFirstFrame, paintList } from './paint-list.js';

/**
 * The first frame from the list the reader left last time (app/list-snapshot.ts), painted
 * before the reader loads what reads the cache and the sources: on a terminal, when the
 * snapshot is still true to every file it was made from. The screen it entered is given to the
 * reader (ui/run.tsx), which goes on as after any first paint; undefined when nothing was painted.
 */
export function paintKeptList(named: readonly string[], options: GlobalOptions): FullScreen | undefined {
  if (options.demo || !process.stdout.isTTY || !process.stdin.isTTY) return undefined;
  const kept = readListSnapshot(
    snapshotPlace({ cacheDir: options.cacheDir, named, sourcesFile: options.sourcesFile, offline: options.offline }),
  );
  if (!kept) return undefined;
  const { theme, mouse, browser, keys } = kept.settings;
  const terminal = terminalOptions(
    { mouse: options.mouse, color: options.color },
    { theme, mouse, ...(browser === undefined ? {} : { browser }) },
    { env: process.env, stdoutTty: true, stdinTty: true },
  );
  if (!terminal.fullScreen) return undefined;
  // The status line's keys are the reader's own (the reader applies them again, and says what is wrong with them).
  applyKeyBindings(keys);
  const screen = enterFullScreen({ mouse: terminal.mouse });
  const size = { columns: process.stdout.columns, rows: process.stdout.rows };
  paintFirstFrame(paintList(kept.model, { size, now: Date.now(), locale: systemLocale(), style: terminal.style }), (text) =>
    process.stdout.write(text),
  );
  return screen;
}
