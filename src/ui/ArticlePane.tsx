import { Box } from 'ink';
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import type { Page } from '../state/reader.js';
import type { Line } from '../app/article-layout.js';
import { lineTarget } from '../app/line-targets.js';
import { fitWidth, oneLine } from './fit-width.js';
import type { ThemeRole } from './terminal/style.js';

interface Props {
  page: Page | undefined;
  lines: Line[];
  scroll: number;
  height: number;
  width: number;
}

const STYLE: Record<Line['kind'], { bold?: boolean; color?: ThemeRole; dimColor?: boolean }> = {
  title: { bold: true, color: 'title' },
  meta: { dimColor: true, color: 'meta' },
  heading: { bold: true },
  body: {},
  quote: { color: 'quote' },
  related: { color: 'link' },
  link: { dimColor: true, color: 'link' },
  blank: {},
  image: { color: 'link' },
  caption: { dimColor: true, color: 'meta' },
};

/** Renders only the lines in view: a key press costs the same for 100 lines or 10,000. */
export function ArticlePane({ page, lines, scroll, height, width }: Props) {
  if (!page || page.status === 'loading') {
    return (
      <Box height={height}>
        <Text color="accent">
          <Spinner type="dots" />
        </Text>
        <Text> Loading the article…</Text>
      </Box>
    );
  }
  if (page.status === 'error') {
    return (
      <Box height={height} flexDirection="column">
        <Text color="error" bold>
          This page could not be read.
        </Text>
        <Text>{page.message}</Text>
        <Text dimColor>h or ← to go back, q for the list.</Text>
      </Box>
    );
  }
  const visible = lines.slice(scroll, scroll + height);
  return (
    <Box height={height} flexDirection="column">
      {visible.map((line, offset) => (
        <Text key={scroll + offset} {...STYLE[line.kind]} href={lineTarget(page.article, line)?.url} wrap="truncate-end">
          {/* Laid out to the width already; cut again here so that no measure of a rare character can wrap a row. */}
          {fitWidth(oneLine(line.text), width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
