import type { ListModel } from '../../app/list-model.js';
import { keyHints } from '../../state/keymap.js';
import { failureLine } from '../failure-line.js';
import { fitWidth } from '../fit-width.js';
import { headlineRow } from '../headline-row.js';
import { viewportOf } from '../viewport-size.js';
import { colourOf, SGR, type ScreenStyle, type ThemeRole } from './style.js';

/**
 * The headline list's first frame laid out from its model (app/list-model.ts) as plain text
 * with SGR styles: TitleBar, HeadlineList with the cursor on the first row, and the status
 * line, as Ink draws them (tests/terminal-screen.test.tsx checks it row for row). It loads
 * neither Ink nor the reducer, nor what reads the cache: the frame of the list kept from the
 * last run is painted with this module alone (terminal/kept-paint.ts).
 */
export function paintList(
  model: ListModel,
  { size, now, locale, style }: { size: { columns?: number; rows?: number }; now: number; locale: string; style: ScreenStyle },
): string[] {
  const { width, height } = viewportOf(size);
  const paint: Paint = (role, text, { bold = false, dim = false } = {}) => {
    const colour = colourOf(style, role);
    if (!bold && !dim && !colour) return text;
    return `${bold ? SGR.bold : ''}${dim ? SGR.dim : ''}${SGR.fg(colour)}${text}${SGR.reset}`;
  };
  return [
    titleBar(model, width, paint),
    ...body(model, { width, height, now, locale }, paint),
    paint(undefined, fitWidth(keyHints('list'), width), { dim: true }),
  ];
}

type Paint = (role: ThemeRole | undefined, text: string, options?: { bold?: boolean; dim?: boolean }) => string;

/** TitleBar (Bars.tsx) as it is drawn on the headline list. */
function titleBar(model: ListModel, width: number, paint: Paint): string {
  const name = paint('title', 'kiosque', { bold: true });
  if (!model.loaded) return `${name} ${paint('accent', '·')} loading sources…`;
  const count = model.stories;
  const unreadText = model.unread && width >= 50 ? ` · ${model.unread} unread` : '';
  return name + paint(undefined, ` ${count} headline${count === 1 ? '' : 's'}${unreadText}`, { dim: true });
}

/** HeadlineList (HeadlineList.tsx) with the cursor on the first row: one line for failing sources, then the stories, padded to its height. */
function body(
  model: ListModel,
  { width, height, now, locale }: { width: number; height: number; now: number; locale: string },
  paint: Paint,
): string[] {
  const failed = height > 1 ? failureLine(model.errors) : null;
  const lines = failed ? [paint('error', fitWidth(failed, width))] : [];
  if (model.loaded && model.rows.length === 0) lines.push(paint(undefined, 'No headlines.', { dim: true }));
  const rows = Math.max(1, height - (failed ? 1 : 0));
  model.rows.slice(0, rows).forEach(({ headline, others, read, saved }, index) => {
    const selected = index === 0;
    const row = headlineRow(headline, { selected, read, saved, width, now, locale, others });
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
