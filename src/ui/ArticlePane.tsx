import { Box } from 'ink';
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import type { Page } from '../state/reader.js';
import type { Line } from '../app/article-layout.js';
import { lineTarget } from '../app/line-targets.js';
import { fitWidth, oneLine } from './fit-width.js';
import { matchRanges } from '../state/article-search.js';
import type { ThemeRole } from './terminal/style.js';

interface Props {
  page: Page | undefined;
  lines: Line[];
  scroll: number;
  height: number;
  width: number;
  /** The words searched for with /: every match in view is highlighted, the current match's line most. */
  query?: string | undefined;
  matchLine?: number | undefined;
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
  page: { dimColor: true, color: 'meta' },
};

/** Renders only the lines in view: a key press costs the same for 100 lines or 10,000. */
export function ArticlePane({ page, lines, scroll, height, width, query, matchLine }: Props) {
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
      {visible.map((line, offset) => {
        // Laid out to the width already; cut again here so that no measure of a rare character can wrap a row.
        const text = fitWidth(oneLine(line.text), width) || ' ';
        const ranges = query ? matchRanges(text, query) : [];
        return (
          <Text key={scroll + offset} {...STYLE[line.kind]} href={lineTarget(page.article, line)?.url} wrap="truncate-end">
            {ranges.length ? <Highlighted text={text} ranges={ranges} current={scroll + offset === matchLine} /> : text}
          </Text>
        );
      })}
    </Box>
  );
}

/** A line with its matches in reverse video (yellow on the current match's line). */
function Highlighted({ text, ranges, current }: { text: string; ranges: Array<[number, number]>; current: boolean }) {
  const pieces: Array<{ text: string; match: boolean }> = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return (
    <>
      {pieces.map((piece, index) =>
        piece.match ? (
          <Text key={index} inverse color={current ? 'notice' : undefined}>
            {piece.text}
          </Text>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
