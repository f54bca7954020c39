import { Box } from 'ink';
import { Text } from './Text.js';
import type { SourceRow } from '../state/reader.js';
import { rowKeys } from './row-keys.js';
import { windowStart } from './scroll-window.js';
import { sourceRowText } from './source-row.js';

interface Props {
  rows: Array<SourceRow & { count: number; unread: number }>;
  cursor: number;
  height: number;
  width: number;
}

/** The reader's sources with their folders, headline and unread counts; Enter browses one. */
export function SourcesView({ rows, cursor, height, width }: Props) {
  if (rows.length === 0)
    return (
      <Box height={height}>
        <Text dimColor>No sources yet: add one with "kiosque sources add URL" or a on an article.</Text>
      </Box>
    );
  const start = windowStart(cursor, rows.length, height);
  const visible = rows.slice(start, start + height);
  const keys = rowKeys(
    visible.map((row) => row.url),
    start,
  );
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((row, offset) => {
        const selected = start + offset === cursor;
        const text = sourceRowText(row, width);
        // One Text per row, laid out by source-row.ts: never wrapped, the count always on the right.
        return (
          <Text key={keys[offset]} wrap="truncate-end">
            <Text color={selected ? 'cursor' : undefined} bold={selected}>
              {selected ? '› ' : '  '}
            </Text>
            <Text dimColor>{text.folder}</Text>
            <Text color={row.error ? 'error' : selected ? 'cursor' : undefined}>{text.title}</Text>
            {text.gap}
            <Text dimColor>{text.tail}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
