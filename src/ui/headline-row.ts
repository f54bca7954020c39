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
  headline: Pick<Headline, 'title' | 'source' | 'published'>,
  options: {
    selected: boolean;
    read: boolean;
    saved: boolean;
    width: number;
    now: number;
    locale: string;
    /** How many other sources list the same story (a grouped row): "+2 sources". */
    others?: number;
    /** Its source's headlines are those kept from last time, not refreshed yet: marked ◌. */
    kept?: boolean;
  },
): HeadlineRow {
  const when = relativeTime(headline.published, options.now, options.locale);
  // Folded to one line and cleaned before measuring: a saved title from state.json was never through a feed parser,
  // and an escape sequence measures as nothing here yet would be drawn (or dropped) by the screen.
  const sourceName = cleanInline(headline.source);
  const fullTitle = cleanInline(headline.title);
  const tail = tailText(sourceName, when, options.others ?? 0, options.kept ?? false, options.width);
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

/** Columns under which a source name gives way to the time rather than be cut further. */
const MIN_SOURCE = 12;

/**
 * " Source +2 sources · il y a 3 h", within what the title leaves it: the title is what is read,
 * so on a narrow screen the tail gives way first (the count of sources shortens, the time goes,
 * the source is cut), and the title keeps well over half the row at every width.
 */
function tailText(source: string, when: string, others: number, kept: boolean, width: number): string {
  const budget = Math.max(0, Math.floor((width - MARKS_WIDTH) * (width >= 80 ? 0.45 : 0.35)));
  const mark = kept ? ' ◌' : '';
  const time = when ? ` · ${when}` : '';
  for (const [more, at] of [
    [others ? ` +${others} source${others > 1 ? 's' : ''}` : '', time],
    [others ? ` +${others}` : '', time],
    [others ? ` +${others}` : '', ''],
    ['', ''],
  ] as const) {
    const sourceRoom = Math.min(MAX_SOURCE, budget - 1 - stringWidth(mark + more + at));
    if (sourceRoom >= Math.min(MIN_SOURCE, stringWidth(source))) return `${mark} ${fitWidth(source, sourceRoom)}${more}${at}`;
  }
  // The narrowest rows: what is left of the source, if a few letters of it are.
  const sourceRoom = Math.min(MAX_SOURCE, budget - 1 - stringWidth(mark));
  return sourceRoom >= 4 ? `${mark} ${fitWidth(source, sourceRoom)}` : '';
}
