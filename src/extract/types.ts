export interface Link {
  title: string;
  url: string;
}

export interface RelatedLink extends Link {
  /** The label as written on the page ("Lire aussi :"), for links found inline in the body. */
  label?: string;
}

export type Block =
  /**
   * Where page `number` of a multi-page article begins, once its pages are joined into one
   * (app/join-pages.ts; the extractor reads one page and never gives it). `of` is the number of
   * pages, null when a page could not be read (see `Article.missingPage`); `text` says it in
   * words ("page 2 of 3"), for whoever prints every block's text. A missing page has a last
   * such block, whose text says why it could not be read.
   */
  | { type: 'page'; number: number; of: number | null; url: string; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'quote'; text: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'preformatted'; text: string }
  /** An inline "Lire aussi" line, kept where it stood; `index` points into `Article.related`. */
  | { type: 'related'; index: number; text: string }
  /** A figure or picture where it stood: no text of the article (articleText leaves it out); `src` an http(s) address or null. */
  | ImageBlock;

export interface ImageBlock {
  type: 'image';
  alt: string;
  caption: string;
  src: string | null;
}

/**
 * Whether the page served the article itself: `teaser` when the markup says the rest is for
 * subscribers (JSON-LD isAccessibleForFree false, a paywall container, a subscribe prompt
 * closing a cut text), `consent` when a consent manager's wall stands where the text should be.
 */
export type Access = 'full' | 'teaser' | 'consent';

export interface Article {
  url: string;
  canonicalUrl: string | null;
  title: string;
  byline: string | null;
  /** ISO 8601, keeping the site's own offset when the page gives one. */
  published: string | null;
  section: string | null;
  siteName: string | null;
  lang: string | null;
  description: string | null;
  blocks: Block[];
  related: RelatedLink[];
  previous: Link | null;
  next: Link | null;
  /** Pages of this same article (page 2 of 3...), never another article. */
  pagination: { previous: string | null; next: string | null };
  /** The addresses of the pages joined into this article, in order (app/join-pages.ts): absent from the extractor's one page. */
  pages?: string[];
  /** The page of a multi-page article that could not be read, if one could not. */
  missingPage?: MissingPage | null;
  wordCount: number;
  access: Access;
  /**
   * Read from the feed's own copy of the entry (its content, or its description), not from its
   * page: the entry has no link, or its page could not be read. The reader says so ("from the feed").
   */
  fromFeed?: boolean;
}

/** A page of a multi-page article that could not be read: the joined text stops before it. */
export interface MissingPage {
  number: number;
  url: string;
  /** Why, in words (a network error, or the limit on pages joined). */
  message: string;
}
