import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { vi } from 'vitest';

/** Renders the reader and waits on frames (never on the clock): what a test sees after each key. */
export async function openScreen(element: ReactElement, firstText: string | RegExp, timeout = 5000) {
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
