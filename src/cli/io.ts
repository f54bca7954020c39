import type { KiosqueError } from '../errors.js';
import { sanitizeDeep, stripControls } from '../text/sanitize.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  columns: number;
}

export function flushWarnings(warnings: string[], io: CliIo): void {
  for (const warning of warnings.splice(0)) io.stderr(`kiosque: ${stripControls(warning)}\n`);
}

export function errorJson(error: KiosqueError) {
  return sanitizeDeep({ error: { code: error.code, message: error.message, url: error.url ?? null } });
}
