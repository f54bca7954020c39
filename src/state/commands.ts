import { isEntryAddress } from '../feeds/identity.js';
import type { Command } from './keymap.js';
import { imageInView } from '../app/line-targets.js';
import { articleLines, currentArticle, followableLinks, headlineAtCursor, isListPlace } from './selectors.js';
import type { Action, Ask, ReaderState } from './types.js';

/**
 * What each command of the key table means where the reader is: an action for the reducer,
 * or something to ask of the outside world. The reducer (reader.ts) routes every key here.
 */

/** What a command means where the reader is. */
export function commandOutcome(command: Command, state: ReaderState, now: number): Action | Ask | undefined {
  const inList = isListPlace(state.place);
  // The help scrolls with the links' cursor (j / k), as a list of its own.
  const inLinks = state.overlay === 'links' || state.overlay === 'help';
  if (typeof command === 'object') return { type: 'open/related', index: command.related };
  switch (command) {
    case 'down':
      return inLinks ? { type: 'links/move', delta: 1 } : inList ? { type: 'list/move', delta: 1 } : { type: 'scroll/by', lines: 1 };
    case 'up':
      return inLinks ? { type: 'links/move', delta: -1 } : inList ? { type: 'list/move', delta: -1 } : { type: 'scroll/by', lines: -1 };
    case 'pageDown':
      return inList ? { type: 'list/move', delta: state.viewport.height - 1 } : { type: 'scroll/page', direction: 1 };
    case 'pageUp':
      return inList ? { type: 'list/move', delta: -(state.viewport.height - 1) } : { type: 'scroll/page', direction: -1 };
    case 'top':
      return inList ? { type: 'list/edge', edge: 'first' } : { type: 'scroll/edge', edge: 'top' };
    case 'bottom':
      return inList ? { type: 'list/edge', edge: 'last' } : { type: 'scroll/edge', edge: 'bottom' };
    case 'open':
      return inLinks ? { type: 'links/open' } : { type: 'list/open' };
    case 'filter':
      return inList ? { type: 'filter/start' } : { type: 'search/start' };
    case 'searchNext':
      return { type: 'search/next', direction: 1 };
    case 'nextHeadline':
      return { type: 'headline/step', which: 'next' };
    case 'previousHeadline':
      return { type: 'headline/step', which: 'previous' };
    case 'nextUnread':
      return { type: 'headline/step', which: 'unread' };
    case 'failuresView':
      return { type: 'view/open', view: 'failures' };
    case 'links':
      return { type: 'overlay/toggle', overlay: 'links' };
    case 'help':
      return { type: 'overlay/toggle', overlay: 'help' };
    // Esc: an overlay closes; in a list view, back towards the headlines; on the headline list, a kept filter goes (never a quit).
    case 'close':
      if (state.overlay !== 'none') return { type: 'overlay/close' };
      if (inList && state.place.kind !== 'list') return { type: 'history/back' };
      return state.filter ? { type: 'filter/done', keep: false } : undefined;
    case 'next':
      return { type: 'open/neighbour', which: 'next' };
    case 'previous':
      return { type: 'open/neighbour', which: 'previous' };
    case 'back':
      return { type: 'history/back' };
    case 'forward':
      return { type: 'history/forward' };
    case 'reload':
      return { kind: 'reload' };
    case 'browser': {
      // The link under the cursor, the headline under the cursor, or the article itself.
      const url =
        state.overlay === 'links'
          ? followableLinks(currentArticle(state))[state.linkCursor]?.url
          : state.place.kind === 'article'
            ? state.place.url
            : headlineAtCursor(state)?.url;
      if (url && isEntryAddress(url)) return { type: 'notice', text: 'This entry has no page of its own: it is read from its feed.' };
      return url ? { kind: 'browser', url } : undefined;
    }
    case 'image': {
      const article = currentArticle(state);
      if (!article || state.place.kind !== 'article') return undefined;
      const inView = articleLines(state).slice(state.place.scroll, state.place.scroll + state.viewport.height);
      const url = imageInView(article, inView);
      return url ? { kind: 'browser', url } : { type: 'notice', text: 'No image in view.' };
    }
    case 'toggleRead':
      return { type: 'mark/toggle' };
    case 'markSourceRead':
      return { type: 'mark/source', now };
    case 'toggleSaved':
      return { type: 'save/toggle', now };
    case 'sourcesView':
      return { type: 'view/open', view: 'sources' };
    case 'savedView':
      return { type: 'view/open', view: 'saved' };
    case 'addSite':
      return state.place.kind === 'article' ? { kind: 'addSite', url: state.place.url } : undefined;
    // q (and Esc) in an article: a search first goes, then back to the list it was opened from.
    // In a list view, one step back towards the headline list; from there it quits.
    case 'quit':
      if (state.place.kind === 'article') return state.search ? { type: 'search/done', keep: false } : { type: 'history/list' };
      return state.place.kind === 'list' ? { kind: 'quit' } : { type: 'history/back' };
    case 'forceQuit':
      return { kind: 'quit' };
  }
}
