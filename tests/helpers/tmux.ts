import { execFileSync, spawnSync } from 'node:child_process';
import { vi } from 'vitest';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * A tmux server of the test's own (its own socket): tests never meet the user's tmux, nor each
 * other's. What a person sees is `screen(target)`; keys go in with `press`.
 */
export function tmuxServer(socket: string) {
  const run = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = (target: string) => run('capture-pane', '-p', '-t', target);
  return {
    run,
    screen,
    press: (target: string, ...keys: string[]) => run('send-keys', '-t', target, ...keys),
    /** Waits (on the screen, never on the clock) until `target` shows `pattern`; the screen then. */
    waitForScreen: (target: string, pattern: RegExp, timeout = 15_000) =>
      vi.waitFor(
        () => {
          const text = screen(target);
          if (!pattern.test(text)) throw new Error(`screen does not show ${pattern}:\n${text}`);
          return text;
        },
        { timeout, interval: 50 },
      ),
    kill: () => {
      try {
        run('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
