import type { SourceError } from '../app/reader-services.js';
import { cleanInline } from '../text/sanitize.js';

/**
 * The line failing sources take above the headlines: one, however many failed, so that the
 * headlines keep the screen (E lists them with what went wrong).
 */
export function failureLine(errors: SourceError[]): string | null {
  if (errors.length === 0) return null;
  if (errors.length === 1) return `! ${cleanInline(errors[0]!.source)}: ${cleanInline(errors[0]!.message)} (E for details)`;
  return `! ${errors.length} sources failed: E shows them`;
}
