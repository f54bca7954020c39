import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built reader in a real terminal (tmux), given a --sources file whose lines carry
 * OSC sequences: OSC 0 would retitle the terminal (tmux shows it as the pane's title),
 * OSC 52 would write the clipboard (tmux, with set-clipboard on, keeps it as a paste buffer).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'));
if (!built || !hasTmux)
  console.warn(`[skipped] hostile --sources file in tmux: ${!built ? 'dist/ is not built (run "npm run build")' : 'no tmux'}.`);

const socket = `kiosque-e2e-hostile-${process.pid}`;
const server = tmuxServer(socket);
const tmux = server.run;
const screen = () => server.screen('hostile');

describe.skipIf(!built || !hasTmux)('a hostile --sources file, in tmux', () => {
  afterAll(() => server.kill());

  it('names the sources cleanly; the terminal keeps its title and its clipboard', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-e2e-hostile-'));
    const file = path.join(dir, 's.txt');
    writeFileSync(file, 'http://\u001b]52;c;cHduZWQ=\u0007x/\nhttp://\u001b]0;pwned\u0007y/\n');
    // One tmux invocation: the server starts, keeps what OSC 52 writes as a buffer, then runs the reader.
    tmux(
      'start-server',
      ';',
      'set-option',
      '-g',
      'set-clipboard',
      'on',
      ';',
      'new-session',
      '-d',
      '-s',
      'hostile',
      '-x',
      '100',
      '-y',
      '30',
      `env -u CI node ${path.join(ROOT, 'bin', 'kiosque.js')} --offline --cache-dir ${path.join(dir, 'cache')} --sources ${file}`,
    );
    const waitForScreen = (pattern: RegExp) =>
      vi.waitFor(
        () => {
          const text = screen();
          if (!pattern.test(text)) throw new Error(`screen does not show ${pattern}:\n${text}`);
          return text;
        },
        { timeout: 15_000, interval: 50 },
      );
    // Both failed: one line says so, E names each, cleanly.
    await waitForScreen(/^! 2 sources failed: E shows them$/m);
    tmux('send-keys', '-t', 'hostile', 'E');
    const failures = await waitForScreen(/kiosque 2 failed sources/);
    expect(failures).toMatch(/^› http:\/\/x\/: /m);
    expect(failures).toMatch(/^ {2}http:\/\/y\/: /m);
    tmux('send-keys', '-t', 'hostile', 'q');
    await waitForScreen(/kiosque 0 headlines/);
    tmux('send-keys', '-t', 'hostile', 'S');
    const sources = await waitForScreen(/kiosque 2 sources/);
    expect(sources).toMatch(/^› http:\/\/x\/ +unreachable$/m);
    expect(sources).toMatch(/^ {2}http:\/\/y\/ +unreachable$/m);
    expect(tmux('display-message', '-p', '-t', 'hostile', '#{pane_title}')).not.toContain('pwned');
    expect(tmux('list-buffers', '-F', '#{buffer_sample}')).toBe('');
  });
});
