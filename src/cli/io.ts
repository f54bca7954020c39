import type { KiosqueError } from '../errors.js';
import { sanitizeDeep } from '../text/sanitize.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The terminal's width, or 80 when the output is not a terminal. */
  columns: number;
}

export function errorJson(error: KiosqueError) {
  return sanitizeDeep({ error: { code: error.code, message: error.message, url: error.url ?? null } });
}
