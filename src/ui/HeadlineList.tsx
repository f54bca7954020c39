import { Box } from 'ink';
import { Text } from './Text.js';
import type { Headline } from '../feeds/types.js';
import type { SourceError } from '../state/reader.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth } from './fit-width.js';
import { headlineRow } from './headline-row.js';
import { rowKeys } from './row-keys.js';
import { windowStart } from './scroll-window.js';

interface Props {
  headlines: Headline[];
  cursor: number;
  height: number;
  width: number;
  /** Whether a row is read: the reader's isRead (state/selectors.ts), which knows each source's "all read". */
  isRead: (headline: Headline) => boolean;
  saved: Record<string, unknown>;
  errors: SourceError[];
  loading: boolean;
  now: number;
  locale: string;
  /** Said when there is nothing to list. */
  empty: string;
}

/** The visible window of the headline list; only those rows are rendered. */
export function HeadlineList({ headlines, cursor, height, width, isRead, saved, errors, loading, now, locale, empty }: Props) {
  const errorRows = errors.slice(0, Math.max(0, height - 1));
  const rows = Math.max(1, height - errorRows.length);
  const start = windowStart(cursor, headlines.length, rows);
  const visible = headlines.slice(start, start + rows);
  // Keyed by source and address, never by a display string: two sources can list one address.
  const keys = rowKeys(
    visible.map((headline) => `${headline.sourceUrl}\u0000${headline.url}`),
    start,
  );
  return (
    <Box flexDirection="column" height={height}>
      {/* By position: two failing sources can have the same title (e.g. two on one host). */}
      {errorRows.map((error, index) => (
        <Text key={`error-${index}`} color="error" wrap="truncate-end">
          {fitWidth(`! ${cleanInline(error.source)}: ${cleanInline(error.message)}`, width)}
        </Text>
      ))}
      {headlines.length === 0 && errors.length === 0 && !loading ? <Text dimColor>{empty}</Text> : null}
      {visible.map((headline, offset) => {
        const selected = start + offset === cursor;
        const unread = !isRead(headline);
        const row = headlineRow(headline, { selected, read: !unread, saved: Boolean(saved[headline.url]), width, now, locale });
        return (
          <Text key={keys[offset]} wrap="truncate-end">
            <Text color={selected ? 'cursor' : undefined} bold={selected}>
              {row.marks}
            </Text>
            <Text color="mark">{row.star}</Text>
            <Text color={selected ? 'cursor' : undefined} bold={unread}>
              {row.title}
            </Text>
            {row.gap}
            <Text dimColor color="meta">
              {row.tail}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
