import { KiosqueError } from '../errors.js';
import type { Article } from '../extract/types.js';
import type { HttpClient } from '../net/client.js';

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/** Fetches a page through the cache and reads its article. */
export async function readArticle(client: HttpClient, url: string): Promise<{ article: Article; stale: boolean; fromCache: boolean }> {
  const resource = await client.fetch(url);
  const type = resource.contentType.split(';')[0]?.trim() ?? '';
  // No content type at all: look at the bytes, as browsers do.
  const looksHtml =
    HTML_TYPES.test(type) || (!type && /^\s*(?:<!doctype html|<html|<head|<body|<p|<div)/i.test(resource.text.slice(0, 1024)));
  if (!looksHtml) {
    throw new KiosqueError('NOT_HTML', `${url} is not a web page (${type || 'unknown type'}).`, { url });
  }
  // The extractor loads with the first article, not with the headline list.
  const { extractArticle } = await import('../extract/article.js');
  const article = extractArticle(resource.text, resource.finalUrl);
  if (article.blocks.length === 0) {
    throw new KiosqueError('NO_ARTICLE', `No article text was found on ${url}.`, { url });
  }
  return { article, stale: resource.stale, fromCache: resource.fromCache };
}
