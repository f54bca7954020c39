import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createSession } from '../src/app/session.js';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The demo newsstand keeps its cache and reading state in a temporary folder of its
 * own (its port changes every run). Whichever way a run ends, the folder goes with it.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(ROOT, 'dist', 'cli.js'));
if (!built) console.warn('[skipped] demo clean-up through the built command line: dist/ is not built (run "npm run build").');

/** A TMPDIR of the test's own, so that what a run leaves behind is all there is in it. */
const freshTmp = () => mkdtempSync(path.join(os.tmpdir(), 'kiosque-tmpdir-'));
const demoFolders = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('kiosque-demo-'));

describe('the demo session', () => {
  it('reads its own sources and removes its folder when closed', async () => {
    const tmp = freshTmp();
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    try {
      const session = await createSession({ demo: true });
      const entries = await session.sourcesToRead([], undefined);
      expect(entries).toHaveLength(4);
      const { headlines } = await session.readSources(entries);
      expect(headlines.length).toBeGreaterThan(10);
      expect(demoFolders(tmp)).toHaveLength(1);
      await session.close();
      await session.close();
      expect(demoFolders(tmp)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });

  it.skipIf(!built)('kiosque headlines --demo leaves no folder behind', () => {
    const tmp = freshTmp();
    const out = execFileSync('node', [path.join(ROOT, 'bin', 'kiosque.js'), 'headlines', '--demo', '--json', '--limit', '3'], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp },
    });
    expect(JSON.parse(out)).toHaveLength(3);
    expect(demoFolders(tmp)).toEqual([]);
  });

  it.skipIf(!built)('a demo run ended by SIGTERM removes its folder too', async () => {
    const tmp = freshTmp();
    const script = `import { createSession } from ${JSON.stringify(path.join(ROOT, 'dist', 'app', 'session.js'))};
      await createSession({ demo: true });
      console.log('ready');
      setInterval(() => {}, 1000);`;
    const child = spawn('node', ['--input-type=module', '-e', script], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await vi.waitFor(() => expect(output).toContain('ready'), { timeout: 10_000 });
    expect(demoFolders(tmp)).toHaveLength(1);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGTERM');
    expect(await ended).toBe('SIGTERM');
    expect(demoFolders(tmp)).toEqual([]);
  });
});

describe.skipIf(!built || !hasTmux)('the demo reader in tmux', () => {
  it('removes its folder when the reader quits', async () => {
    const tmp = freshTmp();
    const server = tmuxServer(`kiosque-demo-clean-${process.pid}`);
    const tmux = server.run;
    // The pane stays open after the reader ends, showing its exit status.
    const command = `env -u CI TMPDIR=${tmp} node ${path.join(ROOT, 'bin', 'kiosque.js')} --demo; echo "kiosque exited with $?"; read line`;
    tmux('new-session', '-d', '-s', 'demo', '-x', '100', '-y', '30', command);
    try {
      await server.waitForScreen('demo', /kiosque 32 headlines/);
      expect(demoFolders(tmp)).toHaveLength(1);
      server.press('demo', 'q');
      await server.waitForScreen('demo', /kiosque exited with 0/);
      expect(demoFolders(tmp)).toEqual([]);
    } finally {
      server.kill();
    }
  });
});
