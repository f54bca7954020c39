import { Box, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';
import { clickTarget } from './terminal/hit-test.js';
import { MouseDecoder } from './terminal/mouse.js';
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
  /** Mouse reports are asked of the terminal (see terminal/alt-screen.ts); they are never read as keys either way. */
  mouse?: boolean;
}

/** The reader: renders state; every key goes to the reducer, which routes it. */
export function App({ services, locale, now, firstLoad, mouse = true }: Props) {
  const { exit } = useApp();
  const { state, dispatch } = useReader(services, locale, exit, firstLoad);
  const [clock] = useState(() => now ?? Date.now());
  const mouseReports = useRef(new MouseDecoder());
  useInput((input, key) => {
    // A mouse report first: its digits and its final M must never reach the key table.
    const report = mouseReports.current.decode(input);
    if (report === undefined) return dispatch({ type: 'key', input, key, now: Date.now() });
    if (report === 'ignored' || !mouse) return;
    // Where the click landed is a question for the screen (what it drew there); what it does is the reducer's.
    dispatch({
      type: 'mouse',
      event:
        report.kind === 'wheel' ? { kind: 'wheel', delta: report.delta } : { kind: 'click', target: (now) => clickTarget(now, report.y) },
    });
  });
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
