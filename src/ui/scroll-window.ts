/**
 * The first row to show of `count` rows in a window of `rows` lines, keeping the
 * cursor in the middle where it can, and the window full at both ends. Every list
 * of the reader (headlines, sources, links) scrolls this way.
 */
export function windowStart(cursor: number, count: number, rows: number): number {
  return Math.min(Math.max(0, cursor - Math.floor(rows / 2)), Math.max(0, count - rows));
}
