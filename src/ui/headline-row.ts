import stringWidth from 'string-width';
import { fitWidth } from './fit-width.js';
import type { Headline } from '../feeds/types.js';
import { cleanInline } from '../text/sanitize.js';
import { relativeTime } from './relative-time.js';

const MAX_SOURCE = 28;
/** The cursor and unread marks, then the saved star: four columns. */
const MARKS_WIDTH = 4;

export interface HeadlineRow {
  /** Cursor (›) and unread (•) marks. */
  marks: string;
  /** ★ for a saved article. */
  star: string;
  /** Cut to what the row leaves it. */
  title: string;
  /** Spaces that push the source and time to the right edge. */
  gap: string;
  /** " Source · il y a 3 h". */
  tail: string;
}

/**
 * One row of the headline list, laid out here rather than by flexbox: the marks
 * and the source keep their place and only the title is cut (a 10,000-character
 * title included). One Text per row keeps Ink's layout tree small, which is much
 * of what the first frame costs.
 */
export function headlineRow(
  headline: Headline,
  options: { selected: boolean; read: boolean; saved: boolean; width: number; now: number; locale: string },
): HeadlineRow {
  const when = relativeTime(headline.published, options.now, options.locale);
  // Folded to one line and cleaned before measuring: a saved title from state.json was never through a feed parser,
  // and an escape sequence measures as nothing here yet would be drawn (or dropped) by the screen.
  const sourceName = cleanInline(headline.source);
  const fullTitle = cleanInline(headline.title);
  const source = fitWidth(sourceName, MAX_SOURCE);
  const tail = ` ${source}${when ? ` · ${when}` : ''}`;
  const room = Math.max(0, options.width - MARKS_WIDTH - stringWidth(tail));
  const title = fitWidth(fullTitle, room);
  return {
    marks: `${options.selected ? '›' : ' '}${options.read ? ' ' : '•'}`,
    star: options.saved ? '★ ' : '  ',
    title,
    gap: ' '.repeat(Math.max(0, room - stringWidth(title))),
    tail,
  };
}
