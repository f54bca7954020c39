import { Box } from 'ink';
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import { memo, useEffect, useState } from 'react';
import { keyHints } from '../state/keymap.js';
import stringWidth from 'string-width';
import { type ReaderState, visibleHeadlines } from '../state/reader.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth, oneLine } from './fit-width.js';

const SPINNER_DELAY_MS = 250;

/**
 * The spinner shows only when loading takes a while: from a warm cache the
 * headlines come first, and every spinner tick is a whole new frame for Ink
 * to draw while the reader is starting.
 */
const Loading = memo(function Loading() {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SPINNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Text>
      {' '}
      <Text color="accent">{slow ? <Spinner type="dots" /> : '·'}</Text> loading sources…
    </Text>
  );
});

/** Columns the loading note takes (" · loading sources…"). */
const LOADING_WIDTH = 20;

/**
 * The top line: kiosque, the source being browsed, the count, the filter. One Text, one
 * line: a source's title (from config.json, an OPML file, a feed) and the filter are cut
 * by display width so the count keeps its place.
 */
export function TitleBar({ state }: { state: ReaderState }) {
  const width = state.viewport.width;
  const count = state.place.kind === 'sources' ? state.sources.length : visibleHeadlines(state).length;
  const noun = state.place.kind === 'sources' ? 'source' : state.place.kind === 'saved' ? 'saved article' : 'headline';
  const counted = ` ${count} ${noun}${count === 1 ? '' : 's'}`;
  const matching = Boolean(state.filter) && !state.loadingSources;
  // Columns taken whatever the title and the filter are: the name, the count (or the loading note), the filter's frame.
  const fixed =
    'kiosque'.length +
    (state.loadingSources ? LOADING_WIDTH : stringWidth(counted)) +
    (matching ? ' matching ""'.length : 0) +
    (state.filtering ? ' /  '.length : 0);
  const titleText = state.place.kind === 'source' ? cleanInline(state.place.title) : null;
  const titleFrame = titleText === null ? 0 : ' · '.length;
  // The filter is shown once or twice (as matched, as typed); a source's title keeps at least 8 columns.
  const shown = (matching ? 1 : 0) + (state.filtering ? 1 : 0);
  const filterRoom = shown ? Math.max(1, Math.floor((width - fixed - titleFrame - (titleText === null ? 0 : 8)) / shown)) : 0;
  const filter = fitWidth(oneLine(state.filter), filterRoom);
  const title = titleText === null ? null : fitWidth(titleText, Math.max(0, width - fixed - titleFrame - shown * stringWidth(filter)));
  return (
    <Text wrap="truncate-end">
      <Text bold color="title">
        kiosque
      </Text>
      {title === null ? null : <Text bold> · {title}</Text>}
      {state.loadingSources ? (
        <Loading />
      ) : (
        <Text dimColor>
          {counted}
          {matching ? ` matching "${filter}"` : ''}
        </Text>
      )}
      {state.filtering ? (
        <Text>
          {' '}
          / {filter}
          <Text inverse> </Text>
        </Text>
      ) : null}
    </Text>
  );
}

export function StatusLine({ state, lineCount }: { state: ReaderState; lineCount: number }) {
  const width = state.viewport.width;
  if (state.notice) {
    return (
      <Text color="notice" wrap="truncate-end">
        {fitWidth(cleanInline(state.notice), width)}
      </Text>
    );
  }
  if (state.place.kind !== 'article') {
    return (
      <Text dimColor wrap="truncate-end">
        {fitWidth(keyHints(state.place.kind), width)}
      </Text>
    );
  }
  const page = state.pages[state.place.url];
  const article = page?.status === 'ready' ? page.article : undefined;
  const max = Math.max(0, lineCount - state.viewport.height);
  const percent = max === 0 ? 100 : Math.round((state.place.scroll / max) * 100);
  const stale = page?.status === 'ready' && page.stale ? '[offline copy] ' : '';
  const star = state.saved[state.place.url] ? '★ ' : '';
  const position = article ? ` ${percent}%` : '';
  const parts = [
    article?.next ? `n → ${cleanInline(article.next.title)}` : null,
    article?.previous ? `p ← ${cleanInline(article.previous.title)}` : null,
  ].filter(Boolean);
  const room = Math.max(0, width - stale.length - star.length - position.length);
  return (
    <Box width={width}>
      {stale ? <Text color="notice">{stale}</Text> : null}
      {star ? <Text color="mark">{star}</Text> : null}
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate-end">
          {fitWidth(parts.length ? parts.join('  ·  ') : keyHints('article'), room)}
        </Text>
      </Box>
      {position ? <Text>{position}</Text> : null}
    </Box>
  );
}
