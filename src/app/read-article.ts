import { type ErrorCode, isKiosqueError, KiosqueError } from '../errors.js';
import type { Article } from '../extract/types.js';
import type { FetchedResource, FetchOptions, HttpClient } from '../net/client.js';
import { stripControls } from '../text/sanitize.js';
import { VERSION } from '../version.js';
import { loadParsers } from '../work/load.js';

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

/**
 * A page whose article cannot be read (the extractor ran out of memory or time, or found no
 * text) is a fault of its bytes: kept with the cached body under this name (which changes
 * with kiosque's version, and with the revision when extraction changes), so reading the
 * same bytes again says so at once instead of spending the parser's deadline again.
 */
const FAULT_REVISION = 1;
const FAULT_KIND = `article-fault@${VERSION}.${FAULT_REVISION}`;
const CONTENT_FAULTS: ReadonlySet<ErrorCode> = new Set(['NO_ARTICLE', 'TOO_COMPLEX']);

/** Fetches a page through the cache and reads its article, in a parser process (src/work/pool.ts). */
export async function readArticle(
  client: HttpClient,
  url: string,
  options: FetchOptions = {},
): Promise<{ article: Article; stale: boolean; fromCache: boolean }> {
  const resource = await client.fetch(url, options);
  const type = resource.contentType.split(';')[0]?.trim() ?? '';
  // No content type at all: look at the bytes, as browsers do.
  const looksHtml =
    HTML_TYPES.test(type) || (!type && /^\s*(?:<!doctype html|<html|<head|<body|<p|<div)/i.test(resource.text.slice(0, 1024)));
  if (!looksHtml) {
    throw new KiosqueError('NOT_HTML', `${url} is not a web page (${type || 'unknown type'}).`, { url });
  }
  const kept = keptFault(resource.derived[FAULT_KIND], url);
  if (kept) throw kept;
  try {
    const article = await extract(resource, url);
    // Pictures alone are no article: without a line of text, the page is read as having none.
    if (article.blocks.every((block) => block.type === 'image')) {
      throw new KiosqueError('NO_ARTICLE', `No article text was found on ${url}.`, { url });
    }
    return { article, stale: resource.stale, fromCache: resource.fromCache };
  } catch (error) {
    const fault = await contentFault(error, url);
    if (!fault) throw error;
    await client.derive(resource, FAULT_KIND, { kind: 'fault', code: fault.code, message: fault.message });
    throw fault;
  }
}

async function extract(resource: FetchedResource, url: string): Promise<Article> {
  // The pool loads with the first article, not with the headline list.
  const { runParseJob } = await loadParsers();
  return runParseJob<Article>({ task: 'article', text: resource.text, finalUrl: resource.finalUrl, url }, async () => {
    // Only from the TypeScript sources without a fresh build (see src/work/pool.ts): the extractor loads here.
    const { extractArticle } = await import('../extract/article.js');
    return extractArticle(resource.text, resource.finalUrl);
  });
}

async function contentFault(error: unknown, url: string): Promise<KiosqueError | undefined> {
  if (isKiosqueError(error)) return CONTENT_FAULTS.has(error.code) ? error : undefined;
  const { ParseLimitError } = await loadParsers();
  if (!(error instanceof ParseLimitError) || error.reason === 'crash') return undefined;
  return new KiosqueError('TOO_COMPLEX', `This page could not be read (${url}): ${error.message}.`, { url, cause: error });
}

function keptFault(value: unknown, url: string): KiosqueError | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { kind, code, message } = value as Record<string, unknown>;
  if (kind !== 'fault' || typeof message !== 'string' || !CONTENT_FAULTS.has(code as ErrorCode)) return undefined;
  return new KiosqueError(code as ErrorCode, stripControls(message), { url });
}
