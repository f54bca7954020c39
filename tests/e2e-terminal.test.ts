import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built reader in a real terminal (tmux, 100×30), started from a shell as a person would:
 * the alternate screen, the shell's screen given back, the mouse, the browser, colours.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'kiosque.js');
const built = existsSync(path.join(ROOT, 'dist', 'bundle', 'cli.js'));
if (!built || !hasTmux) console.warn(`[skipped] terminal end-to-end tests: ${!built ? 'dist/ is not built' : 'tmux is not installed'}.`);

const server = tmuxServer(`kiosque-terminal-${process.pid}`);
afterAll(() => server.kill());
const work = mkdtempSync(path.join(os.tmpdir(), 'kiosque-terminal-'));
let sessions = 0;

/** A shell in its own tmux window, prompt "$ ", with the reader's command typed and not yet run. */
function shell({ width = 100, height = 30, env = '' } = {}) {
  const name = `t${++sessions}`;
  server.run(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(width),
    '-y',
    String(height), // No history file: the shell writes none into the test's HOME as tmux ends it.
    `env PS1='$ ' HISTFILE= bash --norc --noprofile`,
  );
  const flag = (format: string) => server.run('display-message', '-p', '-t', name, format).trim();
  return {
    name,
    screen: () => server.screen(name),
    styled: () => server.run('capture-pane', '-p', '-e', '-t', name),
    waitFor: (pattern: RegExp) => server.waitForScreen(name, pattern),
    press: (...keys: string[]) => server.press(name, ...keys),
    /** Sends text as it is (a mouse report), not as key names. */
    type: (text: string) => server.run('send-keys', '-t', name, '-l', text),
    flag,
    /** Types `echo` lines and the reader's command line, then runs it; returns the screen as it was before Enter. */
    async start(args: string) {
      server.press(name, 'echo the shell was here', 'Enter');
      await server.waitForScreen(name, /^the shell was here$/m);
      server.press(name, `${env} env -u CI node ${BIN} --demo ${args}`.trim());
      const before = await server.waitForScreen(name, /--demo/);
      server.press(name, 'Enter');
      await server.waitForScreen(name, /kiosque 32 headlines/);
      return before;
    },
  };
}

type Shell = ReturnType<typeof shell>;

/** The shell's screen after the reader: as it was before Enter, then a fresh prompt; none of the reader's rows. */
async function backToShell(term: Shell, before: string) {
  const lines = (text: string) => text.trimEnd().split('\n');
  const after = await vi.waitFor(
    () => {
      const shown = term.screen();
      if (lines(shown).at(-1) !== '$') throw new Error(`no prompt yet:\n${shown}`);
      return shown;
    },
    { timeout: 15_000, interval: 50 },
  );
  expect(lines(after).slice(0, lines(before).length)).toEqual(lines(before));
  expect(lines(after).at(-1)).toBe('$');
  expect(after).not.toMatch(/headlines|La Gazette du Quai/);
  expect(term.flag('#{alternate_on}')).toBe('0');
  expect(term.flag('#{mouse_sgr_flag}')).toBe('0');
  expect(term.flag('#{cursor_flag}')).toBe('1');
}

describe.skipIf(!built || !hasTmux)('the reader on the alternate screen, in tmux', () => {
  it('draws on the alternate screen with SGR mouse reports on; q gives the shell its screen back as it was', async () => {
    const term = shell();
    const before = await term.start('');
    expect(term.flag('#{alternate_on}')).toBe('1');
    expect(term.flag('#{mouse_sgr_flag}')).toBe('1');
    term.press('q');
    await backToShell(term, before);
  });

  it('Ctrl-C too', async () => {
    const term = shell();
    const before = await term.start('');
    term.press('C-c');
    await backToShell(term, before);
  });

  it('SIGTERM too, and the shell sees the signal (status 143)', async () => {
    const term = shell();
    const before = await term.start('');
    const shellPid = term.flag('#{pane_pid}');
    const reader = execFileSync('pgrep', ['-P', shellPid], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(reader), 'SIGTERM');
    await backToShell(term, before);
    term.press('echo status=$?', 'Enter');
    await term.waitFor(/^status=143$/m);
  });

  it('--no-mouse asks for no mouse reports', async () => {
    const term = shell();
    await term.start('--no-mouse');
    expect(term.flag('#{mouse_sgr_flag}')).toBe('0');
    expect(term.flag('#{mouse_any_flag}')).toBe('0');
    term.press('q');
  });
});

describe.skipIf(!built || !hasTmux)('the mouse, in tmux', () => {
  it('a wheel notch (its SGR report sent as text) scrolls the pane; a click on a row opens that headline', async () => {
    const term = shell({ height: 14 });
    await term.start('');
    const listed = term.screen().split('\n');
    // Row 4 of the screen: the third headline.
    const third = /^[ ›][ •] {2}(.+?)\s{2,}/.exec(listed[3]!)![1]!;
    term.type('\u001b[<0;10;4M');
    const opened = await term.waitFor(new RegExp(`^${third.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    const top = opened.split('\n')[1];
    term.type('\u001b[<65;10;6M');
    const scrolled = await vi.waitFor(
      () => {
        const shown = term.screen();
        if (shown.split('\n')[1] === top) throw new Error(`not scrolled yet:\n${shown}`);
        return shown;
      },
      { timeout: 10_000, interval: 50 },
    );
    // Three lines a notch: the article's title is gone from the top, the fourth line of the article is there now.
    expect(scrolled.split('\n')[1]).toBe(opened.split('\n')[4]);
    term.type('\u001b[<64;10;6M');
    await term.waitFor(new RegExp(`^${top!.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    term.press('q', 'q');
  });
});

describe.skipIf(!built || !hasTmux)('open in the browser, in tmux', () => {
  const opened = path.join(work, 'opened.txt');
  const record = path.join(work, 'record-browser');
  writeFileSync(record, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${opened}'\n`);
  chmodSync(record, 0o755);
  // A text browser by name (lynx): it draws in the terminal, and the reader comes back when it ends.
  const lynx = path.join(work, 'lynx');
  writeFileSync(lynx, `#!/bin/sh\nprintf 'TEXT BROWSER ON %s\\n' "$1"\nread answer\n`);
  chmodSync(lynx, 0o755);

  it('o, from the list and from an article, runs $BROWSER (a list: a missing command is passed over) with the address', async () => {
    const term = shell({ env: `BROWSER=/no/such/browser:${record}` });
    await term.start('');
    term.press('o');
    await term.waitFor(/^Opened in record-browser\.$/m);
    await vi.waitFor(() => expect(readFileSync(opened, 'utf8')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/gazette\/[^\s]+\/\n$/));
    const first = readFileSync(opened, 'utf8').trim();
    term.press('Enter');
    await term.waitFor(/\d+%$/m);
    term.press('o');
    await vi.waitFor(() => expect(readFileSync(opened, 'utf8').trim().split('\n')).toEqual([first, first]));
    term.press('q', 'q');
  });

  it('a text browser in $BROWSER takes the terminal over, and the reader comes back after it', async () => {
    const term = shell({ env: `BROWSER=${lynx}` });
    await term.start('');
    term.press('Enter');
    await term.waitFor(/\d+%$/m);
    term.press('o');
    await term.waitFor(/^TEXT BROWSER ON http:\/\/127\.0\.0\.1:\d+\/gazette\//m);
    expect(term.flag('#{alternate_on}')).toBe('0');
    expect(term.flag('#{mouse_sgr_flag}')).toBe('0');
    term.press('Enter');
    const back = await term.waitFor(/^Back from lynx\.\s*$/m);
    expect(back).toMatch(/^Inès Barbier · /m);
    expect(term.flag('#{alternate_on}')).toBe('1');
    expect(term.flag('#{mouse_sgr_flag}')).toBe('1');
    term.press('q', 'q');
  });
});

describe.skipIf(!built || !hasTmux)('colours, in tmux', () => {
  /** SGR colours as tmux gives them back (capture-pane -e): foreground or background, 16, 256 or true colour. */
  const colours = (styled: string) =>
    [...styled.matchAll(/\u001b\[([0-9;]*)m/g)]
      .flatMap((match) => match[1]!.split(';'))
      .filter((code) => /^(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(code));

  it('coloured by default; NO_COLOR: no colour in the list or the pane', async () => {
    const coloured = shell();
    await coloured.start('');
    expect(colours(coloured.styled())).toContain('33');
    coloured.press('q');

    const plain = shell({ env: 'NO_COLOR=1' });
    await plain.start('');
    expect(colours(plain.styled())).toEqual([]);
    plain.press('Enter');
    await plain.waitFor(/\d+%$/m);
    expect(colours(plain.styled())).toEqual([]);
    plain.press('q', 'q');
  });

  it('--color=never too, and --color=always wins over NO_COLOR', async () => {
    const never = shell();
    await never.start('--color=never');
    expect(colours(never.styled())).toEqual([]);
    never.press('q');
    const always = shell({ env: 'NO_COLOR=1' });
    await always.start('--color=always');
    expect(colours(always.styled())).toContain('33');
    always.press('q');
  });
});
