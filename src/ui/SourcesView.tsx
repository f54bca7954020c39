import { Box } from 'ink';
import Spinner from 'ink-spinner';
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
  /** Sources still loading: each has its own spinner. */
  pending?: string[];
  /** Sources showing what was kept from last time. */
  kept?: Record<string, true>;
}

/** The reader's sources with their folders, headline and unread counts; Enter browses one. */
export function SourcesView({ rows, cursor, height, width, pending = [], kept = {} }: Props) {
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
  const loading = new Set(pending);
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((row, offset) => {
        const selected = start + offset === cursor;
        const status = loading.has(row.url) ? 'loading' : kept[row.url] ? 'kept' : 'done';
        const text = sourceRowText(row, width, status);
        // One Text per row, laid out by source-row.ts: never wrapped, the count always on the right.
        return (
          <Text key={keys[offset]} wrap="truncate-end">
            <Text color={selected ? 'cursor' : undefined} bold={selected}>
              {selected ? '› ' : '  '}
            </Text>
            <Text dimColor>{text.folder}</Text>
            <Text color={row.error ? 'error' : selected ? 'cursor' : undefined}>{text.title}</Text>
            {text.gap}
            {status === 'loading' ? <LoadingTail tail={text.tail} /> : <Text dimColor>{text.tail}</Text>}
          </Text>
        );
      })}
    </Box>
  );
}

/** " 3/12 ⠋ loading": the spinner takes the column left for it in the tail (source-row.ts). */
function LoadingTail({ tail }: { tail: string }) {
  const at = tail.indexOf('   loading');
  return (
    <Text dimColor>
      {tail.slice(0, at)}{' '}
      <Text color="accent">
        <Spinner type="dots" />
      </Text>
      {' loading'}
    </Text>
  );
}
