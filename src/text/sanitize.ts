/**
 * Text from the web is untrusted: a page, a feed, a URL or a header may carry
 * ANSI escape sequences, C0/C1 control characters or bidi overrides that would
 * take over the reader's terminal. Every string that leaves the core goes
 * through one of these functions.
 */

// ESC-introduced sequences (CSI, OSC, DCS, single-character escapes) first, so
// their parameters do not survive as visible garbage once ESC itself is gone.
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[PX^_][^\u001B]*(?:\u001B\\)?|[@-Z\\-_])/g;
// C1 CSI (U+009B) followed by its parameters.
const C1_CSI_SEQUENCE = /\u009B[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab/newline, DEL, C1 controls, bidi marks (LRM, RLM, the Arabic
// letter mark U+061C), embeddings, overrides and isolates, line/paragraph separators,
// BOM, and the invisible characters that hide text or make two strings look alike:
// zero-width space U+200B, word joiner and invisible operators U+2060–U+2064, the
// deprecated format controls U+206A–U+206F, the Mongolian vowel separator U+180E,
// interlinear annotations U+FFF9–U+FFFB, and the tag block U+E0000–U+E007F (written
// as its UTF-16 surrogate pairs: the one use of tags, subdivision flags such as 🏴 of
// Scotland, degrades to the plain black flag).
// ZWNJ U+200C and ZWJ U+200D are kept on purpose: emoji sequences (👨‍👩‍👧, 🏳️‍🌈) are
// joined by ZWJ, and Persian, Arabic and Indic scripts need both to shape words
// correctly; neither moves the cursor, reorders text or talks to the terminal.
const CONTROL =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u2028\u2029\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
// The runs of white space cleanInline folds to one space: any run of two or more, and a lone
// character other than a space or a non-breaking space (a lone space needs no change: matching
// only what changes leaves most texts uncopied, and needs no function called per run).
const SPACES_TO_FOLD = /[\t\n\r\f\v\u0020\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]{2,}|[\t\n\r\f\v\u1680\u2000-\u200A\u205F\u3000]/g;
const HORIZONTAL_SPACES = /[\t\f\v\u0020\u1680\u2000-\u200A\u205F\u3000]+/g;

/** Any character CONTROL removes: ESC (U+001B) and CSI (U+009B), which start the sequences, are among them. */
const ANY_CONTROL = new RegExp(CONTROL.source);

/**
 * What a JSON text (JSON.stringify's) shows of what stripControls removes: the characters it writes as
 * they are, and the escapes of C0 controls (\b, \f, \r, \u00XX; the tab and the newline are kept).
 * A backslash of the data followed by one of those letters (\\b) also matches: a false alarm, never a miss.
 */
const CONTROL_IN_JSON = new RegExp(`\\\\[bfr]|\\\\u00[01]|${CONTROL.source}`);

/** Whether a JSON text may hold anything stripControls removes; if not, it is the text of its value cleaned by sanitizeDeep. */
export function jsonMayHoldControls(json: string): boolean {
  return CONTROL_IN_JSON.test(json);
}

/** Removes escape sequences and control characters, keeping tabs and newlines. */
export function stripControls(text: string): string {
  // Clean text (nearly all of it) is scanned once, not three times: 3,000 headlines printed, or a 2 MB JSON document.
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_CSI_SEQUENCE, '').replace(CONTROL, '');
}

/**
 * One line of text: controls removed, every run of white space folded to one
 * space. Non-breaking spaces (U+00A0, U+202F) are kept as they are when alone,
 * because French typography uses them before « : ; ! ? » and the wrapper must
 * not break there.
 */
export function cleanInline(text: string): string {
  return stripControls(text).replace(SPACES_TO_FOLD, ' ').trim();
}

/** Text that may keep line breaks (a preformatted block): controls out, lines kept. */
export function cleanMultiline(text: string): string {
  return stripControls(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => line.replace(HORIZONTAL_SPACES, ' ').trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Deep-cleans every string of a JSON-ready value, object keys included (an OPML
 * file's attribute names are kept as keys and are as untrusted as its values);
 * used before `--json` output.
 */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => sanitizeDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[stripControls(key)] = sanitizeDeep(item);
    return out as T;
  }
  return value;
}

/**
 * A string as it may be drawn on the screen: no escape sequence and no control
 * character but the newline (a tab would be drawn at the terminal's tab stops,
 * not where Ink measured it, so it becomes a space).
 */
export function screenText(text: string): string {
  const clean = stripControls(text);
  return clean.includes('\t') ? clean.replace(/\t/g, ' ') : clean;
}
