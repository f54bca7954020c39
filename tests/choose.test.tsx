import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Choose } from '../src/ui/choose.js';

const KEYS = { down: '\u001b[B', enter: '\r', escape: '\u001b' };

/** The list `sources add` shows on a terminal when a site announces several feeds (ink-select-input). */
describe('choosing one of several feeds', () => {
  const items = [
    'La Gazette » Flux  http://x/feed/',
    'La Gazette » Sport  http://x/sport/',
    'Hostile \u001b]0;pwned\u0007 title  http://x/c/',
  ];

  async function open() {
    const onDone = vi.fn();
    const app = render(<Choose question="http://x/ offers 3 feeds. Which one?" items={items} onDone={onDone} />);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('Sport'));
    return { app, onDone };
  }

  it('Enter takes the highlighted feed (the main one first); the labels reach the screen cleaned', async () => {
    const { app, onDone } = await open();
    expect(app.lastFrame()).toMatch(/❯ La Gazette » Flux/);
    expect(app.lastFrame()).not.toContain('\u001b]0;');
    app.stdin.write(KEYS.enter);
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(0));
    app.unmount();
  });

  it('the arrows move the highlight; a number takes that feed', async () => {
    // (Enter right after an arrow is tried in a real terminal, tests/shell-tmux.test.ts: the list
    // takes a key press in an effect after each frame, which a person is never faster than.)
    const { app, onDone } = await open();
    app.stdin.write(KEYS.down);
    await vi.waitFor(() => expect(app.lastFrame()).toMatch(/❯ La Gazette » Sport/));
    app.stdin.write('3');
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(2));
    app.unmount();
  });

  it('Esc chooses none', async () => {
    const { app, onDone } = await open();
    app.stdin.write(KEYS.escape);
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(undefined));
    app.unmount();
  });
});
