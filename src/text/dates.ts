export interface NormalizedDate {
  iso: string;
  epoch: number;
  /** The source wrote a non-UTC offset, i.e. the site's local time. */
  hasLocalOffset: boolean;
}

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Any date string to ISO 8601. An ISO date with an offset keeps its offset
 * (readers care when it was written, in the site's time); anything else
 * Date can parse is given in UTC; the rest is null.
 */
export function normalizeDate(raw: string | undefined | null): NormalizedDate | null {
  if (!raw) return null;
  const text = raw.trim();
  const match = ISO_WITH_OFFSET.exec(text);
  if (match) {
    const [, y, mo, d, h, mi, s = '00', zone = 'Z'] = match;
    const offset = zone.toUpperCase() === 'Z' ? '+00:00' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${offset === '+00:00' ? 'Z' : offset}`;
    const epoch = Date.parse(iso);
    if (Number.isNaN(epoch)) return null;
    return {
      iso: offset === '+00:00' ? new Date(epoch).toISOString().replace('.000Z', 'Z') : iso,
      epoch,
      hasLocalOffset: offset !== '+00:00' && offset !== '-00:00',
    };
  }
  const epoch = Date.parse(text);
  if (Number.isNaN(epoch)) return null;
  const year = new Date(epoch).getUTCFullYear();
  if (year < 1990 || year > 2200) return null;
  return { iso: new Date(epoch).toISOString().replace('.000Z', 'Z'), epoch, hasLocalOffset: false };
}
