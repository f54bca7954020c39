import { Box } from 'ink';
import { Text } from './Text.js';
import Spinner from 'ink-spinner';
import { memo, useEffect, useState } from 'react';
import { keyHints } from '../state/keymap.js';
import stringWidth from 'string-width';
import { type ReaderState, visibleHeadlines } from '../state/reader.js';
import { unreadCount } from '../state/selectors.js';
import { cleanInline } from '../text/sanitize.js';
import { fitWidth, oneLine } from './fit-width.js';

const SPINNER_DELAY_MS = 250;

/**
 * The spinner shows only when loading takes a while: from a warm cache the
 * headlines come first, and every spinner tick is a whole new frame for Ink
 * to draw while the reader is starting.
 */
const Loading = memo(function Loading({ text }: { text: string }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SPINNER_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <Text>
      {' '}
      <Text color="accent">{slow ? <Spinner type="dots" /> : '·'}</Text> {text}
    </Text>
  );
});

/** What the title bar says of the loading under way: how many sources are still on their way, when known. */
function loadingText(state: ReaderState, width: number): string {
  const pending = state.pendingSources.length;
  if (!state.sourceCount || !pending) return 'loading sources…';
  if (width < 80) return `${pending}/${state.sourceCount} loading`;
  return `${pending} of ${state.sourceCount} source${state.sourceCount === 1 ? '' : 's'} still loading`;
}

/**
 * The top line: kiosque, the source being browsed, the count and the unread total, what a refresh
 * brought ("5 new"), the sources still loading, the filter. One Text, one line: a source's title
 * (from config.json, an OPML file, a feed) and the filter are cut by display width so the count
 * keeps its place.
 */
export function TitleBar({ state }: { state: ReaderState }) {
  const width = state.viewport.width;
  const place = state.place;
  const listing = place.kind !== 'sources' && place.kind !== 'failures';
  const count =
    place.kind === 'sources'
      ? state.sources.length
      : place.kind === 'failures'
        ? state.sourceErrors.length
        : visibleHeadlines(state).length;
  const noun =
    place.kind === 'sources'
      ? 'source'
      : place.kind === 'failures'
        ? 'failed source'
        : place.kind === 'saved'
          ? 'saved article'
          : 'headline';
  // Before any headline has come, the count would only say 0: the loading note says it all.
  const counting = !state.loadingSources || state.headlines.length > 0 || !listing;
  // The list's header says how many are left to read; an article's keeps to the count (it changes as articles are read).
  const unread = counting && listing && place.kind !== 'saved' && place.kind !== 'article' ? unreadCount(state) : 0;
  const counted = counting ? ` ${count} ${noun}${count === 1 ? '' : 's'}` : '';
  const unreadText = unread && width >= 50 ? ` · ${unread} unread` : '';
  const fresh = state.newCount > 0 ? ` · ${state.newCount} new` : '';
  const loading = state.loadingSources ? loadingText(state, width) : '';
  const matching = Boolean(state.filter) && counting;
  // Columns taken whatever the title and the filter are: the name, the counts, the loading note, the filter's frame.
  const fixed =
    'kiosque'.length +
    stringWidth(counted) +
    stringWidth(unreadText) +
    stringWidth(fresh) +
    (loading ? 3 + stringWidth(loading) : 0) +
    (matching ? ' matching ""'.length : 0) +
    (state.filtering ? ' /  '.length : 0);
  const titleText = place.kind === 'source' ? cleanInline(place.title) : null;
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
      <Text dimColor>
        {counted}
        {matching ? ` matching "${filter}"` : ''}
        {unreadText}
      </Text>
      {fresh ? (
        <Text color="accent" bold>
          {fresh}
        </Text>
      ) : null}
      {loading ? <Loading text={loading} /> : null}
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
  if (state.search?.typing) {
    return (
      <Text wrap="truncate-end">
        {'/ '}
        {fitWidth(oneLine(state.search.query), Math.max(1, width - 4))}
        <Text inverse> </Text>
      </Text>
    );
  }
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
  // The scroll is kept within the article by the reducer; the percent is bounded here too, so it can never say more than 100.
  const percent = max === 0 ? 100 : Math.min(100, Math.round((state.place.scroll / max) * 100));
  const stale =
    (page?.status === 'ready' && page.stale ? (width >= 60 ? '[offline copy] ' : '[offline] ') : '') +
    // Not the page: the entry as its feed gives it (it has no link, or its page could not be read).
    (article?.fromFeed ? (width >= 60 ? '[from the feed] ' : '[feed] ') : '') +
    (article?.access === 'teaser' ? (width >= 80 ? '[subscribers only: this is the teaser] ' : '[teaser] ') : '');
  const star = state.saved[state.place.url] ? '★ ' : '';
  const position = article ? ` ${percent}%` : '';
  const parts = [
    // A page of a multi-page article that could not be read (the text ends saying why).
    article?.missingPage ? `[page ${article.missingPage.number} missing]` : null,
    article?.next ? `n → ${cleanInline(article.next.title)}` : null,
    article?.previous ? `p ← ${cleanInline(article.previous.title)}` : null,
  ].filter(Boolean);
  const room = Math.max(0, width - stale.length - star.length - position.length);
  // The label, the star and the percent keep their width: only the middle gives way.
  return (
    <Box width={width}>
      {stale ? (
        <Box flexShrink={0}>
          <Text color="notice">{stale}</Text>
        </Box>
      ) : null}
      {star ? (
        <Box flexShrink={0}>
          <Text color="mark">{star}</Text>
        </Box>
      ) : null}
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate-end">
          {fitWidth(parts.length ? parts.join('  ·  ') : keyHints('article'), room)}
        </Text>
      </Box>
      {position ? (
        <Box flexShrink={0}>
          <Text>{position}</Text>
        </Box>
      ) : null}
    </Box>
  );
}
