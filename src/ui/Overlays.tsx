import { Box } from 'ink';
import { Text } from './Text.js';
import { BINDINGS } from '../state/keymap.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth } from './fit-width.js';
import { windowStart } from './scroll-window.js';

/** Columns the keys take in the help, before what they do. */
const KEYS_WIDTH = 14;

/**
 * Every key of the table, each line whole: in as many columns as the width holds (and the height
 * needs); on a narrow screen what a key does goes on the line under it; when they do not all fit,
 * j / k scroll them (`first`: the first key shown).
 */
export function HelpScreen({ height, width, first = 0 }: { height: number; width: number; first?: number }) {
  const rows = BINDINGS.filter((binding) => binding.help);
  const longest = Math.max(...rows.map((binding) => binding.help!.what.length));
  // Too narrow for a key and what it does side by side: two lines a key.
  const stacked = width < KEYS_WIDTH + longest + 1;
  const linesPer = stacked ? 2 : 1;
  const perColumn = Math.max(1, Math.floor(Math.max(1, height - 2) / linesPer));
  // A column is as wide as its longest line: what a key does is never cut.
  const fits = stacked ? 1 : Math.max(1, Math.floor(width / (KEYS_WIDTH + longest + 1)));
  const columnCount = Math.min(fits, Math.ceil(rows.length / perColumn));
  const scrolls = columnCount * perColumn < rows.length;
  const top = scrolls ? Math.max(0, Math.min(first, rows.length - perColumn)) : 0;
  const shown = rows.slice(top, top + columnCount * perColumn);
  const columns = Array.from({ length: columnCount }, (_, index) => shown.slice(index * perColumn, (index + 1) * perColumn));
  const columnWidth = Math.floor(width / columnCount);
  const footer = scrolls
    ? width >= 60
      ? `${top + 1}–${Math.min(rows.length, top + perColumn)} of ${rows.length} · j k scroll · Esc or ? to close`
      : `${top + 1}–${Math.min(rows.length, top + perColumn)}/${rows.length} · j k · Esc closes`
    : 'Esc or ? to close';
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys</Text>
      <Box>
        {columns.map((column, index) => (
          <Box key={index} flexDirection="column" width={columnWidth}>
            {column.map((binding) =>
              stacked ? (
                <Box key={binding.help!.keys} flexDirection="column">
                  <Text color="accent" wrap="truncate-end">
                    {fitWidth(binding.help!.keys, columnWidth)}
                  </Text>
                  <Text wrap="truncate-end">{fitWidth(`  ${binding.help!.what}`, columnWidth)}</Text>
                </Box>
              ) : (
                <Text key={binding.help!.keys} wrap="truncate-end">
                  <Text color="accent">{binding.help!.keys.padEnd(KEYS_WIDTH)}</Text>
                  {fitWidth(binding.help!.what, Math.max(0, columnWidth - KEYS_WIDTH - 1))}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
      <Text dimColor wrap="truncate-end">
        {fitWidth(footer, width)}
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
          <Text key={link.url + link.label} color={selected ? 'cursor' : undefined} wrap="truncate-end">
            {fitWidth(`${selected ? '› ' : '  '}${cleanInline(link.label)} ${cleanInline(link.title)}`, width)}
          </Text>
        );
      })}
    </Box>
  );
}
