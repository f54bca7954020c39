import { decodeHTML } from 'entities';
import { cleanInline } from '../text/sanitize.js';
import { attr, type Document, elementsByTag } from './dom.js';
import { JsonLd, stringOf } from './jsonld.js';

/** What a page says about itself in <meta> tags and JSON-LD, for the extractor and for feed discovery alike. */

const metaIndexes = new WeakMap<Document, Map<string, string>>();

/** Every <meta> of the page by property / name / itemprop (first one wins), read in one pass, not one per key. */
function metaIndex(document: Document): Map<string, string> {
  let index = metaIndexes.get(document);
  if (!index) {
    index = new Map();
    for (const element of elementsByTag(document, 'meta')) {
      const content = attr(element, 'content')?.trim();
      if (!content) continue;
      for (const name of ['property', 'name', 'itemprop']) {
        const key = attr(element, name)?.trim().toLowerCase();
        if (key && !index.has(key)) index.set(key, content);
      }
    }
    metaIndexes.set(document, index);
  }
  return index;
}

export function meta(document: Document, ...keys: string[]): string | undefined {
  const index = metaIndex(document);
  for (const key of keys) {
    const content = index.get(key.toLowerCase());
    if (content) return content;
  }
  return undefined;
}

/** Text from a meta tag, cleaned: titles there are sometimes double-escaped ("l&#8217;UE"). */
export function cleanMetaText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const out = cleanInline(/&(?:#\d+|#x[\da-f]+|\w+);/i.test(text) ? decodeHTML(text) : text);
  return out || undefined;
}

/** The site's name: og:site_name, else the JSON-LD publisher or WebSite name. */
export function siteNameOf(document: Document, ld: JsonLd = new JsonLd(document)): string | null {
  return (
    cleanMetaText(meta(document, 'og:site_name', 'application-name')) ??
    cleanMetaText(ld.names(ld.article()?.['publisher'])[0]) ??
    cleanMetaText(stringOf(ld.ofType(/^WebSite$/)[0]?.['name'])) ??
    null
  );
}
