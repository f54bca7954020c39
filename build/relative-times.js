// The headline list's relative times ("3 hr. ago", "il y a 3 h"), written out at build time for
// the locales most readers have, with Intl as the reader itself would format them. Loading ICU's
// data for the first Intl formatter costs 10 to 40 ms of a start-up, before the first frame; the
// bundled reader looks these up instead (src/ui/relative-time.ts) and asks Intl only for other
// locales or values. build/bundle.js defines __KIOSQUE_RELATIVE_TIMES__ with this table (relativeTimesDefine).

export const RELATIVE_TIME_LOCALES = ['en', 'en-US', 'en-GB', 'fr', 'fr-FR', 'de', 'de-DE', 'es', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR'];

/** The values each unit is said with (src/ui/relative-time.ts rounds to these), past and future. */
export const RELATIVE_TIME_VALUES = { minute: 60, hour: 24, day: 7, week: 5, month: 13, year: 30 };

/** locale → JSON of { "unit value": text }, for value 0 minute and ±1..max of each unit. */
export function relativeTimeTable(locales = RELATIVE_TIME_LOCALES) {
  const table = {};
  for (const locale of locales) {
    const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'short' });
    const texts = { 'minute 0': format.format(0, 'minute') };
    for (const [unit, max] of Object.entries(RELATIVE_TIME_VALUES)) {
      for (let value = 1; value <= max; value++) {
        texts[`${unit} ${value}`] = format.format(value, unit);
        texts[`${unit} ${-value}`] = format.format(-value, unit);
      }
    }
    table[locale] = JSON.stringify(texts);
  }
  return table;
}

/**
 * The table as esbuild's define for __KIOSQUE_RELATIVE_TIMES__: a string literal (the table's JSON),
 * inlined where it is read. An object would be a module of its own, initialised by every chunk.
 */
export function relativeTimesDefine(table = relativeTimeTable()) {
  return JSON.stringify(JSON.stringify(table));
}
