// The shared corpora as the benchmarks read them: every page's HTML decoded by kiosque's own
// charset rules (dragnet holds the bytes as served, gzip'd), its address and the expected text.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';

export const SHARED = path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
export const TEXT_CORPORA = ['zyte-dev', 'readability', 'dragnet'];

/** The page's bytes: source.html, or source.html.gz as served. */
export function pageBytes(folder) {
  const plain = path.join(folder, 'source.html');
  if (existsSync(plain)) return readFileSync(plain);
  const zipped = `${plain}.gz`;
  return existsSync(zipped) ? gunzipSync(readFileSync(zipped)) : undefined;
}

/** The text of an HTML fragment, as a reader sees it (block boundaries as line breaks). */
function fragmentText(html) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body.textContent ?? '';
}

/**
 * Every page of a corpus, or null when the corpus is not there. `decode(bytes)` turns bytes into
 * text (pass kiosque's decodeBody, so that pages are read as kiosque reads them).
 */
export async function loadCorpus(name, decode) {
  const dir = path.join(SHARED, name);
  if (!existsSync(dir)) return null;
  const pages = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    const bytes = pageBytes(folder);
    if (!bytes) continue;
    const read = (file) => (existsSync(path.join(folder, file)) ? readFileSync(path.join(folder, file), 'utf8') : undefined);
    const expectedHtml = read('expected.html');
    const expected = read('expected.txt') ?? (expectedHtml ? fragmentText(expectedHtml) : '');
    const url = read('url.txt')?.trim() || `http://${name}.test/${entry.name}.html`;
    pages.push({ id: entry.name, html: await decode(bytes), url, expected });
  }
  return pages;
}
