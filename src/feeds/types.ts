export interface Headline {
  /** The feed's (or site's) title. */
  source: string;
  /** The source it came from, as the reader configured it (a feed or a site's page). */
  sourceUrl: string;
  title: string;
  url: string;
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
