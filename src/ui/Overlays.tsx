import { Box } from 'ink';
import { Text } from './Text.js';
import { BINDINGS } from '../state/keymap.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth } from './fit-width.js';
import { windowStart } from './scroll-window.js';

/** Columns the keys take in the help, before what they do. */
const KEYS_WIDTH = 14;
/** The narrowest a help column is worth: what a key does must be readable, not cut to a few letters. */
const MIN_COLUMN = 50;

/**
 * Every key of the table: in as many columns as the width holds whole (and the height needs);
 * when they do not fit, one column that j / k scroll (`first`: the first row shown).
 */
export function HelpScreen({ height, width, first = 0 }: { height: number; width: number; first?: number }) {
  const rows = BINDINGS.filter((binding) => binding.help);
  const perColumn = Math.max(1, height - 2);
  const fits = Math.max(1, Math.floor(width / MIN_COLUMN));
  const columnCount = Math.min(fits, Math.ceil(rows.length / perColumn));
  const scrolls = columnCount * perColumn < rows.length;
  const top = scrolls ? Math.max(0, Math.min(first, rows.length - perColumn)) : 0;
  const shown = rows.slice(top, top + columnCount * perColumn);
  const columns = Array.from({ length: columnCount }, (_, index) => shown.slice(index * perColumn, (index + 1) * perColumn));
  const columnWidth = Math.floor(width / columnCount);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys</Text>
      <Box>
        {columns.map((column, index) => (
          <Box key={index} flexDirection="column" width={columnWidth}>
            {column.map((binding) => (
              <Text key={binding.help!.keys} wrap="truncate-end">
                <Text color="cyan">{binding.help!.keys.padEnd(KEYS_WIDTH)}</Text>
                {fitWidth(binding.help!.what, Math.max(0, columnWidth - KEYS_WIDTH - 1))}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {fitWidth(
          scrolls
            ? `${top + 1}–${Math.min(rows.length, top + perColumn)} of ${rows.length} · j k scroll · Esc or ? to close`
            : 'Esc or ? to close',
          width,
        )}
      </Text>
    </Box>
  );
}

interface LinksProps {
  links: Array<{ label: string; title: string; url: string }>;
  cursor: number;
  height: number;
  width: number;
}

export function LinksList({ links, cursor, height, width }: LinksProps) {
  const rows = Math.max(1, height - 2);
  const start = windowStart(cursor, links.length, rows);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold wrap="truncate-end">
        {fitWidth('Links of this article (Enter to open, Esc to close)', width)}
      </Text>
      {links.slice(start, start + rows).map((link, offset) => {
        const selected = start + offset === cursor;
        return (
          <Text key={link.url + link.label} color={selected ? 'cyan' : undefined} wrap="truncate-end">
            {fitWidth(`${selected ? '› ' : '  '}${cleanInline(link.label)} ${cleanInline(link.title)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}
