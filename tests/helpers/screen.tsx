import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { vi } from 'vitest';

/**
 * Renders the reader and waits on frames (never on the clock): what a test sees after each key.
 * The bound only ends a test that would never pass: the machine is shared, and parser processes
 * starting under load have taken over 5 s, so it stays well inside the 30 s a test has.
 */
export async function openScreen(element: ReactElement, firstText: string | RegExp, timeout = 20_000) {
  const app = render(element);
  const frame = () => app.lastFrame() ?? '';
  const waitFor = (text: string | RegExp) =>
    vi.waitFor(
      () => {
        const current = frame();
        if (typeof text === 'string' ? !current.includes(text) : !text.test(current)) throw new Error(`not yet: ${text}\n${current}`);
      },
      { timeout, interval: 10 },
    );
  const press = async (key: string, until: string | RegExp) => {
    app.stdin.write(key);
    await waitFor(until);
  };
  await waitFor(firstText);
  return { app, frame, waitFor, press };
}
