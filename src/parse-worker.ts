import { isKiosqueError } from './errors.js';
import type { SiteRule } from './extract/site-hosts.js';
import type { ParseReply, ParseRequest } from './work/pool.js';

/**
 * The parser process (src/work/pool.ts starts it): reads site pages and articles for
 * kiosque, one job at a time, under a heap limit and a deadline set by the pool. Each
 * parser loads with its first job. (Feeds are read in kiosque's own process, feeds/xml-feed.ts,
 * but for the few larger than IN_PROCESS_FEED: src/work/pool.ts.)
 */
async function run(request: ParseRequest): Promise<unknown> {
  switch (request.task) {
    case 'feed': {
      const { readAsFeed } = await import('./feeds/reading-feed.js');
      return readAsFeed(request);
    }
    case 'entries': {
      const { readFeed } = await import('./feeds/parse.js');
      return readFeed(request.text, request.finalUrl);
    }
    case 'page': {
      const { readAsPage } = await import('./feeds/reading.js');
      return readAsPage(request, request.url);
    }
    case 'article': {
      const { extractArticle } = await import('./extract/article.js');
      return extractArticle(request.text, request.finalUrl, { siteRule: request.siteRule as SiteRule | undefined });
    }
  }
}

function describe(id: number, error: unknown): ParseReply {
  // Recursion over a DOM nested hundreds of thousands deep runs out of stack: the page is to blame.
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return { id, ok: false, error: { name: 'RangeError', message: error.message, depth: true } };
  if (isKiosqueError(error)) {
    return {
      id,
      ok: false,
      error: { name: error.name, message: error.message, code: error.code, ...(error.url ? { url: error.url } : {}) },
    };
  }
  const plain = error instanceof Error ? error : new Error(String(error));
  return { id, ok: false, error: { name: plain.name, message: plain.message } };
}

process.on('message', (request: ParseRequest) => {
  run(request).then(
    (value) => process.send?.({ id: request.id, ok: true, value } satisfies ParseReply),
    (error: unknown) => process.send?.(describe(request.id, error)),
  );
});
// kiosque is gone (or closed its side): nothing more will be asked.
process.on('disconnect', () => process.exit(0));
