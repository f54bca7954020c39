import wrapAnsi from 'wrap-ansi';
import type { Article } from '../extract/types.js';
import type { Headline } from '../feeds/types.js';
import type { SourceResult } from '../feeds/sources.js';

/** Plain-text renderings for the terminal when --json is not asked for. */
export function formatArticle(article: Article, width: number): string {
  const wrap = (text: string, indent = '') => wrapAnsi(text, Math.max(20, width - indent.length), { hard: true }).split('\n').map((line) => indent + line).join('\n');
  const out: string[] = [wrap(article.title), ''];
  const meta = [article.byline, article.published?.slice(0, 10), article.section, article.siteName].filter(Boolean).join(' · ');
  if (meta) out.push(wrap(meta), '');
  for (const block of article.blocks) {
    switch (block.type) {
      case 'heading': out.push(wrap(block.text.toUpperCase())); break;
      case 'paragraph': out.push(wrap(block.text)); break;
      case 'quote': out.push(wrap(block.text, '  │ ')); break;
      case 'preformatted': out.push(block.text); break;
      case 'list': out.push(block.items.map((item, index) => wrap(`${block.ordered ? `${index + 1}.` : '•'} ${item}`, '  ')).join('\n')); break;
      case 'related': out.push(wrap(`[${block.index + 1}] ${block.text}`)); break;
    }
    out.push('');
  }
  if (article.related.length) {
    out.push('Related:');
    article.related.forEach((link, index) => out.push(wrap(`[${index + 1}] ${link.title}`, '  '), `      ${link.url}`));
    out.push('');
  }
  if (article.previous) out.push(wrap(`Previous: ${article.previous.title}`), `  ${article.previous.url}`);
  if (article.next) out.push(wrap(`Next: ${article.next.title}`), `  ${article.next.url}`);
  return out.join('\n').trimEnd() + '\n';
}

export function formatHeadlines(headlines: Array<Headline & { read?: boolean; saved?: boolean }>, sources: SourceResult[], width: number): string {
  const lines: string[] = [];
  for (const source of sources) {
    if (source.error) lines.push(`! ${source.title}: ${source.error.message}`);
  }
  for (const headline of headlines) {
    const date = headline.published ? headline.published.slice(0, 16).replace('T', ' ') : '';
    // Unread first-column dot as in the reader; saved articles carry a star.
    const mark = `${headline.read ? ' ' : '•'}${headline.saved ? '★' : ' '}`;
    lines.push(wrapAnsi(`${mark}${headline.title}`, width, { hard: true }));
    lines.push(`  ${[headline.source, date].filter(Boolean).join(' · ')}`);
    lines.push(`  ${headline.url}`);
  }
  return lines.join('\n') + '\n';
}

export function formatSaved(saved: Array<{ url: string; title: string; source: string; savedAt: string; offline: boolean }>, width: number): string {
  if (saved.length === 0) return 'No saved articles: press s on an article in the reader to keep it.\n';
  const lines: string[] = [];
  for (const entry of saved) {
    lines.push(wrapAnsi(entry.title, width, { hard: true }));
    lines.push(`  ${[entry.source, `saved ${entry.savedAt.slice(0, 10)}`, entry.offline ? 'readable offline' : null].filter(Boolean).join(' · ')}`);
    lines.push(`  ${entry.url}`);
  }
  return lines.join('\n') + '\n';
}
