/** The system locale as POSIX tells it (LC_ALL, LC_TIME, LANG), else Intl's default. */
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
  // The formatter the list needs anyway, rather than a date formatter and its calendar data.
  return new Intl.RelativeTimeFormat().resolvedOptions().locale || 'en';
}
