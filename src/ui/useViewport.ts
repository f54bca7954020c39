import { useStdout } from 'ink';
import { useEffect, useEffectEvent } from 'react';

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

function measure(stdout: NodeJS.WriteStream): Viewport {
  return { width: stdout.columns || 80, height: Math.max(3, (stdout.rows || 24) - CHROME_LINES) };
}

/** The text area's size now. */
export function useInitialViewport(): Viewport {
  return measure(useStdout().stdout);
}

/** Calls back on every terminal resize with the new text area. */
export function useResize(onResize: (viewport: Viewport) => void): void {
  const { stdout } = useStdout();
  // The latest callback, without subscribing again on every render.
  const resized = useEffectEvent(() => onResize(measure(stdout)));
  useEffect(() => {
    const listener = () => resized();
    stdout.on('resize', listener);
    return () => {
      stdout.off('resize', listener);
    };
  }, [stdout]);
}
