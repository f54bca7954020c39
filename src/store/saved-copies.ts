import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Article } from '../extract/types.js';
import { dataDir } from './paths.js';

/**
 * A saved article's text, kept in the data directory: the cache may evict or
 * expire a page, a saved article stays readable offline until it is unsaved.
 */
export class SavedCopies {
  readonly dir: string;

  constructor(dir = path.join(dataDir(), 'saved')) {
    this.dir = dir;
  }

  private fileFor(url: string): string {
    return path.join(this.dir, `${createHash('sha1').update(url).digest('hex')}.json`);
  }

  /** Throws on a disk error: the caller says so, the save mark is kept all the same. */
  keep(url: string, article: Article): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic.sync(this.fileFor(url), JSON.stringify(article));
  }

  /** The copy, or undefined when there is none or it cannot be read. */
  get(url: string): Article | undefined {
    try {
      const article = JSON.parse(readFileSync(this.fileFor(url), 'utf8')) as Article;
      return typeof article?.title === 'string' && Array.isArray(article.blocks) ? article : undefined;
    } catch {
      return undefined;
    }
  }

  has(url: string): boolean {
    return this.get(url) !== undefined;
  }

  drop(url: string): void {
    rmSync(this.fileFor(url), { force: true });
  }
}
