// links-dev: kiosque's related, previous and next links on the labelled pages, scored by the
// corpus's own scorer (../shared/corpus/links-dev/score.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pageBytes, SHARED } from './corpora.js';

/** The scorer's summary for one build's extractor and decoder, or null without the corpus. */
export async function scoreLinks({ extractArticle, decodeBody }) {
  const dir = path.join(SHARED, 'links-dev');
  if (!existsSync(path.join(dir, 'labels.json'))) return null;
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8'));
  const predictions = {};
  // pagination_next is not scored by score.mjs (only taken as next, pag>next): counted here.
  const paging = { labelled: 0, found: 0, wrong: 0 };
  const canon = (url) => (url ? new URL(url).href.replace(/#.*$/, '').replace(/\/+(?=\?|$)/, '') : null);
  for (const label of labels) {
    const bytes = pageBytes(path.join(SHARED, label.corpus, label.file));
    if (!bytes) continue;
    try {
      const article = extractArticle((await decodeBody(bytes)).text, label.url);
      predictions[`${label.corpus}/${label.file}`] = {
        related: article.related.map((link) => link.url),
        previous: article.previous?.url ?? null,
        next: article.next?.url ?? null,
      };
      const [found, labelled] = [canon(article.pagination?.next), canon(label.pagination_next)];
      if (labelled) paging.labelled++;
      if (labelled && found === labelled) paging.found++;
      else if (found !== labelled && found) paging.wrong++;
    } catch {
      // Nothing found on that page.
    }
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-links-')), 'predictions.json');
  writeFileSync(file, JSON.stringify(predictions));
  const summary = execFileSync('node', [path.join(dir, 'score.mjs'), file], { encoding: 'utf8' }).trim();
  return `${summary}\npagination_next (the article's next page): ${paging.found}/${paging.labelled} found, ${paging.wrong} page(s) given a wrong one`;
}
