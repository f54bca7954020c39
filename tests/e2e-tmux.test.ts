import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The built reader in a real terminal (tmux), on the demo newsstand served from
 * 127.0.0.1 inside the process: what a person sees after each key.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'cli.js'));
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const reason = !built ? 'dist/ is not built (run "npm run build")' : 'tmux is not installed';
if (!built || !hasTmux) console.warn(`[skipped] end-to-end tmux test: ${reason}.`);

const socket = `kiosque-e2e-${process.pid}`;
const session = 'reader';
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);
const waitForScreen = (pattern: RegExp) =>
  vi.waitFor(() => {
    const text = screen();
    if (!pattern.test(text)) throw new Error(`screen does not show ${pattern}:\n${text}`);
    return text;
  }, { timeout: 15_000, interval: 50 });
const press = (...keys: string[]) => tmux('send-keys', '-t', session, ...keys);
const firstLine = (text: string) => text.split('\n')[1] ?? '';

describe.skipIf(!built || !hasTmux)('kiosque --demo in tmux', () => {
  beforeAll(() => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-'));
    // Ink draws only the last frame when CI is set; a person's terminal has no CI variable.
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `env -u CI node ${path.join(ROOT, 'bin', 'kiosque.js')} --demo --cache-dir ${cache}`);
  });
  afterAll(() => {
    try {
      tmux('kill-server');
    } catch {
      // already gone
    }
  });

  it('shows headlines, opens an article, follows "Lire aussi" [1], next / previous, and goes back', async () => {
    await waitForScreen(/kiosque 32 headlines/);
    expect(screen()).toMatch(/La Gazette du Quai · .*ago|La Gazette du Quai · il y a/);

    press('Enter');
    const article = await waitForScreen(/\[1\] Lire aussi : /);
    const title = firstLine(article);
    const related = /\[1\] Lire aussi : (.+)/.exec(article)?.[1]?.trim() ?? '';
    expect(article).toMatch(/\d+%$/m);

    press('1');
    await waitForScreen(new RegExp(`^${escape(related.slice(0, 30))}`, 'm'));
    const relatedScreen = screen();
    expect(firstLine(relatedScreen)).toContain(related.slice(0, 30));
    const nextTitle = /n → (.+?)(?:\s{2}·|\s+\d+%)/.exec(relatedScreen)?.[1]?.trim() ?? '';

    press('n');
    await waitForScreen(new RegExp(`^${escape(nextTitle.slice(0, 30))}`, 'm'));
    press('p');
    await waitForScreen(new RegExp(`^${escape(related.slice(0, 30))}`, 'm'));

    press('h');
    await waitForScreen(new RegExp(`^${escape(nextTitle.slice(0, 30))}`, 'm'));
    press('h');
    await waitForScreen(new RegExp(`^${escape(related.slice(0, 30))}`, 'm'));
    press('h');
    await waitForScreen(new RegExp(`^${escape(title.slice(0, 30))}`, 'm'));
    press('q');
    await waitForScreen(/kiosque 32 headlines\n›/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
