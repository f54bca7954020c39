import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built reader in a real terminal (tmux), on the demo newsstand served from
 * 127.0.0.1 inside the process: what a person sees after each key.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'cli.js'));
const reason = !built ? 'dist/ is not built (run "npm run build")' : 'tmux is not installed';
if (!built || !hasTmux) console.warn(`[skipped] end-to-end tmux test: ${reason}.`);

const socket = `kiosque-e2e-${process.pid}`;
const session = 'reader';
const server = tmuxServer(socket);
const tmux = server.run;
const screen = () => server.screen(session);
const waitForScreen = (pattern: RegExp) => server.waitForScreen(session, pattern);
const press = (...keys: string[]) => server.press(session, ...keys);
const firstLine = (text: string) => text.split('\n')[1] ?? '';

describe.skipIf(!built || !hasTmux)('kiosque --demo in tmux', () => {
  beforeAll(() => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-'));
    // Ink draws only the last frame when CI is set; a person's terminal has no CI variable.
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '100',
      '-y',
      '30',
      `env -u CI node ${path.join(ROOT, 'bin', 'kiosque.js')} --demo --cache-dir ${cache}`,
    );
  });
  afterAll(() => server.kill());

  it("runs sealed off from the user's folders: the tmux server has the test's HOME, XDG and KIOSQUE_* folders", () => {
    // tests/helpers/setup.ts points them at a temporary folder; the server took its environment from this process.
    for (const name of [
      'HOME',
      'XDG_CONFIG_HOME',
      'XDG_CACHE_HOME',
      'XDG_DATA_HOME',
      'XDG_STATE_HOME',
      'KIOSQUE_CONFIG_DIR',
      'KIOSQUE_DATA_DIR',
      'KIOSQUE_CACHE_DIR',
    ]) {
      expect(process.env[name]).toMatch(/kiosque-test-home-/);
      expect(tmux('show-environment', '-g', name).trim()).toBe(`${name}=${process.env[name]}`);
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
    await waitForScreen(/kiosque 32 headlines.*\n›/);
  });
});

describe.skipIf(!built || !hasTmux)('a corrupt configuration, in tmux', () => {
  const own = `${socket}-corrupt`;
  const ownServer = tmuxServer(own);
  const tmuxOwn = ownServer.run;
  afterAll(() => ownServer.kill());

  it('the reader starts anyway, says the file was set aside, and keeps it', async () => {
    const config = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-config-'));
    writeFileSync(path.join(config, 'config.json'), '{"sources": [ {"url": ');
    const cache = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-'));
    tmuxOwn(
      'new-session',
      '-d',
      '-s',
      'corrupt',
      '-x',
      '100',
      '-y',
      '30',
      `env -u CI KIOSQUE_CONFIG_DIR=${config} KIOSQUE_DATA_DIR=${config} node ${path.join(ROOT, 'bin', 'kiosque.js')} --offline --cache-dir ${cache}`,
    );
    const text = await vi.waitFor(
      () => {
        const shown = tmuxOwn('capture-pane', '-p', '-t', 'corrupt');
        if (!/could not be read; it was kept as/.test(shown.replace(/\n/g, '')) || !/^kiosque 0 headlines/m.test(shown))
          throw new Error(`not yet:\n${shown}`);
        return shown;
      },
      { timeout: 15_000, interval: 50 },
    );
    // The default sources, offline and not cached: one line for them all (E names each), and the reader is up.
    expect(text).toMatch(/^kiosque 0 headlines/m);
    expect(text).toMatch(/^! 4 sources failed: E shows them$/m);
    tmuxOwn('send-keys', '-t', 'corrupt', 'E');
    await vi.waitFor(
      () => {
        const shown = tmuxOwn('capture-pane', '-p', '-t', 'corrupt');
        if (!/^› .*Offline, and .* is not in the cache/m.test(shown)) throw new Error(`not yet:\n${shown}`);
      },
      { timeout: 15_000, interval: 50 },
    );
    tmuxOwn('send-keys', '-t', 'corrupt', 'q');
    expect(readdirSync(config).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
    tmuxOwn('send-keys', '-t', 'corrupt', 'q');
  });
});

/** `unshare -rn` gives the command a network namespace with nothing but loopback: the network is unplugged. */
const canUnplug = spawnSync('unshare', ['-rn', 'sh', '-c', 'ip link set lo up']).status === 0;
if (hasTmux && !canUnplug)
  console.warn('[skipped] npm start with the network unplugged: unshare -rn (user and network namespaces) is not allowed here.');

describe.skipIf(!hasTmux || !canUnplug)('npm start with the network unplugged, in tmux', () => {
  const unplugged = 'unplugged';
  // A tmux server of its own: the one above may still be shutting down.
  const tmux = tmuxServer(`${socket}-unplugged`).run;
  afterAll(() => {
    try {
      tmux('kill-session', '-t', unplugged);
    } catch {
      // already gone
    }
  });

  it('opens the demo reader with the headlines of every demo site', async () => {
    tmux(
      'new-session',
      '-d',
      '-s',
      unplugged,
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      ROOT,
      `env -u CI unshare -rn sh -c 'ip link set lo up && npm start --silent'`,
    );
    const shown = () => tmux('capture-pane', '-p', '-t', unplugged);
    const waitFor = (pattern: RegExp) =>
      vi.waitFor(
        () => {
          const text = shown();
          if (!pattern.test(text)) throw new Error(`screen does not show ${pattern}:\n${text}`);
          return text;
        },
        { timeout: 60_000, interval: 100 },
      );
    await waitFor(/kiosque 32 headlines/);
    expect(shown()).not.toMatch(/^! /m); // no source failed
    tmux('send-keys', '-t', unplugged, 'S');
    const sources = await waitFor(/4 sources/);
    for (const site of ['La Gazette du Quai', 'The Harbour Times', 'Le Carnet des Ruelles', 'Harbour Tech Notes']) {
      expect(sources).toMatch(new RegExp(`${site}\\s+\\d+/\\d+ unread`));
    }
    // q from the list quits: the reader, npm and the tmux session all end.
    tmux('send-keys', '-t', unplugged, 'h', 'q');
    const alive = () => {
      try {
        return tmux('list-sessions').includes(unplugged);
      } catch {
        return false; // no tmux server left: nothing is running
      }
    };
    await vi.waitFor(
      () => {
        if (alive()) throw new Error(`still running:\n${shown()}`);
      },
      { timeout: 10_000, interval: 100 },
    );
  }, 90_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
