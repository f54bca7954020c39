/**
 * Rows not given to the text: the title bar, the status line, and one spare,
 * because a frame as tall as the terminal makes it scroll and the title bar
 * is pushed off the top.
 */
export const CHROME_LINES = 3;

export interface Viewport {
  width: number;
  height: number;
}

/** The text area of a terminal of this size. Without Ink: the first paint measures with it too (terminal/first-paint.ts). */
export function viewportOf(stdout: { columns?: number; rows?: number }): Viewport {
  return { width: stdout.columns || 80, height: Math.max(3, (stdout.rows || 24) - CHROME_LINES) };
}
