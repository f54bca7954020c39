export interface Headline {
  /** The feed's (or site's) title. */
  source: string;
  /** The source it came from, as the reader configured it (a feed or a site's page). */
  sourceUrl: string;
  title: string;
  /**
   * Where the article is read: the entry's link, or for an entry with no link an address inside its
   * feed (feeds/identity.ts: entryAddress), which the reader reads from the feed itself.
   */
  url: string;
  /**
   * Its identity in its source, as the feed gives it (feeds/identity.ts): the entry's guid / id,
   * else its link, else a digest of its title and date. Absent: its address is its identity
   * (headlines read off a site's page, and those kept by earlier versions).
   */
  id?: string;
  /** ISO 8601, or null when the feed gives no usable date. */
  published: string | null;
  author: string | null;
  summary: string | null;
}

export interface ParsedFeed {
  title: string;
  format: 'rss' | 'atom' | 'rdf' | 'json' | 'html';
  headlines: Headline[];
}

/** A source as the reader configured it: a feed, or a site's page to find headlines on. */
export interface SourceEntry {
  url: string;
  title?: string;
  /** Folders it sits in, outermost first (OPML outlines); the reader groups sources by them. */
  group?: string[];
  /** The site's own page, when known (OPML htmlUrl). */
  htmlUrl?: string;
  /** Other OPML outline attributes, kept as they were so an export gives them back. */
  attributes?: Record<string, string>;
}
