import type { KiosqueError } from '../errors.js';
import { sanitizeDeep, stripControls } from '../text/sanitize.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal's width, or 80 when the output is not a terminal. */
  columns: number;
}

export function errorJson(error: KiosqueError) {
  return sanitizeDeep({ error: { code: error.code, message: error.message, url: error.url ?? null } });
}

/**
 * The command line's output boundary: every write, to stdout or stderr, JSON or text,
 * a result or a warning, has its escape sequences and control characters removed here,
 * so that no command (nor a new one) can print a hostile title raw by forgetting to.
 * Newlines and tabs, which the text output is laid out with, are kept.
 */
export function terminalIo(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(stripControls(text)), stderr: (text) => io.stderr(stripControls(text)) };
}
