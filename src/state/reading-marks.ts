import type { Line } from '../app/article-layout.js';
import type { ReaderState } from './types.js';
import { ask } from './requests.js';
import type { ReadingChange } from '../store/reading-state.js';
import { articleLines, currentArticle, headlineAtCursor, isListPlace, isKeyRead, isRead, rowKeys, sourceRows } from './selectors.js';
import { hostOf } from '../text/url.js';
import { markKey } from '../feeds/identity.js';

/** Read marks, saves and reading positions: changed in state at once, written to disk by request. */

/** Marks headlines (their mark keys: feeds/identity.ts) read or unread one by one (opening an article, m), as they show now. */
export function markRead(state: ReaderState, keys: string[], read: boolean): ReaderState {
  const changed = keys.filter((key) => isKeyRead(state, key) !== read);
  if (changed.length === 0) return state;
  const marks = { ...state.read };
  const unread = { ...state.unread };
  for (const url of changed) {
    if (read) {
      marks[url] = true;
      delete unread[url];
    } else {
      // Marked unread, not just unmarked: a source's "all read" would otherwise still cover it.
      delete marks[url];
      unread[url] = true;
    }
  }
  return ask({ ...state, read: marks, unread }, { kind: 'persist', changes: [{ kind: 'read', urls: changed, read }] });
}

/** m: the headline under the cursor, or the article being read (to keep it unread for later); the same story in other sources with it. */
export function toggleRead(state: ReaderState): ReaderState {
  const place = state.place;
  const row = place.kind === 'article' ? undefined : headlineAtCursor(state);
  const keys =
    place.kind === 'article' ? (place.keys ?? [place.url, ...(place.also ?? []).map((other) => other.url)]) : row ? rowKeys(row) : [];
  if (!keys[0]) return state;
  // A story is read when one of its headlines is: m makes all of them read, or all unread.
  const read = !keys.some((each) => isKeyRead(state, each));
  return { ...markRead(state, keys, read), notice: read ? 'Marked read' : 'Marked unread' };
}

/**
 * M: every headline of the source under the cursor (or of the source being browsed). Kept as
 * one "read through" date per source, the newest headline's (never later than now), not a mark
 * per headline: a source of 100,000 headlines stays all read after a restart, in a file that
 * stays small, and what it publishes later comes in unread. Headlines it cannot cover (no date,
 * or dated ahead of now) and those marked unread before are marked read one by one.
 */
export function markSourceRead(state: ReaderState, now: number): ReaderState {
  const place = state.place;
  if (!isListPlace(place)) return state;
  const sourceUrl =
    place.kind === 'sources'
      ? sourceRows(state)[place.cursor]?.url
      : place.kind === 'source'
        ? place.url
        : headlineAtCursor(state)?.sourceUrl;
  if (!sourceUrl) return state;
  const headlines = state.headlines.filter((headline) => headline.sourceUrl === sourceUrl);
  const title =
    state.sources.find((source) => source.url === sourceUrl)?.title ??
    state.headlines.find((headline) => headline.sourceUrl === sourceUrl)?.source ??
    sourceUrl;
  const kept = state.readThrough[sourceUrl];
  let through = kept ? Date.parse(kept.through) : Number.NEGATIVE_INFINITY;
  for (const headline of headlines) {
    const published = headline.published ? Date.parse(headline.published) : Number.NaN;
    if (published <= now && published > through) through = published;
  }
  const changes: ReadingChange[] = [];
  let next = state;
  if (Number.isFinite(through) && (!kept || through > Date.parse(kept.through))) {
    const at = new Date(through).toISOString();
    next = { ...next, readThrough: { ...next.readThrough, [sourceUrl]: { through: at } } };
    changes.push({ kind: 'readThrough', source: sourceUrl, through: at });
  }
  const oneByOne = headlines.filter((headline) => !isRead(next, headline)).map(markKey);
  if (oneByOne.length > 0) {
    const marks = { ...next.read };
    const unread = { ...next.unread };
    for (const url of oneByOne) {
      marks[url] = true;
      delete unread[url];
    }
    next = { ...next, read: marks, unread };
    changes.push({ kind: 'read', urls: oneByOne, read: true });
  }
  const marked = changes.length > 0 ? ask(next, { kind: 'persist', changes }) : next;
  return { ...marked, notice: `${title}: all ${headlines.length} headlines marked read` };
}

/** s: saves or unsaves the article being read or the headline under the cursor. */
export function toggleSaved(state: ReaderState, now: number): ReaderState {
  const article = currentArticle(state);
  const headline = state.place.kind === 'article' ? undefined : headlineAtCursor(state);
  const url = state.place.kind === 'article' ? state.place.url : headline?.url;
  if (!url) return state;
  const already = state.saved[url];
  if (already) {
    const saved = { ...state.saved };
    delete saved[url];
    return ask(
      { ...state, saved, notice: 'Removed from saved articles' },
      { kind: 'persist', changes: [{ kind: 'save', article: { url, title: already.title, source: already.source }, saved: false }] },
    );
  }
  const title = article?.title ?? headline?.title;
  if (!title) return state; // still loading: nothing to name it by yet
  const source = article?.siteName ?? headline?.source ?? hostOf(url);
  const saved = { ...state.saved, [url]: { title, source, savedAt: new Date(now).toISOString() } };
  return ask(
    { ...state, saved, notice: 'Saved: readable offline, listed with v and by "kiosque saved"' },
    { kind: 'persist', changes: [{ kind: 'save', article: { url, title, source }, saved: true }] },
  );
}

function blockAt(lines: Line[], scroll: number): number {
  return Math.max(0, lines[scroll]?.block ?? 0);
}

/** Before leaving an article: remember where the reader stopped, for this run and the next ones. */
export function rememberPosition(state: ReaderState): ReaderState {
  if (state.place.kind !== 'article' || !currentArticle(state)) return state;
  const url = state.place.url;
  const block = blockAt(articleLines(state), state.place.scroll);
  if ((state.positions[url] ?? 0) === block) return state;
  const positions = { ...state.positions };
  if (block > 0) positions[url] = block;
  else delete positions[url];
  return ask({ ...state, positions }, { kind: 'persist', changes: [{ kind: 'position', url, block }] });
}

/** The scroll that shows the remembered block at the top, once the article is laid out. */
export function rememberedScroll(state: ReaderState, url: string): number {
  const block = state.positions[url];
  if (!block || state.place.kind !== 'article' || state.place.url !== url) return 0;
  const lines = articleLines(state);
  const line = lines.findIndex((candidate) => candidate.block === block);
  return Math.max(0, Math.min(line, lines.length - state.viewport.height));
}
