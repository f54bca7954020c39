// Two builds of kiosque's extractor, article for article: for a change meant to be pure speed or
// memory, every page of every corpus (zyte-dev, readability, dragnet, links-dev with its labelled
// addresses) and every HTML page of ../shared/fixtures/site-fr must give the very same Article
// (text, links, metadata), compared as JSON. Prints the pages that differ and exits 1 if any do.
//
//   node bench/compare-articles.js BASE_DIST [HEAD_DIST]     (HEAD_DIST defaults to ./dist)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageBytes, SHARED, TEXT_CORPORA } from './corpora.js';

const [baseArg, headArg = path.resolve(import.meta.dirname, '..', 'dist')] = process.argv.slice(2);
if (!baseArg) {
  console.log('usage: node bench/compare-articles.js BASE_DIST [HEAD_DIST]');
  process.exit(2);
}

async function load(dist) {
  const root = path.resolve(dist);
  const library = await import(pathToFileURL(path.join(root, 'index.js')).href);
  const { decodeBody } = await import(pathToFileURL(path.join(root, 'net', 'charset.js')).href);
  return { extractArticle: library.extractArticle, decodeBody };
}
const builds = [await load(baseArg), await load(headArg)];

/** Every page to read: [name, bytes, url]. */
function* pages() {
  for (const corpus of TEXT_CORPORA) {
    const dir = path.join(SHARED, corpus);
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const folder = path.join(dir, entry.name);
      const bytes = pageBytes(folder);
      if (!bytes) continue;
      const urlFile = path.join(folder, 'url.txt');
      const url = (existsSync(urlFile) && readFileSync(urlFile, 'utf8').trim()) || `http://${corpus}.test/${entry.name}.html`;
      yield [`${corpus}/${entry.name}`, bytes, url];
    }
  }
  const labels = path.join(SHARED, 'links-dev', 'labels.json');
  if (existsSync(labels)) {
    for (const label of JSON.parse(readFileSync(labels, 'utf8'))) {
      const bytes = pageBytes(path.join(SHARED, label.corpus, label.file));
      if (bytes) yield [`links-dev/${label.corpus}/${label.file}`, bytes, label.url];
    }
  }
  const site = path.resolve(SHARED, '..', 'fixtures', 'site-fr');
  if (existsSync(site)) {
    const walk = function* (dir) {
      for (const name of readdirSync(dir).sort()) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) yield* walk(file);
        else if (name.endsWith('.html')) yield file;
      }
    };
    for (const file of walk(site)) {
      const address = `http://127.0.0.1:8000/${path.relative(site, path.dirname(file)).split(path.sep).join('/')}/`.replace(/\/+$/, '/');
      yield [`site-fr/${path.relative(site, file)}`, readFileSync(file), address];
    }
  }
}

let count = 0;
const differ = [];
for (const [name, bytes, url] of pages()) {
  const html = (await builds[0].decodeBody(bytes)).text;
  const [base, head] = builds.map((build) => {
    try {
      return JSON.stringify(build.extractArticle(html, url));
    } catch (error) {
      return `crash: ${error?.code ?? ''} ${error?.message}`;
    }
  });
  count++;
  if (base !== head) differ.push(name);
}
console.log(`${count} pages read by both builds; ${differ.length} differ${differ.length ? ':' : ''}`);
for (const name of differ) console.log(`  ${name}`);
process.exit(differ.length ? 1 : 0);
