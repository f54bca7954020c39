import { useEffect, useEffectEvent, useReducer, useRef } from 'react';
import { type Action, initialState, readerReducer, type ReaderState, type Request } from '../state/reader.js';
import type { Article } from '../extract/types.js';
import { stripControls } from '../text/sanitize.js';
import { mayPrefetchFrom, prefetchTargets } from '../app/prefetch-rule.js';
import type { LoadedHeadlines, ReaderServices, SourceLoaded } from '../app/reader-services.js';
import type { SourceProgress } from './source-progress.js';

export { SourceProgress } from './source-progress.js';
import { useInitialViewport, useResize } from './useViewport.js';

/**
 * The first loading of the sources, started before the screen opened: `settled` when it
 * finished in time for the first frame (which then shows the headlines straight away).
 */
export interface FirstLoad {
  pending: Promise<LoadedHeadlines>;
  settled?: LoadedHeadlines;
  /** The sources that came in before the screen opened, and those that come after, one by one. */
  progress?: SourceProgress;
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
  refreshMs?: number,
): { state: ReaderState; dispatch: (action: Action) => void } {
  const viewport = useInitialViewport();
  const [state, dispatch] = useReducer(readerReducer, { viewport, locale, remembered: services.remembered }, (options) => {
    const start = initialState(options);
    if (firstLoad?.settled) return readerReducer(start, { type: 'sources/loaded', ...firstLoad.settled });
    // Not all in yet: the first frame shows what has come (headlines kept from last time first), the rest merge in.
    const loading = readerReducer(start, { type: 'sources/loading', ...(services.sourceList ? { sources: services.sourceList } : {}) });
    return (firstLoad?.progress?.take() ?? []).reduce((next, loaded) => readerReducer(next, { type: 'source/loaded', ...loaded }), loading);
  });
  const requested = useRef(new Set<string>());
  const reloads = useRef(0);
  useResize((size) => dispatch({ type: 'resize', ...size }));

  /** `start`: begins a loading, telling of each source as it comes (to `onSource`). */
  const loadSources = (
    start: (onSource: (loaded: SourceLoaded) => void) => Promise<LoadedHeadlines> = (onSource) => services.loadHeadlines({ onSource }),
    { refresh = false, announced = false }: { refresh?: boolean; announced?: boolean } = {},
  ) => {
    const generation = ++reloads.current;
    // Only the latest loading is shown: an earlier one that ends later, failed or not, is old news.
    const isLatest = () => generation === reloads.current;
    if (!announced) dispatch({ type: 'sources/loading', refresh, ...(services.sourceList ? { sources: services.sourceList } : {}) });
    const loading = start((loaded) => isLatest() && dispatch({ type: 'source/loaded', ...loaded }));
    loading.then(
      ({ headlines, errors, sources, stale }) =>
        isLatest() && dispatch({ type: 'sources/loaded', headlines, errors, ...(sources ? { sources } : {}), ...(stale ? { stale } : {}) }),
      (error: unknown) =>
        isLatest() && dispatch({ type: 'sources/loaded', headlines: [], errors: [{ source: 'sources', message: messageOf(error) }] }),
    );
  };

  // Once, when the screen opens. Started before the screen opened: shown already, or awaited rather than asked again.
  const startLoading = useEffectEvent(() => {
    if (firstLoad?.settled) return;
    if (!firstLoad) return loadSources();
    const { pending, progress } = firstLoad;
    loadSources(
      (onSource) => {
        progress?.listen(onSource);
        return pending;
      },
      { announced: true },
    );
  });
  useEffect(() => startLoading(), []);

  // New headlines while the reader is open: the sources are read again every so often (cache first:
  // a server asked to keep its copy longer is not asked), and what is new is counted ("5 new").
  const refresh = useEffectEvent(() => {
    loadSources((onSource) => services.loadHeadlines({ onSource }), { refresh: true });
  });
  useEffect(() => {
    if (!refreshMs || refreshMs <= 0) return;
    const timer = setInterval(() => refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs]);

  // The saved view's / searches the text of the saved articles too: their copies are read when it opens.
  const inSaved = state.place.kind === 'saved';
  useEffect(() => {
    if (!inSaved || !services.savedTexts) return;
    let current = true;
    services.savedTexts().then(
      (texts) => current && dispatch({ type: 'saved/texts', texts }),
      () => {},
    );
    return () => {
      current = false;
    };
  }, [services, inSaved]);

  // What goes wrong without stopping the reader (said while starting, or by a later write) goes on the status line.
  useEffect(() => services.onWarning?.((message) => dispatch({ type: 'warning', text: stripControls(message) })), [services]);

  // An effect event: each request is carried out once, when it appears in state, with the services of now.
  const carryOut = useEffectEvent((request: Request) => {
    switch (request.kind) {
      case 'quit':
        return onQuit();
      case 'reload':
        // R asks every server again: a feed's long max-age must not keep its old headlines on screen.
        return loadSources((onSource) => services.loadHeadlines({ revalidate: true, onSource }), { refresh: true });
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

  // The entry an article was opened from, if a headline: its feed's full text stands in for a page that cannot be read.
  const entryOf = useEffectEvent((url: string) => {
    const headline = state.headlines.find((candidate) => candidate.url === url);
    return headline ? { sourceUrl: headline.sourceUrl, id: headline.id ?? headline.url } : undefined;
  });

  const place = state.place;
  const currentUrl = place.kind === 'article' ? place.url : undefined;
  const currentPage = currentUrl ? state.pages[currentUrl] : undefined;
  useEffect(() => {
    if (!currentUrl || currentPage?.status !== 'loading' || requested.current.has(currentUrl)) return;
    const url = currentUrl;
    requested.current.add(url);
    // A multi-page article shows its first pages while the others are read.
    const shown = ({ article, stale }: { article: Article; stale: boolean }) => dispatch({ type: 'page/loaded', url, article, stale });
    services
      .readArticle(url, shown, entryOf(url))
      .then(shown, (error: unknown) => dispatch({ type: 'page/failed', url, message: messageOf(error) }))
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
