import { Box } from 'ink';
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import { memo, useEffect, useState } from 'react';
import { keyHints } from '../state/keymap.js';
import { type ReaderState, visibleHeadlines } from '../state/reader.js';

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
      <Text color="cyan">{slow ? <Spinner type="dots" /> : '·'}</Text> loading sources…
    </Text>
  );
});

export function TitleBar({ state }: { state: ReaderState }) {
  const count = state.place.kind === 'sources' ? state.sources.length : visibleHeadlines(state).length;
  const noun = state.place.kind === 'sources' ? 'source' : state.place.kind === 'saved' ? 'saved article' : 'headline';
  return (
    <Box>
      <Text bold color="yellow">
        kiosque
      </Text>
      {state.place.kind === 'source' ? <Text bold> · {state.place.title}</Text> : null}
      {state.loadingSources ? (
        <Loading />
      ) : (
        <Text dimColor>
          {' '}
          {count} {noun}
          {count === 1 ? '' : 's'}
          {state.filter ? ` matching "${state.filter}"` : ''}
        </Text>
      )}
      {state.filtering ? (
        <Text>
          {' '}
          / {state.filter}
          <Text inverse> </Text>
        </Text>
      ) : null}
    </Box>
  );
}

export function StatusLine({ state, lineCount }: { state: ReaderState; lineCount: number }) {
  if (state.notice) {
    return (
      <Text color="yellow" wrap="truncate-end">
        {state.notice}
      </Text>
    );
  }
  if (state.place.kind !== 'article') {
    return (
      <Text dimColor wrap="truncate-end">
        {keyHints(state.place.kind)}
      </Text>
    );
  }
  const page = state.pages[state.place.url];
  const article = page?.status === 'ready' ? page.article : undefined;
  const max = Math.max(0, lineCount - state.viewport.height);
  const percent = max === 0 ? 100 : Math.round((state.place.scroll / max) * 100);
  const parts = [article?.next ? `n → ${article.next.title}` : null, article?.previous ? `p ← ${article.previous.title}` : null].filter(
    Boolean,
  );
  return (
    <Box width={state.viewport.width}>
      {page?.status === 'ready' && page.stale ? <Text color="yellow">[offline copy] </Text> : null}
      {state.saved[state.place.url] ? <Text color="magenta">★ </Text> : null}
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate-end">
          {parts.length ? parts.join('  ·  ') : keyHints('article')}
        </Text>
      </Box>
      {article ? <Text> {percent}%</Text> : null}
    </Box>
  );
}
