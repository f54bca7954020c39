import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The reader quit with q keeps its list for its next first frame (app/list-snapshot.ts), and
 * that frame is the reader's state as it was left: a story read last time shows read at once.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kiosque.js');
const built = existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'));
if (!built || !hasTmux) console.warn(`[skipped] kept-list end-to-end test: ${!built ? 'dist/ is not built' : 'tmux is not installed'}.`);

const server = tmuxServer(`kiosque-kept-${process.pid}`);
let demo: { sources: string[]; close(): Promise<void> } | undefined;
beforeAll(async () => {
  if (!built) return;
  const loaded = (await import(path.join(ROOT, 'dist', 'demo', 'server.js'))) as {
    startDemoServer: () => Promise<{ sources: string[]; close: () => Promise<void> }>;
  };
  demo = await loaded.startDemoServer();
});
afterAll(async () => {
  server.kill();
  await demo?.close();
});

describe.skipIf(!built || !hasTmux)('the list kept when the reader is quit', () => {
  it('is written on q, and the next start opens on the list as it was left', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'kiosque-kept-e2e-'));
    const cache = path.join(home, 'cache');
    const env = `KIOSQUE_DATA_DIR=${home}/data KIOSQUE_CONFIG_DIR=${home}/config`;
    const command = `env -u CI ${env} node ${BIN} ${demo!.sources.join(' ')} --cache-dir ${cache}`;
    server.run('new-session', '-d', '-s', 'k', '-x', '100', '-y', '30', `env PS1='$ ' HISTFILE= bash --norc --noprofile`);
    server.press('k', command, 'Enter');
    await server.waitForScreen('k', /kiosque 32 headlines · 32 unread/);
    server.press('k', 'Enter');
    await server.waitForScreen('k', /Le conseil municipal adopte un budget en hausse/);
    server.press('k', 'q');
    await server.waitForScreen('k', /kiosque 32 headlines · 31 unread/);
    server.press('k', 'q');
    await server.waitForScreen('k', /^\$\s*$/m);
    expect(existsSync(path.join(cache, 'first-frame.json'))).toBe(true);

    server.press('k', command, 'Enter');
    const frame = await server.waitForScreen('k', /kiosque 32 headlines/);
    expect(frame).toContain('· 31 unread');
    expect(frame).toMatch(/^› {3}Le conseil municipal adopte un budget en hausse/m);
    server.press('k', 'q');
    await server.waitForScreen('k', /^\$\s*$/m);
  });
});
