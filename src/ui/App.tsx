import { Box, useApp, useInput } from 'ink';
import { useState } from 'react';
import { articleLines, currentArticle, followableLinks, type ReaderState, visibleHeadlines } from '../state/reader.js';
import { isRead, sourceRows } from '../state/selectors.js';
import { ArticlePane } from './ArticlePane.js';
import { StatusLine, TitleBar } from './Bars.js';
import { HeadlineList } from './HeadlineList.js';
import { HelpScreen, LinksList } from './Overlays.js';
import type { ReaderServices } from '../app/reader-services.js';
import { SourcesView } from './SourcesView.js';
import { type FirstLoad, useReader } from './useReader.js';

interface Props {
  services: ReaderServices;
  locale: string;
  /** Fixed clock for tests; the real reader reads it once at start. */
  now?: number;
  /** Sources loading since before the screen opened (see run.tsx). */
  firstLoad?: FirstLoad;
}

/** The reader: renders state; every key goes to the reducer, which routes it. */
export function App({ services, locale, now, firstLoad }: Props) {
  const { exit } = useApp();
  const { state, dispatch } = useReader(services, locale, exit, firstLoad);
  const [clock] = useState(() => now ?? Date.now());
  useInput((input, key) => dispatch({ type: 'key', input, key, now: Date.now() }));
  return <Screen state={state} locale={locale} now={clock} />;
}

/**
 * What the reader's state looks like: a function of the state alone (no effect, no key),
 * so that any state, hostile strings in every field included, can be drawn and checked.
 * Every string in it reaches the frame through ./Text.js, which strips control sequences.
 */
export function Screen({ state, locale, now }: { state: ReaderState; locale: string; now: number }) {
  const { viewport, place } = state;
  const lines = articleLines(state);
  let body;
  if (state.overlay === 'help') body = <HelpScreen height={viewport.height} />;
  else if (state.overlay === 'links')
    body = (
      <LinksList links={followableLinks(currentArticle(state))} cursor={state.linkCursor} height={viewport.height} width={viewport.width} />
    );
  else if (place.kind === 'article')
    body = (
      <ArticlePane page={state.pages[place.url]} lines={lines} scroll={place.scroll} height={viewport.height} width={viewport.width} />
    );
  else if (place.kind === 'sources')
    body = <SourcesView rows={sourceRows(state)} cursor={place.cursor} height={viewport.height} width={viewport.width} />;
  else {
    body = (
      <HeadlineList
        headlines={visibleHeadlines(state)}
        cursor={place.cursor}
        height={viewport.height}
        width={viewport.width}
        isRead={(headline) => isRead(state, headline)}
        saved={state.saved}
        errors={place.kind === 'list' ? state.sourceErrors : []}
        loading={state.loadingSources}
        now={now}
        locale={locale}
        empty={place.kind === 'saved' ? 'No saved articles yet: s saves the one under the cursor.' : 'No headlines.'}
      />
    );
  }
  return (
    <Box flexDirection="column" width={viewport.width}>
      <TitleBar state={state} />
      {body}
      <StatusLine state={state} lineCount={lines.length} />
    </Box>
  );
}
