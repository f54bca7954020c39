import stringWidth from 'string-width';
import { fitWidth } from './fit-width.js';
import { cleanInline } from '../text/sanitize.js';

/** The cursor mark and its space: two columns. */
const MARK_WIDTH = 2;

export interface SourceRowText {
  /** "World / Europe / ", cut when it alone would not fit. */
  folder: string;
  /** The source's title, cut by display width to what the row leaves it. */
  title: string;
  /** Spaces that push the count to the right edge. */
  gap: string;
  /** " 3/12 unread" or " unreachable": always whole, always on the right. */
  tail: string;
}

/**
 * One row of the sources view, laid out by display width as headline-row.ts does for
 * headlines: a 300-character or CJK title is cut, the count keeps its place at the
 * right and the row stays one line. Titles and folders come from config.json, an OPML
 * file or a feed: they are folded to one line first, so that what is measured is what
 * is drawn.
 */
export function sourceRowText(
  row: { title: string; group: string[]; error: string | null; count: number; unread: number },
  width: number,
  /** Still loading (a spinner is drawn in the tail's first columns), or showing what was kept from last time (◌). */
  status: 'loading' | 'kept' | 'done' = 'done',
): SourceRowText {
  const tail =
    status === 'loading'
      ? `${row.count ? ` ${row.unread}/${row.count}` : ''}   loading`
      : row.error
        ? ' unreachable'
        : ` ${row.unread}/${row.count} unread${status === 'kept' ? ' ◌' : ''}`;
  const room = Math.max(0, width - MARK_WIDTH - stringWidth(tail));
  const group = row.group.map(cleanInline).filter(Boolean);
  const fullFolder = group.length ? `${group.join(' / ')} / ` : '';
  // The folder takes at most half the room: the title is what tells sources apart.
  const folderRoom = stringWidth(fullFolder) > room ? Math.floor(room / 2) : room;
  const folder = fitWidth(fullFolder, folderRoom);
  const titleRoom = Math.max(0, room - stringWidth(folder));
  const fullTitle = cleanInline(row.title);
  const title = fitWidth(fullTitle, titleRoom);
  return { folder, title, gap: ' '.repeat(Math.max(0, titleRoom - stringWidth(title))), tail };
}
