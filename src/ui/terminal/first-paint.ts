import type { LoadedHeadlines } from '../../app/reader-services.js';
import type { Headline } from '../../feeds/types.js';
import { keyHints } from '../../state/keymap.js';
import type { Remembered } from '../../state/types.js';
import { isRead, type ReadMarks } from '../../store/reading-state.js';
import { cleanInline } from '../../text/sanitize.js';
import { fitWidth } from '../fit-width.js';
import { headlineRow } from '../headline-row.js';
import { viewportOf } from '../viewport-size.js';
import { colourOf, SGR, type ScreenStyle, type ThemeRole } from './style.js';

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
 * one (see takeOver), so the screen shows the headlines as soon as Node can print them.
 */
export function firstFrame({ loaded, remembered, size, now, locale, style }: FirstPaint): string[] {
  const { width, height } = viewportOf(size);
  const marks: ReadMarks = {
    read: remembered?.read ?? {},
    unread: remembered?.unread ?? {},
    readThrough: remembered?.readThrough ?? {},
  };
  const paint = (role: ThemeRole | undefined, text: string, { bold = false, dim = false } = {}) => {
    const colour = colourOf(style, role);
    if (!bold && !dim && !colour) return text;
    return `${bold ? SGR.bold : ''}${dim ? SGR.dim : ''}${SGR.fg(colour)}${text}${SGR.reset}`;
  };
  const list: List = { loaded, width, height, marks, saved: remembered?.saved ?? {}, now, locale };
  return [titleBar(list, paint), ...body(list, paint), paint(undefined, fitWidth(keyHints('list'), width), { dim: true })];
}

type Paint = (role: ThemeRole | undefined, text: string, options?: { bold?: boolean; dim?: boolean }) => string;

interface List {
  loaded: LoadedHeadlines | undefined;
  width: number;
  height: number;
  marks: ReadMarks;
  saved: Record<string, unknown>;
  now: number;
  locale: string;
}

/** TitleBar (Bars.tsx) as it is drawn on the headline list. */
function titleBar({ loaded }: List, paint: Paint): string {
  const name = paint('title', 'kiosque', { bold: true });
  if (!loaded) return `${name} ${paint('accent', '·')} loading sources…`;
  const count = loaded.headlines.length;
  return name + paint(undefined, ` ${count} headline${count === 1 ? '' : 's'}`, { dim: true });
}

/** HeadlineList (HeadlineList.tsx) with the cursor on the first row: failing sources first, then the rows, padded to its height. */
function body({ loaded, width, height, marks, saved, now, locale }: List, paint: Paint): string[] {
  const headlines: Headline[] = loaded?.headlines ?? [];
  const allErrors = loaded?.errors ?? [];
  const errors = allErrors.slice(0, Math.max(0, height - 1));
  const lines = errors.map((error) => paint('error', fitWidth(`! ${cleanInline(error.source)}: ${cleanInline(error.message)}`, width)));
  if (loaded && headlines.length === 0 && allErrors.length === 0) lines.push(paint(undefined, 'No headlines.', { dim: true }));
  const rows = Math.max(1, height - errors.length);
  headlines.slice(0, rows).forEach((headline, index) => {
    const selected = index === 0;
    const read = isRead(marks, headline);
    const row = headlineRow(headline, { selected, read, saved: Boolean(saved[headline.url]), width, now, locale });
    lines.push(
      paint(selected ? 'cursor' : undefined, row.marks, { bold: selected }) +
        paint('mark', row.star) +
        paint(selected ? 'cursor' : undefined, row.title, { bold: !read }) +
        row.gap +
        paint('meta', row.tail, { dim: true }),
    );
  });
  while (lines.length < height) lines.push('');
  return lines.slice(0, height);
}

/** Cursor to the top left, every line cleared to its end, and what is below the frame: Ink's first frame leaves nothing of this one. */
const HOME = '\u001B[H';
const CLEAR_LINE_END = '\u001B[K';
const CLEAR_BELOW = '\u001B[J';

/** Writes the first frame from the top of the (alternate) screen, the cursor left at the top for Ink to draw over. */
export function paintFirstFrame(lines: string[], write: (text: string) => void): void {
  write(HOME + lines.map((line) => line + CLEAR_LINE_END).join('\r\n') + CLEAR_BELOW + HOME);
}

/**
 * The stdout Ink is given after a first paint: its first frame is drawn from the top of the screen
 * over the painted one, each line cleared to its end and the rest of the screen below it, so that
 * whatever the two frames differ by leaves no trace. Everything else is the terminal's own stdout.
 */
export function takeOver(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  let first = true;
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    if (first && typeof chunk === 'string' && chunk.includes('\n')) {
      first = false;
      chunk = HOME + chunk.replace(/\n/g, `${CLEAR_LINE_END}\n`) + CLEAR_BELOW;
    }
    return (stdout.write as (...args: unknown[]) => boolean)(chunk, ...rest);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
