import { Box, Text } from 'ink';
import type { Headline } from '../feeds/types.js';
import type { SourceError } from '../state/reader.js';
import { headlineRow } from './headline-row.js';
import { windowStart } from './scroll-window.js';

interface Props {
  headlines: Headline[];
  cursor: number;
  height: number;
  width: number;
  read: Record<string, true>;
  saved: Record<string, unknown>;
  errors: SourceError[];
  loading: boolean;
  now: number;
  locale: string;
  /** Said when there is nothing to list. */
  empty: string;
}

/** The visible window of the headline list; only those rows are rendered. */
export function HeadlineList({ headlines, cursor, height, width, read, saved, errors, loading, now, locale, empty }: Props) {
  const errorRows = errors.slice(0, Math.max(0, height - 1));
  const rows = Math.max(1, height - errorRows.length);
  const start = windowStart(cursor, headlines.length, rows);
  const visible = headlines.slice(start, start + rows);
  return (
    <Box flexDirection="column" height={height}>
      {errorRows.map((error) => (
        <Text key={error.source} color="red" wrap="truncate-end">
          ! {error.source}: {error.message}
        </Text>
      ))}
      {headlines.length === 0 && errors.length === 0 && !loading ? <Text dimColor>{empty}</Text> : null}
      {visible.map((headline, offset) => {
        const selected = start + offset === cursor;
        const unread = !read[headline.url];
        const row = headlineRow(headline, { selected, read: !unread, saved: Boolean(saved[headline.url]), width, now, locale });
        return (
          <Text key={headline.url} wrap="truncate-end">
            <Text color={selected ? 'cyan' : undefined} bold={selected}>{row.marks}</Text>
            <Text color="magenta">{row.star}</Text>
            <Text color={selected ? 'cyan' : undefined} bold={unread}>{row.title}</Text>
            {row.gap}
            <Text dimColor>{row.tail}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
