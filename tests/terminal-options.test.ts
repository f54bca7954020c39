import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { browserCommand, openInBrowser } from '../src/app/open-in-browser.js';
import { hyperlink, linkTarget } from '../src/ui/terminal/hyperlink.js';
import { MouseDecoder } from '../src/ui/terminal/mouse.js';
import { browserCommands, terminalOptions, colourWanted, hyperlinksWanted } from '../src/ui/terminal/options.js';
import { DEFAULT_THEME, themeFrom } from '../src/ui/terminal/style.js';

const tty = { stdoutTty: true, stdinTty: true };

describe('colour: flags, then FORCE_COLOR, then NO_COLOR, then the terminal', () => {
  it('NO_COLOR (set and not empty) turns colour off on a terminal', () => {
    expect(colourWanted(undefined, { env: {}, ...tty })).toBe(true);
    expect(colourWanted(undefined, { env: { NO_COLOR: '1' }, ...tty })).toBe(false);
    expect(colourWanted('auto', { env: { NO_COLOR: '1' }, ...tty })).toBe(false);
    // no-color.org: an empty NO_COLOR is as if unset.
    expect(colourWanted(undefined, { env: { NO_COLOR: '' }, ...tty })).toBe(true);
  });

  it('FORCE_COLOR beats NO_COLOR and the terminal; --color beats both', () => {
    expect(colourWanted(undefined, { env: { FORCE_COLOR: '1', NO_COLOR: '1' }, stdoutTty: false })).toBe(true);
    expect(colourWanted(undefined, { env: { FORCE_COLOR: '0' }, ...tty })).toBe(false);
    expect(colourWanted(undefined, { env: { FORCE_COLOR: 'false' }, ...tty })).toBe(false);
    expect(colourWanted('always', { env: { NO_COLOR: '1', FORCE_COLOR: '0' }, stdoutTty: false })).toBe(true);
    expect(colourWanted('never', { env: { FORCE_COLOR: '3' }, ...tty })).toBe(false);
  });

  it('auto: none into a pipe or on TERM=dumb', () => {
    expect(colourWanted('auto', { env: {}, stdoutTty: false })).toBe(false);
    expect(colourWanted('auto', { env: { TERM: 'dumb' }, ...tty })).toBe(false);
  });
});

describe('the terminal options', () => {
  it('hyperlinks on a TTY only, never with TERM=dumb, the Linux console, or a pipe; FORCE_HYPERLINK decides when set', () => {
    expect(hyperlinksWanted({ env: { TERM: 'xterm-256color' }, stdoutTty: true })).toBe(true);
    expect(hyperlinksWanted({ env: { TERM: 'dumb' }, stdoutTty: true })).toBe(false);
    expect(hyperlinksWanted({ env: { TERM: 'linux' }, stdoutTty: true })).toBe(false);
    expect(hyperlinksWanted({ env: {}, stdoutTty: false })).toBe(false);
    expect(hyperlinksWanted({ env: { FORCE_HYPERLINK: '0' }, stdoutTty: true })).toBe(false);
    expect(hyperlinksWanted({ env: { FORCE_HYPERLINK: '1' }, stdoutTty: false })).toBe(true);
  });

  it('the mouse: on a TTY, unless --no-mouse or the setting turn it off; the full screen on a TTY only', () => {
    const context = { env: { TERM: 'xterm' }, ...tty };
    expect(terminalOptions({}, {}, context)).toMatchObject({ fullScreen: true, mouse: true });
    expect(terminalOptions({ mouse: false }, {}, context).mouse).toBe(false);
    expect(terminalOptions({}, { mouse: false }, context).mouse).toBe(false);
    expect(terminalOptions({}, {}, { ...context, stdoutTty: false })).toMatchObject({ fullScreen: false, mouse: false });
    expect(terminalOptions({}, {}, { ...context, stdinTty: false })).toMatchObject({ fullScreen: false, mouse: false });
    expect(terminalOptions({}, {}, { env: { TERM: 'dumb' }, ...tty })).toMatchObject({ fullScreen: false, mouse: false });
  });

  it('a theme from the settings: known colour names per part, "none" for the terminal\'s own, anything else keeps the default', () => {
    const theme = themeFrom({ title: 'green', link: 'blueBright', mark: 'none', error: 'rgb(1,2,3)', cursor: '\u001b[31m' });
    expect(theme).toEqual({ ...DEFAULT_THEME, title: 'green', link: 'blueBright', mark: undefined });
    expect(terminalOptions({}, { theme: { title: 'green' } }, { env: {}, ...tty }).style.theme.title).toBe('green');
  });

  it('browsers: $BROWSER first (a colon-separated list), then the setting', () => {
    expect(browserCommands({ BROWSER: 'w3m:firefox --new-tab' }, 'chromium')).toEqual(['w3m', 'firefox --new-tab', 'chromium']);
    expect(browserCommands({}, undefined)).toEqual([]);
  });
});

describe('OSC 8 link targets', () => {
  it('http(s) only, without credentials, printable ASCII only', () => {
    expect(linkTarget('https://example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
    expect(linkTarget('https://alice:secret@example.org/')).toBe('https://example.org/');
    expect(linkTarget('https://example.org/é à')).toBe('https://example.org/%C3%A9%20%C3%A0');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'mailto:a@b.c', '', undefined, 'not a url']) {
      expect(linkTarget(bad)).toBeUndefined();
    }
    expect(linkTarget(`https://example.org/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('no escape, BEL or control of an address reaches the sequence', () => {
    for (const hostile of [
      'https://example.org/\u0007\u001b]52;c;aGk=\u0007',
      'https://example.org/\u001b[2J',
      'https://example.org/\u009b31m\u0085',
      'https://example.org/?q=\u202e\u0000',
    ]) {
      const target = linkTarget(hostile);
      expect(target).toMatch(/^https:\/\/[\u0021-\u007e]+$/);
      const drawn = hyperlink('text', target!);
      // Exactly the two OSC 8 sequences, and nothing else that talks to the terminal.
      expect(drawn.replace(/\u001b\]8;;[\u0021-\u007e]*\u0007/g, '')).toBe('text');
    }
  });
});

describe('mouse reports (SGR)', () => {
  it('the wheel and a left click; releases, drags, other buttons and modifiers are taken but ignored', () => {
    const mouse = new MouseDecoder();
    expect(mouse.decode('[<65;10;5M')).toEqual({ kind: 'wheel', delta: 1, x: 10, y: 5 });
    expect(mouse.decode('\u001b[<64;1;2M')).toEqual({ kind: 'wheel', delta: -1, x: 1, y: 2 });
    expect(mouse.decode('[<0;12;7M')).toEqual({ kind: 'click', x: 12, y: 7 });
    for (const ignored of ['[<0;12;7m', '[<32;12;7M', '[<2;12;7M', '[<1;12;7M', '[<4;12;7M', '[<16;1;1M', '[<66;1;1M']) {
      expect(mouse.decode(ignored)).toBe('ignored');
    }
  });

  it('keys are not mouse reports, and a legacy report is swallowed whole', () => {
    const mouse = new MouseDecoder();
    for (const key of ['j', 'M', '[A', '[<', '1', '[<1;2M']) expect(mouse.decode(key)).toBeUndefined();
    expect(mouse.decode('[M')).toBe('ignored');
    expect(mouse.decode(' !!')).toBe('ignored');
    expect(mouse.decode('j')).toBeUndefined();
  });
});

/** A child process that emits what a spawn would: 'spawn' or 'error', then 'exit'. */
function fakeChild(outcome: { error?: string; exit?: number }): ChildProcess {
  const child = new EventEmitter() as ChildProcess;
  child.unref = () => child;
  queueMicrotask(() => {
    if (outcome.error) child.emit('error', Object.assign(new Error(outcome.error), { code: outcome.error }));
    else {
      child.emit('spawn');
      if (outcome.exit !== undefined) child.emit('exit', outcome.exit, null);
    }
  });
  return child;
}

function opener(outcomes: Record<string, { error?: string; exit?: number }>) {
  const started: Array<[string, string[]]> = [];
  const said: string[] = [];
  const spawn = (command: string, args: string[]) => {
    started.push([command, args]);
    return fakeChild(outcomes[command] ?? { error: 'ENOENT' });
  };
  return { started, said, spawn, say: (message: string) => said.push(message) };
}

describe('open in the browser', () => {
  it('a $BROWSER entry: %s stands for the address, else the address is its last argument; text browsers known by name', () => {
    expect(browserCommand('firefox --new-tab', 'https://a.example/')).toEqual({
      command: 'firefox',
      args: ['--new-tab', 'https://a.example/'],
      text: false,
    });
    expect(browserCommand('/usr/bin/w3m -o x=%s -t 100%%', 'https://a.example/')).toEqual({
      command: '/usr/bin/w3m',
      args: ['-o', 'x=https://a.example/', '-t', '100%'],
      text: true,
    });
    expect(browserCommand('  ', 'https://a.example/')).toBeUndefined();
  });

  it('tries $BROWSER in order, then the platform opener; says which one opened the page', async () => {
    const { started, said, spawn, say } = opener({ firefox: { exit: 0 } });
    await openInBrowser('https://a.example/x', { browsers: ['missing-browser', 'firefox'], platform: 'linux', spawn }, say);
    await expect.poll(() => said).toEqual(['Opened in firefox.']);
    expect(started.map(([command]) => command)).toEqual(['missing-browser', 'firefox']);
    expect(started[1]![1]).toEqual(['https://a.example/x']);
  });

  it('an opener that starts and fails (xdg-open without a browser) is passed over; nothing left: said in the status line', async () => {
    const { started, said, spawn, say } = opener({ 'xdg-open': { exit: 3 } });
    await openInBrowser('https://a.example/x', { browsers: ['nope'], platform: 'linux', spawn }, say);
    await expect.poll(() => said.at(-1)).toMatch(/^Nothing could open the page \(tried nope, xdg-open\): set \$BROWSER/);
    expect(started.map(([command]) => command)).toEqual(['nope', 'xdg-open']);
  });

  it('the platform opener by platform', async () => {
    for (const [platform, command] of [
      ['darwin', 'open'],
      ['win32', 'explorer.exe'],
      ['linux', 'xdg-open'],
    ] as const) {
      const { started, said, spawn, say } = opener({ [command]: { exit: 0 } });
      await openInBrowser('https://a.example/', { browsers: [], platform, spawn }, say);
      await expect.poll(() => said).toEqual([`Opened in ${command}.`]);
      expect(started).toEqual([[command, ['https://a.example/']]]);
    }
  });

  it('a text browser is run in the foreground, the terminal handed over; the reader says it is back', async () => {
    const { said, spawn, say } = opener({});
    const handed: string[] = [];
    const spawnSync = (command: string, args: string[]) => {
      handed.push(`${command} ${args.join(' ')}`);
      return { status: 0, error: undefined } as unknown as SpawnSyncReturns<Buffer>;
    };
    const foreground = <T>(program: () => T): T => {
      handed.push('leave');
      const result = program();
      handed.push('back');
      return result;
    };
    await openInBrowser('https://a.example/', { browsers: ['lynx -accept_all_cookies'], spawn, spawnSync, foreground }, say);
    expect(handed).toEqual(['leave', 'lynx -accept_all_cookies https://a.example/', 'back']);
    expect(said).toEqual(['Back from lynx.']);
  });

  it('only web addresses: never a file or a script', async () => {
    const { started, said, spawn, say } = opener({});
    await openInBrowser('file:///etc/passwd', { browsers: ['firefox'], spawn }, say);
    await openInBrowser('javascript:alert(1)', { browsers: ['firefox'], spawn }, say);
    expect(started).toEqual([]);
    expect(said).toEqual([
      'Only web pages (http, https) are opened in the browser.',
      'Only web pages (http, https) are opened in the browser.',
    ]);
  });
});
