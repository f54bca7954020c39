import { readSources } from '../feeds/sources.js';
import type { Headline, SourceEntry } from '../feeds/types.js';
import { HttpClient } from '../net/client.js';
import { matchesWords, queryWords } from '../text/fold.js';
import { articleText } from './reader-services.js';
import type { Session } from './session.js';

/** A saved article whose title or text has every word. */
export interface SavedMatch {
  url: string;
  title: string;
  source: string;
  savedAt: string;
}

export interface SearchResult {
  headlines: Headline[];
  saved: SavedMatch[];
}

/**
 * `kiosque search WORDS`: every word (case and accents aside, the reader's rule) in the text of a
 * saved article, or in a headline kept in the cache (title, source, summary). Nothing is fetched:
 * what is searched is what kiosque already has.
 */
export async function searchKept(session: Session, entries: SourceEntry[], query: string): Promise<SearchResult> {
  const words = queryWords(query);
  const kept = new HttpClient({ cache: session.cache, offline: true });
  const { headlines } = await readSources(kept, entries);
  const state = session.readingState().current();
  const saved = Object.values(state.saved)
    .filter((entry) => {
      const copy = session.savedCopies.get(entry.url);
      return matchesWords(`${entry.title} ${entry.source}`, words) || (copy !== undefined && matchesWords(articleText(copy), words));
    })
    .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
    .map(({ url, title, source, savedAt }) => ({ url, title, source, savedAt }));
  return {
    headlines: headlines.filter((headline) => matchesWords(`${headline.title} ${headline.source} ${headline.summary ?? ''}`, words)),
    saved,
  };
}
