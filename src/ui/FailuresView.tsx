import { Box } from 'ink';
import { Text } from './Text.js';
import type { SourceError } from '../state/reader.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth } from './fit-width.js';
import { windowStart } from './scroll-window.js';
import wrapAnsi from 'wrap-ansi';

interface Props {
  errors: SourceError[];
  cursor: number;
  height: number;
  width: number;
}

/**
 * The sources that failed (E), one a row; what went wrong with the one under the cursor is
 * written out whole below them. Enter browses the source (what it kept, if anything).
 */
export function FailuresView({ errors, cursor, height, width }: Props) {
  if (errors.length === 0)
    return (
      <Box height={height}>
        <Text dimColor>No source failed.</Text>
      </Box>
    );
  const selected = errors[Math.min(cursor, errors.length - 1)];
  const detail = selected ? wrapAnsi(cleanInline(selected.message), Math.max(10, width - 2), { hard: true }).split('\n') : [];
  // The rows keep at least half the pane; the message of the selected source has the rest, after a blank line.
  const detailRows = Math.min(detail.length, Math.max(0, Math.floor(height / 2) - 1));
  const rows = Math.max(1, height - (detailRows ? detailRows + 1 : 0));
  const start = windowStart(cursor, errors.length, rows);
  return (
    <Box flexDirection="column" height={height}>
      {errors.slice(start, start + rows).map((error, offset) => {
        const here = start + offset === cursor;
        // By position: two failing sources can have the same title (two on one host).
        return (
          <Text key={`${error.url ?? ''}\u0000${start + offset}`} color={here ? 'cursor' : 'error'} bold={here} wrap="truncate-end">
            {fitWidth(`${here ? '› ' : '  '}${cleanInline(error.source)}: ${cleanInline(error.message)}`, width)}
          </Text>
        );
      })}
      {detailRows ? <Text> </Text> : null}
      {detail.slice(0, detailRows).map((line, index) => (
        <Text key={`detail-${index}`} dimColor wrap="truncate-end">
          {fitWidth(`  ${line}`, width)}
        </Text>
      ))}
    </Box>
  );
}
