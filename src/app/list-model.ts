import { groupStories } from '../feeds/group.js';
import { isRead, type ReadMarks } from '../store/reading-state.js';
import type { LoadedHeadlines } from './reader-services.js';

/** What a row of the headline list shows of its story's lead. */
export interface ListRowHeadline {
  title: string;
  source: string;
  published: string | null;
}

export interface ListRow {
  headline: ListRowHeadline;
  /** How many other sources list the same story. */
  others: number;
  read: boolean;
  saved: boolean;
}

/**
 * The headline list as its first frame shows it, before any layout: the title bar's counts, the
 * failing sources' line, and the first rows. It is what the first paint lays out, from the
 * headlines just loaded or from the list kept from the last run (app/list-snapshot.ts).
 */
export interface ListModel {
  /** False while the sources are still loading (the title bar says so). */
  loaded: boolean;
  stories: number;
  unread: number;
  /** The failing sources, as the list's error line names them. */
  errors: { source: string; message: string }[];
  rows: ListRow[];
}

/** What earlier runs left that the list shows: read marks and saves (the reading state, or the reader's view of it). */
export type RememberedMarks = Partial<ReadMarks> & { saved?: Record<string, unknown> };

/** The model of the list the reader opens on, its first `maxRows` rows. */
export function listModel(loaded: LoadedHeadlines | undefined, remembered: RememberedMarks | undefined, maxRows: number): ListModel {
  if (!loaded) return { loaded: false, stories: 0, unread: 0, errors: [], rows: [] };
  const marks: ReadMarks = {
    read: remembered?.read ?? {},
    unread: remembered?.unread ?? {},
    readThrough: remembered?.readThrough ?? {},
  };
  const saved = remembered?.saved ?? {};
  const stories = groupStories(loaded.headlines).map((story) => ({
    story,
    read: [story.lead, ...story.others].some((headline) => isRead(marks, headline)),
  }));
  return {
    loaded: true,
    stories: stories.length,
    unread: stories.filter(({ read }) => !read).length,
    errors: loaded.errors.map(({ source, message }) => ({ source, message })),
    rows: stories.slice(0, maxRows).map(({ story: { lead, others }, read }) => ({
      headline: { title: lead.title, source: lead.source, published: lead.published },
      others: others.length,
      read,
      saved: Boolean(saved[lead.url]),
    })),
  };
}
