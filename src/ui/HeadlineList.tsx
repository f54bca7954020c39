import { Box } from 'ink';
import { Text } from './Text.js';
import type { SourceError } from '../state/reader.js';
import type { StoryRow } from '../state/selectors.js';
import type { Headline } from '../feeds/types.js';
import { fitWidth } from './fit-width.js';
import { headlineRow } from './headline-row.js';
import { failureLine } from './failure-line.js';

export { failureLine } from './failure-line.js';
import { rowKeys } from './row-keys.js';
import { windowStart } from './scroll-window.js';

/** A row: a story (state/selectors.ts storyRows), or a plain headline, which is a story of its own. */
type Row = Headline & Partial<Pick<StoryRow, 'key' | 'others'>>;

interface Props {
  headlines: Row[];
  cursor: number;
  height: number;
  width: number;
  /** Whether a row is read: the reader's isRowRead (state/selectors.ts), which knows each source's "all read" and grouped stories. */
  isRead: (row: Row) => boolean;
  saved: Record<string, unknown>;
  errors: SourceError[];
  /** Sources whose headlines are those kept from last time (not refreshed yet). */
  kept?: Record<string, true>;
  loading: boolean;
  now: number;
  locale: string;
  /** Said when there is nothing to list. */
  empty: string;
}

/** The visible window of the headline list; only those rows are rendered. */
export function HeadlineList({ headlines, cursor, height, width, isRead, saved, errors, kept = {}, loading, now, locale, empty }: Props) {
  const failed = height > 1 ? failureLine(errors) : null;
  const rows = Math.max(1, height - (failed ? 1 : 0));
  const start = windowStart(cursor, headlines.length, rows);
  const visible = headlines.slice(start, start + rows);
  // Keyed by identity (source and the headline's own id), never by a display string; a repeat still gets a key of its own.
  const keys = rowKeys(
    visible.map((row) => row.key ?? `${row.sourceUrl}\u0000${row.url}`),
    start,
  );
  return (
    <Box flexDirection="column" height={height}>
      {failed ? (
        <Text color="error" wrap="truncate-end">
          {fitWidth(failed, width)}
        </Text>
      ) : null}
      {headlines.length === 0 && !loading ? <Text dimColor>{errors.length ? 'No headlines.' : empty}</Text> : null}
      {visible.map((headline, offset) => {
        const selected = start + offset === cursor;
        const unread = !isRead(headline);
        const row = headlineRow(headline, {
          selected,
          read: !unread,
          saved: Boolean(saved[headline.url]),
          width,
          now,
          locale,
          others: headline.others?.length ?? 0,
          kept: Boolean(kept[headline.sourceUrl]),
        });
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
