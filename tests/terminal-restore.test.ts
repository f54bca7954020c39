import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleScript } from './helpers/bundle.js';

/**
 * The alternate screen is left however the reader ends: a program of its own enters it (writing
 * to a file in place of the terminal), then quits, crashes or is sent a signal; the file holds
 * what the terminal would have been told, in order.
 */
const ENTER = '\u001b[?1049h';
const LEAVE = '\u001b[?1049l';
const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';
const SHOW_CURSOR = '\u001b[?25h';

let program: string;
beforeAll(() => {
  program = path.join(mkdtempSync(path.join(os.tmpdir(), 'kiosque-alt-')), 'screen.mjs');
  bundleScript(
    `
    import { openSync } from 'node:fs';
    import { enterFullScreen } from './src/ui/terminal/alt-screen.ts';
    const [file, how] = process.argv.slice(2);
    const screen = enterFullScreen({ mouse: true, fd: openSync(file, 'w') });
    if (how === 'quit') { screen.restore(); screen.restore(); }
    if (how === 'crash') setTimeout(() => { throw new Error('a bug in the reader'); });
    if (how === 'rejection') Promise.reject(new Error('an unhandled rejection'));
    if (how === 'signal') { process.stdout.write('ready\\n'); setInterval(() => {}, 1000); }
    if (how === 'exit') process.exit(5);
    `,
    program,
  );
});

const output = (file: string) => readFileSync(file, 'utf8');
const leftOnce = (text: string) => {
  expect(text.startsWith(ENTER)).toBe(true);
  expect(text).toContain(MOUSE_ON);
  expect(text.endsWith(MOUSE_OFF + SHOW_CURSOR + LEAVE)).toBe(true);
  expect(text.split(LEAVE)).toHaveLength(2);
};

function run(how: string) {
  const file = path.join(path.dirname(program), `${how}.out`);
  const result = spawnSync(process.execPath, [program, file, how], { encoding: 'utf8' });
  return { ...result, file };
}

describe('the alternate screen is given back', () => {
  it('on quitting (once, however often it is asked)', () => {
    const { status, file } = run('quit');
    expect(status).toBe(0);
    leftOnce(output(file));
  });

  it('on a crash, before Node prints the error (on the shell screen); an unhandled rejection too', () => {
    for (const how of ['crash', 'rejection']) {
      const { status, stderr, file } = run(how);
      expect(status).toBe(1);
      expect(stderr).toMatch(how === 'crash' ? /a bug in the reader/ : /an unhandled rejection/);
      leftOnce(output(file));
    }
  });

  it('on process.exit', () => {
    const { status, file } = run('exit');
    expect(status).toBe(5);
    leftOnce(output(file));
  });

  it('on SIGTERM, SIGHUP and SIGINT, and the signal then ends the process as it would have', async () => {
    for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) {
      const file = path.join(path.dirname(program), `${signal}.out`);
      const child = spawn(process.execPath, [program, file, 'signal'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, how) => resolve(how)));
      child.kill(signal);
      expect(await ended).toBe(signal);
      leftOnce(output(file));
    }
  });
});
