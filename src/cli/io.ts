import type { KiosqueError } from '../errors.js';
import { sanitizeDeep, stripControls } from '../text/sanitize.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal's width; undefined when the output is a pipe or a file (text is not wrapped then). */
  columns: number | undefined;
  /**
   * Lets the user choose one of `items` (arrows and Enter; Esc chooses none) on the terminal:
   * given only when stdin and stdout are a terminal. Scripts use flags instead (--pick N).
   */
  choose?: (question: string, items: string[]) => Promise<number | undefined>;
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
