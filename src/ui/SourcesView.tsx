import { Box, Text } from 'ink';
import type { SourceRow } from '../state/reader.js';
import { windowStart } from './scroll-window.js';

interface Props {
  rows: Array<SourceRow & { count: number; unread: number }>;
  cursor: number;
  height: number;
}

/** The reader's sources with their folders, headline and unread counts; Enter browses one. */
export function SourcesView({ rows, cursor, height }: Props) {
  if (rows.length === 0)
    return (
      <Box height={height}>
        <Text dimColor>No sources yet: add one with "kiosque sources add URL" or a on an article.</Text>
      </Box>
    );
  const start = windowStart(cursor, rows.length, height);
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(start, start + height).map((row, offset) => {
        const selected = start + offset === cursor;
        return (
          <Box key={row.url}>
            <Text color={selected ? 'cyan' : undefined} bold={selected}>
              {selected ? '› ' : '  '}
            </Text>
            <Box flexGrow={1} flexShrink={1}>
              <Text wrap="truncate-end" color={row.error ? 'red' : selected ? 'cyan' : undefined}>
                {row.group.length ? <Text dimColor>{row.group.join(' / ')} / </Text> : null}
                {row.title}
              </Text>
            </Box>
            <Text dimColor>{row.error ? ' unreachable' : ` ${row.unread}/${row.count} unread`}</Text>
          </Box>
        );
      })}
    </Box>
  );
}
