import { Box, Text } from 'ink';
import type { Headline } from '../feeds/types.js';
import type { SourceError } from '../state/reader.js';
import { relativeTime } from './relative-time.js';

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

const MAX_SOURCE = 28;

/** The visible window of the headline list; only those rows are rendered. */
export function HeadlineList({ headlines, cursor, height, width, read, saved, errors, loading, now, locale, empty }: Props) {
  const errorRows = errors.slice(0, Math.max(0, height - 1));
  const rows = Math.max(1, height - errorRows.length);
  const start = Math.min(Math.max(0, cursor - Math.floor(rows / 2)), Math.max(0, headlines.length - rows));
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
        const index = start + offset;
        const selected = index === cursor;
        const when = relativeTime(headline.published, now, locale);
        const source = headline.source.length > MAX_SOURCE ? `${headline.source.slice(0, MAX_SOURCE - 1)}…` : headline.source;
        const tail = ` ${source}${when ? ` · ${when}` : ''}`;
        return (
          <Box key={headline.url} width={width}>
            {/* The marks and the source never shrink: a 10,000-character title is what gets cut. */}
            <Box flexShrink={0}>
              <Text color={selected ? 'cyan' : undefined} bold={selected}>{selected ? '›' : ' '}{read[headline.url] ? ' ' : '•'}</Text>
              <Text color="magenta">{saved[headline.url] ? '★ ' : '  '}</Text>
            </Box>
            <Box flexGrow={1} flexShrink={1}>
              <Text wrap="truncate-end" color={selected ? 'cyan' : undefined} bold={!read[headline.url]}>{headline.title}</Text>
            </Box>
            <Box flexShrink={0}>
              <Text dimColor>{tail}</Text>
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
