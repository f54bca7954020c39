import { Box, Text } from 'ink';
import { BINDINGS } from '../state/keymap.js';

export function HelpScreen({ height }: { height: number }) {
  const rows = BINDINGS.filter((binding) => binding.help);
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Keys</Text>
      {rows.slice(0, Math.max(1, height - 2)).map((binding) => (
        <Text key={binding.help!.keys}>
          <Text color="cyan">{binding.help!.keys.padEnd(16)}</Text>
          {binding.help!.what}
        </Text>
      ))}
      <Text dimColor>Esc or ? to close</Text>
    </Box>
  );
}

interface LinksProps {
  links: Array<{ label: string; title: string; url: string }>;
  cursor: number;
  height: number;
}

export function LinksList({ links, cursor, height }: LinksProps) {
  const rows = Math.max(1, height - 2);
  const start = Math.min(Math.max(0, cursor - Math.floor(rows / 2)), Math.max(0, links.length - rows));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>Links of this article (Enter to open, Esc to close)</Text>
      {links.slice(start, start + rows).map((link, offset) => {
        const selected = start + offset === cursor;
        return (
          <Text key={link.url + link.label} color={selected ? 'cyan' : undefined} wrap="truncate-end">
            {selected ? '› ' : '  '}{link.label} {link.title}
          </Text>
        );
      })}
    </Box>
  );
}
