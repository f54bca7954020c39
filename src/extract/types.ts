export interface Link {
  title: string;
  url: string;
}

export interface RelatedLink extends Link {
  /** The label as written on the page ("Lire aussi :"), for links found inline in the body. */
  label?: string;
}

export type Block =
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
  wordCount: number;
}
