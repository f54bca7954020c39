import type { LoadedHeadlines } from '../../app/reader-services.js';
import { keyHints } from '../../state/keymap.js';
import { initialState, readerReducer, type ReaderState, type Remembered, visibleHeadlines } from '../../state/reader.js';
import { isRead } from '../../state/selectors.js';
import { cleanInline } from '../../text/sanitize.js';
import { fitWidth } from '../fit-width.js';
import { headlineRow } from '../headline-row.js';
import { windowStart } from '../scroll-window.js';
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
 * loaded (they are most of a start-up): the same state the reader starts from (initialState,
 * then the loaded headlines through the reducer), the same row layout (headline-row.ts), the
 * same title bar and status line. Ink then draws its first frame over it, row for row (see
 * takeOver), so the screen shows the headlines as soon as Node can print them.
 */
export function firstFrame({ loaded, remembered, size, now, locale, style }: FirstPaint): string[] {
  const viewport = viewportOf(size);
  const start = initialState({ viewport, locale, ...(remembered ? { remembered } : {}) });
  const state = loaded ? readerReducer(start, { type: 'sources/loaded', ...loaded }) : start;
  const paint = (role: ThemeRole | undefined, text: string, { bold = false, dim = false } = {}) => {
    const colour = colourOf(style, role);
    if (!bold && !dim && !colour) return text;
    return `${bold ? SGR.bold : ''}${dim ? SGR.dim : ''}${SGR.fg(colour)}${text}${SGR.reset}`;
  };
  return [titleBar(state, paint), ...body(state, paint, now, locale), paint(undefined, fitWidth(keyHints('list'), viewport.width), { dim: true })];
}

type Paint = (role: ThemeRole | undefined, text: string, options?: { bold?: boolean; dim?: boolean }) => string;

/** TitleBar (Bars.tsx) as it is drawn on the headline list. */
function titleBar(state: ReaderState, paint: Paint): string {
  const name = paint('title', 'kiosque', { bold: true });
  if (state.loadingSources) return `${name} ${paint('accent', '·')} loading sources…`;
  const count = visibleHeadlines(state).length;
  return name + paint(undefined, ` ${count} headline${count === 1 ? '' : 's'}`, { dim: true });
}

/** HeadlineList (HeadlineList.tsx) for the whole list: failing sources first, then the window of rows, padded to its height. */
function body(state: ReaderState, paint: Paint, now: number, locale: string): string[] {
  const { width, height } = state.viewport;
  const headlines = visibleHeadlines(state);
  const errors = state.sourceErrors.slice(0, Math.max(0, height - 1));
  const lines = errors.map((error) => paint('error', fitWidth(`! ${cleanInline(error.source)}: ${cleanInline(error.message)}`, width)));
  if (headlines.length === 0 && state.sourceErrors.length === 0 && !state.loadingSources) lines.push(paint(undefined, 'No headlines.', { dim: true }));
  const rows = Math.max(1, height - errors.length);
  const cursor = state.place.kind === 'list' ? state.place.cursor : 0;
  const first = windowStart(cursor, headlines.length, rows);
  headlines.slice(first, first + rows).forEach((headline, offset) => {
    const selected = first + offset === cursor;
    const read = isRead(state, headline);
    const row = headlineRow(headline, { selected, read, saved: Boolean(state.saved[headline.url]), width, now, locale });
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
