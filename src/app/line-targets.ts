import type { Article } from '../extract/types.js';
import type { Line } from './article-layout.js';

/** What a line of the laid-out article leads to: the page itself (its title), a numbered related link, a figure's image. */
export type LineTarget = { kind: 'page'; url: string } | { kind: 'related'; index: number; url: string } | { kind: 'image'; url: string };

/**
 * The target of a line of the pane, found through the block the line belongs to: one answer for
 * the OSC 8 link drawn on it, a click on it, and the key that opens the image in view.
 */
export function lineTarget(article: Article, line: Line | undefined): LineTarget | undefined {
  if (!line) return undefined;
  if (line.kind === 'title') return { kind: 'page', url: article.url };
  const block = article.blocks[line.block];
  if (line.kind === 'related' && block?.type === 'related') {
    const link = article.related[block.index];
    return link ? { kind: 'related', index: block.index, url: link.url } : undefined;
  }
  if ((line.kind === 'image' || line.kind === 'caption') && block?.type === 'image' && block.src) return { kind: 'image', url: block.src };
  return undefined;
}

/** The first image whose line is among `lines` (the ones in view), for the key that opens it. */
export function imageInView(article: Article, lines: Line[]): string | undefined {
  for (const line of lines) {
    const target = lineTarget(article, line);
    if (target?.kind === 'image') return target.url;
  }
  return undefined;
}
