import { render } from 'ink';
import type { ReaderServices } from '../app/reader-services.js';
import { App } from './App.js';
import { takeOver } from './terminal/paint-list.js';
import type { ScreenStyle } from './terminal/style.js';
import { ScreenStyleContext } from './Text.js';
import type { FirstLoad } from './useReader.js';

export interface MountOptions {
  services: ReaderServices;
  locale: string;
  /** The clock the first paint used: the first frame says "3 h ago" as it did. */
  now: number;
  firstLoad: FirstLoad;
  style: ScreenStyle;
  /** A first frame is on screen already (run.tsx): Ink's first frame is drawn over it. */
  painted: boolean;
  mouse: boolean;
  /** Read the sources again this often (ms); none when 0. */
  refreshMs?: number;
}

/** Ink and React, loaded by run.tsx after the first paint: the reader until it quits. */
export async function mountReader({ services, locale, now, firstLoad, style, painted, mouse, refreshMs = 0 }: MountOptions): Promise<void> {
  const instance = render(
    <ScreenStyleContext value={style}>
      <App services={services} locale={locale} now={now} firstLoad={firstLoad} mouse={mouse} refreshMs={refreshMs} />
    </ScreenStyleContext>,
    { exitOnCtrlC: false, ...(painted ? { stdout: takeOver(process.stdout) } : {}) },
  );
  await instance.waitUntilExit();
}
