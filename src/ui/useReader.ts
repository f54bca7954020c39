import { useEffect, useEffectEvent, useReducer, useRef } from 'react';
import { type Action, initialState, readerReducer, type ReaderState, type Request } from '../state/reader.js';
import { stripControls } from '../text/sanitize.js';
import { mayPrefetchFrom, prefetchTargets } from '../app/prefetch-rule.js';
import type { LoadedHeadlines, ReaderServices } from '../app/reader-services.js';
import { useInitialViewport, useResize } from './useViewport.js';

/**
 * The first loading of the sources, started before the screen opened: `settled` when it
 * finished in time for the first frame (which then shows the headlines straight away).
 */
export interface FirstLoad {
  pending: Promise<LoadedHeadlines>;
  settled?: LoadedHeadlines;
}

// Messages carry URLs and header values from the web: no control sequence reaches the screen.
const messageOf = (error: unknown) => stripControls(String((error as Error)?.message ?? error));

/**
 * The reader's state and the effects it asks for: loading sources, loading
 * the page that is on screen, prefetching where the reader may go next, and
 * the requests keys leave in state (quit, reload, open in the browser, write
 * reading marks, add a site).
 */
export function useReader(
  services: ReaderServices,
  locale: string,
  onQuit: () => void,
  firstLoad?: FirstLoad,
): { state: ReaderState; dispatch: (action: Action) => void } {
  const viewport = useInitialViewport();
  const [state, dispatch] = useReducer(readerReducer, { viewport, locale, remembered: services.remembered }, (options) => {
    const start = initialState(options);
    return firstLoad?.settled ? readerReducer(start, { type: 'sources/loaded', ...firstLoad.settled }) : start;
  });
  const requested = useRef(new Set<string>());
  const reloads = useRef(0);
  useResize((size) => dispatch({ type: 'resize', ...size }));

  const loadSources = (loading: Promise<LoadedHeadlines> = services.loadHeadlines()) => {
    const generation = ++reloads.current;
    dispatch({ type: 'sources/loading' });
    // Only the latest loading is shown: an earlier one that ends later, failed or not, is old news.
    const isLatest = () => generation === reloads.current;
    loading.then(
      ({ headlines, errors, sources }) =>
        isLatest() && dispatch({ type: 'sources/loaded', headlines, errors, ...(sources ? { sources } : {}) }),
      (error: unknown) =>
        isLatest() && dispatch({ type: 'sources/loaded', headlines: [], errors: [{ source: 'sources', message: messageOf(error) }] }),
    );
  };

  // Once, when the screen opens. Started before the screen opened: shown already, or awaited rather than asked again.
  const startLoading = useEffectEvent(() => {
    if (!firstLoad?.settled) loadSources(firstLoad?.pending);
  });
  useEffect(() => startLoading(), []);

  // What goes wrong without stopping the reader (said while starting, or by a later write) goes on the status line.
  useEffect(() => services.onWarning?.((message) => dispatch({ type: 'warning', text: stripControls(message) })), [services]);

  // An effect event: each request is carried out once, when it appears in state, with the services of now.
  const carryOut = useEffectEvent((request: Request) => {
    switch (request.kind) {
      case 'quit':
        return onQuit();
      case 'reload':
        // R asks every server again: a feed's long max-age must not keep its old headlines on screen.
        return loadSources(services.loadHeadlines({ revalidate: true }));
      case 'browser':
        return services.openInBrowser(request.url, (text) => dispatch({ type: 'notice', text: stripControls(text) }));
      case 'persist':
        services.persist?.(request.changes);
        return;
      case 'addSite':
        services.addSite?.(request.url).then(
          (text) => dispatch({ type: 'notice', text: stripControls(text) }),
          (error: unknown) => dispatch({ type: 'notice', text: messageOf(error) }),
        );
        return;
    }
  });

  useEffect(() => {
    for (const request of state.requests) {
      dispatch({ type: 'request/done', id: request.id });
      carryOut(request);
    }
  }, [state.requests]);

  const place = state.place;
  const currentUrl = place.kind === 'article' ? place.url : undefined;
  const currentPage = currentUrl ? state.pages[currentUrl] : undefined;
  useEffect(() => {
    if (!currentUrl || currentPage?.status !== 'loading' || requested.current.has(currentUrl)) return;
    const url = currentUrl;
    requested.current.add(url);
    services
      .readArticle(url)
      .then(
        ({ article, stale }) => dispatch({ type: 'page/loaded', url, article, stale }),
        (error: unknown) => dispatch({ type: 'page/failed', url, message: messageOf(error) }),
      )
      .finally(() => requested.current.delete(url));
  }, [services, currentUrl, currentPage?.status]);

  const article = currentPage?.status === 'ready' ? currentPage.article : undefined;
  useEffect(() => {
    if (!article || !currentUrl) return;
    const targets = prefetchTargets(currentUrl, article);
    if (targets.length) services.prefetch(targets, (target) => mayPrefetchFrom(currentUrl, article.url, target));
  }, [services, article, currentUrl]);

  return { state, dispatch };
}
