// A 5 MB page (the article among 5 MB of menus), read in a fresh process: time and peak memory.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const script = (library) => `
const { extractArticle } = await import(${JSON.stringify(library)});
const paragraph = 'Le conseil a voté le budget après quatre heures de débats, dans une salle comble, et la séance a duré tard.';
const filler = '<div class="widget"><ul>' + '<li><a href="/x">Un lien de menu parmi tant d’autres</a></li>'.repeat(40) + '</ul></div>';
const half = filler.repeat(Math.ceil(5_000_000 / filler.length / 2));
const page = '<html><body>' + half + '<article><h1>Grand</h1>' + ('<p>' + paragraph + '</p>').repeat(30) + '</article>' + half + '</body></html>';
const before = process.memoryUsage().rss;
const start = performance.now();
const article = extractArticle(page, 'https://x.example/big/');
const ms = performance.now() - start;
console.log(JSON.stringify({ megabytes: page.length / 1e6, ms, paragraphs: article.blocks.length, rssBeforeMb: before / 1048576, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

export function bigPage() {
  const library = pathToFileURL(path.resolve(import.meta.dirname, '..', 'dist', 'index.js')).href;
  return JSON.parse(execFileSync('node', ['--input-type=module', '-e', script(library)], { encoding: 'utf8' }));
}
