import { Box, Text, useApp, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useState } from 'react';
import { articleLines, currentArticle, followableLinks, type ReaderState, visibleHeadlines } from '../state/reader.js';
import { ArticlePane } from './ArticlePane.js';
import { HeadlineList } from './HeadlineList.js';
import { HelpScreen, LinksList } from './Overlays.js';
import type { ReaderServices } from './services.js';
import { useReader } from './useReader.js';

interface Props {
  services: ReaderServices;
  locale: string;
  /** Fixed clock for tests; the real reader reads it once at start. */
  now?: number;
}

/** The reader: renders state; every key goes to the reducer, which routes it. */
export function App({ services, locale, now }: Props) {
  const { exit } = useApp();
  const { state, dispatch } = useReader(services, locale, exit);
  const [clock] = useState(() => now ?? Date.now());
  useInput((input, key) => dispatch({ type: 'key', input, key }));

  const { viewport } = state;
  const lines = articleLines(state);
  const page = state.place.kind === 'article' ? state.pages[state.place.url] : undefined;
  return (
    <Box flexDirection="column" width={viewport.width}>
      <TitleBar state={state} />
      {state.overlay === 'help' ? (
        <HelpScreen height={viewport.height} />
      ) : state.overlay === 'links' ? (
        <LinksList links={followableLinks(currentArticle(state))} cursor={state.linkCursor} height={viewport.height} />
      ) : state.place.kind === 'list' ? (
        <HeadlineList headlines={visibleHeadlines(state)} cursor={state.place.cursor} height={viewport.height} width={viewport.width} read={state.read} errors={state.sourceErrors} loading={state.loadingSources} now={clock} locale={locale} />
      ) : (
        <ArticlePane page={page} lines={lines} scroll={state.place.scroll} height={viewport.height} />
      )}
      <StatusLine state={state} lineCount={lines.length} />
    </Box>
  );
}

function TitleBar({ state }: { state: ReaderState }) {
  const count = visibleHeadlines(state).length;
  return (
    <Box>
      <Text bold color="yellow">kiosque</Text>
      {state.loadingSources ? (
        <Text> <Text color="cyan"><Spinner type="dots" /></Text> loading sources…</Text>
      ) : (
        <Text dimColor> {count} headlines{state.filter ? ` matching "${state.filter}"` : ''}</Text>
      )}
      {state.filtering ? <Text> / {state.filter}<Text inverse> </Text></Text> : null}
    </Box>
  );
}

function StatusLine({ state, lineCount }: { state: ReaderState; lineCount: number }) {
  if (state.place.kind === 'list') {
    return <Text dimColor wrap="truncate-end">Enter open · / filter · R reload · ? help · q quit</Text>;
  }
  const page = state.pages[state.place.url];
  const article = page?.status === 'ready' ? page.article : undefined;
  const max = Math.max(0, lineCount - state.viewport.height);
  const percent = max === 0 ? 100 : Math.round((state.place.scroll / max) * 100);
  const parts = [
    article?.next ? `n → ${article.next.title}` : null,
    article?.previous ? `p ← ${article.previous.title}` : null,
  ].filter(Boolean);
  return (
    <Box width={state.viewport.width}>
      {page?.status === 'ready' && page.stale ? <Text color="yellow">[offline copy] </Text> : null}
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate-end">{parts.length ? parts.join('  ·  ') : '? help · h back'}</Text>
      </Box>
      {article ? <Text> {percent}%</Text> : null}
    </Box>
  );
}
