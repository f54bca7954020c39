import { Box } from 'ink';
import { Text } from './Text.js';
import { BINDINGS } from '../state/keymap.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth } from './fit-width.js';
import { windowStart } from './scroll-window.js';

/** Every key of the table; in as many columns as the terminal's height needs. */
export function HelpScreen({ height }: { height: number }) {
  const rows = BINDINGS.filter((binding) => binding.help);
  const perColumn = Math.max(1, height - 2);
  const columns = Array.from({ length: Math.ceil(rows.length / perColumn) }, (_, index) =>
    rows.slice(index * perColumn, (index + 1) * perColumn),
  );
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys</Text>
      <Box>
        {columns.map((column, index) => (
          <Box key={index} flexDirection="column" width={`${Math.floor(100 / columns.length)}%`} paddingRight={1}>
            {column.map((binding) => (
              <Text key={binding.help!.keys} wrap="truncate-end">
                <Text color="accent">{binding.help!.keys.padEnd(14)}</Text>
                {binding.help!.what}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      <Text dimColor>Esc or ? to close</Text>
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
      <Text bold>Links of this article (Enter to open, Esc to close)</Text>
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
