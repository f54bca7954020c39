import { listModel } from '../../app/list-model.js';
import type { LoadedHeadlines } from '../../app/reader-services.js';
import type { Remembered } from '../../state/types.js';
import { viewportOf } from '../viewport-size.js';
import { paintList } from './paint-list.js';
import type { ScreenStyle } from './style.js';

export interface FirstPaint {
  /** The sources' headlines when they came in time; undefined while they are still loading. */
  loaded: LoadedHeadlines | undefined;
  remembered: Remembered | undefined;
  size: { columns?: number; rows?: number };
  now: number;
  locale: string;
  style: ScreenStyle;
}

/**
 * The reader's first frame as plain text with SGR styles, drawn before Ink and React are
 * loaded (they are most of a start-up): the state the reader starts in (the headline list, its
 * cursor on the first row, the read marks and saves of earlier runs), the same row layout
 * (headline-row.ts), the same title bar and status line. It imports neither the reducer nor the
 * article layout, which would load more than a first frame needs; tests/terminal-screen.test.tsx
 * checks it, row for row, against the first frame Ink draws. Ink then draws that frame over this
 * one (see takeOver in paint-list.ts), so the screen shows the headlines as soon as Node can print them.
 */
export function firstFrame({ loaded, remembered, size, now, locale, style }: FirstPaint): string[] {
  return paintList(listModel(loaded, remembered, viewportOf(size).height), { size, now, locale, style });
}
