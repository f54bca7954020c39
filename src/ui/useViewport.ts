import { useStdout } from 'ink';
import { useEffect, useEffectEvent } from 'react';
import { viewportOf as measure, type Viewport } from './viewport-size.js';

export { CHROME_LINES, type Viewport } from './viewport-size.js';

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
