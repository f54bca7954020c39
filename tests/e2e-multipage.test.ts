import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LAST_SENTENCE, NEXT_TITLE, TITLE, startMultipageSite, type MultipageSite } from './helpers/multipage-site.js';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built reader in a real terminal (tmux) on a three-page article served from 127.0.0.1:
 * the pages are read as one text, page markers show where each page begins, the last page is
 * reached by scrolling, and `n` still goes to the next article, not to page 2.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'cli.js'));
if (!built || !hasTmux)
  console.warn(`[skipped] multi-page article in tmux: ${!built ? 'dist/ is not built (run "npm run build")' : 'tmux is not installed'}.`);

const server = tmuxServer(`kiosque-e2e-multipage-${process.pid}`);
const target = 'multipage';
const screen = () => server.screen(target);
const waitForScreen = (pattern: RegExp) => server.waitForScreen(target, pattern);
const press = (...keys: string[]) => server.press(target, ...keys);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The reading position on the status line ("37%"). */
const position = (text: string) => /(\d+)%\s*$/m.exec(text)?.[1];

describe.skipIf(!built || !hasTmux)('a three-page article in the reader, in tmux', () => {
  let site: MultipageSite;
  beforeAll(async () => {
    site = await startMultipageSite();
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-multipage-'));
    // Ink draws only the last frame when CI is set; a person's terminal has no CI variable.
    server.run(
      'new-session',
      '-d',
      '-s',
      target,
      '-x',
      '100',
      '-y',
      '30',
      `env -u CI node ${path.join(ROOT, 'bin', 'kiosque.js')} ${site.origin}/feed.xml --cache-dir ${cache}`,
    );
  });
  afterAll(async () => {
    server.kill();
    await site?.close();
  });

  /** Space until the screen shows `pattern`: each press waits for the reading position to move, never for the clock. */
  async function scrollUntil(pattern: RegExp): Promise<string> {
    let shown = screen();
    for (let presses = 0; !pattern.test(shown); presses++) {
      const before = position(shown);
      if (presses > 40 || before === '100') throw new Error(`scrolled to the end without seeing ${pattern}:\n${shown}`);
      press('Space');
      shown = await vi.waitFor(
        () => {
          const text = screen();
          if (position(text) === before) throw new Error(`the position stays at ${before}%:\n${text}`);
          return text;
        },
        { timeout: 15_000, interval: 50 },
      );
    }
    return shown;
  }

  it('reads the three pages as one text with page markers, down to the last page; n goes to the next article', async () => {
    await waitForScreen(/kiosque 2 headlines/);
    // The first frame is painted before the keys are read (an Enter typed then is lost, in cooked mode):
    // a letter waits in the terminal until they are, so the cursor moving down says the reader listens.
    press('j');
    await waitForScreen(new RegExp(`^›.*${escape(NEXT_TITLE)}`, 'm'));
    press('k');
    await waitForScreen(new RegExp(`^›.*${escape(TITLE)}`, 'm'));
    press('Enter');
    // Page 1 shows first; once every page is read, the marker of page 2 knows there are three.
    const opened = await waitForScreen(/^─+ page 2 of 3 ─+$/m);
    expect(opened).toMatch(new RegExp(`^${escape(TITLE)}`, 'm'));
    expect(opened).toMatch(new RegExp(`n → ${escape(NEXT_TITLE)}`));
    expect(opened).toContain('Page 1, paragraphe 1');

    const third = await scrollUntil(/─ page 3 of 3 ─/);
    expect(third).toMatch(/^─+ page 3 of 3 ─+$/m);
    const end = await scrollUntil(new RegExp(escape(LAST_SENTENCE)));
    expect(end).toContain('Page 3, paragraphe 7');
    // Still the first page's next article: the post navigation, not page 2.
    expect(end).toMatch(new RegExp(`n → ${escape(NEXT_TITLE)}`));

    press('n');
    const next = await waitForScreen(new RegExp(`^${escape(NEXT_TITLE)}`, 'm'));
    expect(next).not.toMatch(/Page \d, paragraphe/);
    expect(next).toContain('Le marché, paragraphe 1');
  });
});
