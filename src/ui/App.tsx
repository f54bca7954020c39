import { Box, Text, useApp, useInput, type Key } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type Action, currentArticle, followableLinks, type ReaderState, visibleHeadlines } from '../state/reader.js';
import { ArticlePane } from './ArticlePane.js';
import { HeadlineList } from './HeadlineList.js';
import { commandFor, type Command, type Focus } from './keymap.js';
import { layoutArticle, remapScroll } from './layout.js';
import { HelpScreen, LinksList } from './Overlays.js';
import type { ReaderServices } from './services.js';
import { useReader } from './useReader.js';
import { useViewport } from './useViewport.js';

interface Props {
  services: ReaderServices;
  locale: string;
  /** Fixed clock for tests; the real reader uses the time of each render. */
  now?: number;
}

const CHROME_LINES = 2;

function focusOf(state: ReaderState): Focus {
  if (state.overlay === 'help') return 'help';
  if (state.overlay === 'links') return 'links';
  if (state.filtering) return 'filter';
  return state.place.kind === 'list' ? 'list' : 'article';
}

export function App({ services, locale, now }: Props) {
  const { exit } = useApp();
  const screen = useViewport();
  const viewport = { width: screen.width, height: Math.max(3, screen.height - CHROME_LINES) };
  const { state, dispatch, reloadSources } = useReader(services, viewport);
  const [clock] = useState(() => now ?? Date.now());

  const article = currentArticle(state);
  const lines = useMemo(() => (article ? layoutArticle(article, viewport.width, locale) : []), [article, viewport.width, locale]);

  // Re-wrap on resize, keeping the block that was at the top in view.
  useEffect(() => {
    if (state.viewport.width === viewport.width && state.viewport.height === viewport.height) return;
    const previous = article ? layoutArticle(article, state.viewport.width, locale) : [];
    dispatch({ type: 'resize', width: viewport.width, height: viewport.height });
    if (article && state.place.kind === 'article') dispatch({ type: 'scroll/set', scroll: remapScroll(previous, state.place.scroll, lines) });
  }, [viewport.width, viewport.height]);

  // Keys typed quickly can arrive before Ink re-attaches the handler of the
  // latest render: the handler reads the latest state through a ref.
  const latest = useRef({ state, lineCount: lines.length });
  latest.current = { state, lineCount: lines.length };

  useInput((input: string, key: Key) => {
    const { state, lineCount } = latest.current;
    const focus = focusOf(state);
    if (focus === 'filter') {
      if (key.ctrl && input === 'c') return exit();
      if (key.escape) return dispatch({ type: 'filter/done', keep: false });
      if (key.return) return dispatch({ type: 'filter/done', keep: true });
      if (key.backspace || key.delete) return dispatch({ type: 'filter/erase' });
      if (input && !key.ctrl && !key.meta) dispatch({ type: 'filter/input', text: input });
      return;
    }
    const command = commandFor(focus, input, key);
    if (!command) return;
    if (command === 'reload') return reloadSources();
    if (command === 'browser') {
      if (state.place.kind === 'article') services.openInBrowser(state.place.url);
      return;
    }
    const action = toAction(command, state, lineCount);
    if (action === 'quit') return exit();
    if (action) dispatch(action);
  });

  const headlines = visibleHeadlines(state);
  const page = state.place.kind === 'article' ? state.pages[state.place.url] : undefined;
  const links = followableLinks(article);
  return (
    <Box flexDirection="column" width={viewport.width}>
      <TitleBar state={state} />
      {state.overlay === 'help' ? (
        <HelpScreen height={viewport.height} />
      ) : state.overlay === 'links' ? (
        <LinksList links={links} cursor={state.linkCursor} height={viewport.height} />
      ) : state.place.kind === 'list' ? (
        <HeadlineList headlines={headlines} cursor={state.place.cursor} height={viewport.height} width={viewport.width} read={state.read} errors={state.sourceErrors} now={clock} locale={locale} />
      ) : (
        <ArticlePane page={page} lines={lines} scroll={state.place.scroll} height={viewport.height} />
      )}
      <StatusLine state={state} lineCount={lines.length} />
    </Box>
  );
}

function toAction(command: Command, state: ReaderState, lineCount: number): Action | 'quit' | undefined {
  const inList = state.place.kind === 'list';
  const inLinks = state.overlay === 'links';
  if (typeof command === 'object') return { type: 'open/related', index: command.related };
  switch (command) {
    case 'down': return inLinks ? { type: 'links/move', delta: 1 } : inList ? { type: 'list/move', delta: 1 } : { type: 'scroll/by', lines: 1, lineCount };
    case 'up': return inLinks ? { type: 'links/move', delta: -1 } : inList ? { type: 'list/move', delta: -1 } : { type: 'scroll/by', lines: -1, lineCount };
    case 'pageDown': return inList ? { type: 'list/move', delta: state.viewport.height - 1 } : { type: 'scroll/page', direction: 1, lineCount };
    case 'pageUp': return inList ? { type: 'list/move', delta: -(state.viewport.height - 1) } : { type: 'scroll/page', direction: -1, lineCount };
    case 'top': return inList ? { type: 'list/edge', edge: 'first' } : { type: 'scroll/edge', edge: 'top', lineCount };
    case 'bottom': return inList ? { type: 'list/edge', edge: 'last' } : { type: 'scroll/edge', edge: 'bottom', lineCount };
    case 'open': return inLinks ? { type: 'links/open' } : { type: 'list/open' };
    case 'filter': return { type: 'filter/start' };
    case 'links': return { type: 'overlay/toggle', overlay: 'links' };
    case 'help': return { type: 'overlay/toggle', overlay: 'help' };
    case 'close': return { type: 'overlay/close' };
    case 'next': return { type: 'open/neighbour', which: 'next' };
    case 'previous': return { type: 'open/neighbour', which: 'previous' };
    case 'back': return { type: 'history/back' };
    case 'forward': return { type: 'history/forward' };
    // q steps back towards the list first; from the list it quits.
    case 'quit': return inList ? 'quit' : { type: 'history/back' };
    case 'forceQuit': return 'quit';
    default: return undefined;
  }
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
