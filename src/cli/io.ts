import type { KiosqueError } from '../errors.js';
import { jsonMayHoldControls, sanitizeDeep, stripControls } from '../text/sanitize.js';

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
export function terminalIo(io: CliIo): CleanIo {
  return {
    ...io,
    stdout: (text) => io.stdout(stripControls(text)),
    stderr: (text) => io.stderr(stripControls(text)),
    stdoutClean: (text) => io.stdout(text),
  };
}

declare const clean: unique symbol;
/** A text that holds nothing stripControls removes: made only by cleanJson, below. */
export type CleanJson = string & { readonly [clean]: true };

/** The output boundary, with one more writer: for text that was cleaned on its way (see cleanJson). */
export interface CleanIo extends CliIo {
  stdoutClean: (text: CleanJson) => void;
}

/**
 * `JSON.stringify(value, null, 2)`, cleaned as `sanitizeDeep` cleans values (keys included), in one scan
 * of the text when it is clean (nearly always): the 3.3 MB of a reload's 3,000 headlines were scanned
 * twice, by the check for escaped controls and again by stdout's stripControls (~11 ms).
 */
export function cleanJson(value: unknown): CleanJson {
  const text = JSON.stringify(value, null, 2);
  // CONTROL_IN_JSON finds every character stripControls removes (and their escapes): none, the text is as clean.
  if (!jsonMayHoldControls(text)) return text as CleanJson;
  // Stripped once more as a whole: removing a character between two halves of a tag character would join them.
  return stripControls(JSON.stringify(sanitizeDeep(value), null, 2)) as CleanJson;
}
