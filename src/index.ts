/** kiosque's core for JavaScript users: extraction and feeds need no network. */
export { extractArticle, articleText } from './extract/article.js';
export type { Article, Block, Link, RelatedLink } from './extract/types.js';
export { KiosqueError, type ErrorCode } from './errors.js';
export { parseFeed } from './feeds/parse.js';
export type { Headline, ParsedFeed } from './feeds/types.js';
export { discoverFeeds, headlinesFromPage } from './feeds/discover.js';
