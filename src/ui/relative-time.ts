const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// Made once per locale: every row of every frame asks, and making one loads locale data.
const formats = new Map<string, Intl.RelativeTimeFormat>();
function formatFor(locale: string): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
    formats.set(locale, format);
  }
  return format;
}

/**
 * In the bundled reader: the texts Intl gives for common locales, written out at build time
 * (build/relative-times.js), as the JSON of locale → JSON of { "unit value": text }. The first Intl
 * formatter loads ICU's data (10 to 40 ms of a start-up); the headline list's first frame needs none.
 * A string, parsed on first use: defined as an object, esbuild made it a module of its own that every
 * chunk of the bundle initialised as it loaded, the command line's included.
 */
declare const __KIOSQUE_RELATIVE_TIMES__: string | undefined;
let written: Record<string, string> | undefined;
const tables = new Map<string, Record<string, string> | undefined>();
function writtenText(locale: string, unit: Intl.RelativeTimeFormatUnit, value: number): string | undefined {
  written ??= typeof __KIOSQUE_RELATIVE_TIMES__ === 'string' ? (JSON.parse(__KIOSQUE_RELATIVE_TIMES__) as Record<string, string>) : {};
  if (!tables.has(locale))
    tables.set(locale, Object.hasOwn(written, locale) ? (JSON.parse(written[locale]!) as Record<string, string>) : undefined);
  return tables.get(locale)?.[`${unit} ${value}`];
}

function say(locale: string, value: number, unit: Intl.RelativeTimeFormatUnit): string {
  return writtenText(locale, unit, value) ?? formatFor(locale).format(value, unit);
}

/** "il y a 3 h" / "3h ago", in the reader's locale. */
export function relativeTime(iso: string | null, now: number, locale: string): string {
  if (!iso) return '';
  const seconds = (Date.parse(iso) - now) / 1000;
  if (Number.isNaN(seconds)) return '';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return say(locale, Math.round(seconds / size), unit);
  }
  return say(locale, 0, 'minute');
}
