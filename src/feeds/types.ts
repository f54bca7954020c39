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
