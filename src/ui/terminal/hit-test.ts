import { lineTarget } from '../../app/line-targets.js';
import { articleLines, currentArticle, followableLinks, type ReaderState, visibleHeadlines } from '../../state/reader.js';
import { isListPlace } from '../../state/selectors.js';
import type { ClickTarget } from '../../state/types.js';
import { windowStart } from '../scroll-window.js';

/** The title bar is the screen's first row; the body starts on the second. */
const BODY_TOP = 2;

/**
 * What the screen shows at a row (1-based, as the terminal reports it), for a click: where the
 * components of ../ put each row (HeadlineList: failing sources first, then a window of rows;
 * SourcesView: a window; LinksList: a title, then a window; ArticlePane: the lines from the
 * scroll offset). tests/terminal-mouse.test.tsx clicks on rows and checks what opens against
 * the frame, so that this and the components cannot drift apart unseen.
 */
export function clickTarget(state: ReaderState, row: number): ClickTarget | undefined {
  const { height } = state.viewport;
  const offset = row - BODY_TOP;
  if (offset < 0 || offset >= height) return undefined;
  if (state.overlay === 'help') return undefined;
  if (state.overlay === 'links') {
    const links = followableLinks(currentArticle(state));
    const rows = Math.max(1, height - 2);
    const index = windowStart(state.linkCursor, links.length, rows) + offset - 1;
    return offset >= 1 && index < links.length ? { kind: 'link', index } : undefined;
  }
  const place = state.place;
  if (!isListPlace(place)) {
    const article = currentArticle(state);
    const target = article ? lineTarget(article, articleLines(state)[place.scroll + offset]) : undefined;
    return target ? { kind: 'line', target } : undefined;
  }
  if (place.kind === 'sources') {
    const count = state.sources.length;
    const index = windowStart(place.cursor, count, height) + offset;
    return index < count ? { kind: 'row', index } : undefined;
  }
  const count = visibleHeadlines(state).length;
  const errorRows = place.kind === 'list' ? Math.min(state.sourceErrors.length, Math.max(0, height - 1)) : 0;
  if (offset < errorRows) return undefined;
  const rows = Math.max(1, height - errorRows);
  const index = windowStart(place.cursor, count, rows) + offset - errorRows;
  return index < count ? { kind: 'row', index } : undefined;
}
