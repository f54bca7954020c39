/** The system locale as POSIX tells it (LC_ALL, LC_TIME, LANG), else what ICU makes of C / POSIX / nothing: en-US. */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env['LC_ALL'] || env['LC_TIME'] || env['LANG'] || '';
  const tag = raw.split('.')[0]?.replace('_', '-');
  if (tag && tag !== 'C' && tag !== 'POSIX') {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? 'en';
    } catch {
      // fall through
    }
  }
  // ICU's default for C, POSIX or no locale at all is en_US_POSIX, which Intl calls en-US. Said here rather than
  // asked of Intl: the first Intl formatter loads ICU's data, 10 to 40 ms before the reader's first frame.
  return 'en-US';
}
