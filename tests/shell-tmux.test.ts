import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLI, isBuilt, runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';
import { hasTmux, tmuxServer } from './helpers/tmux.js';

/**
 * The built command in a real interactive bash, in tmux: what a person sees when they press Tab
 * after "kiosque sour", choose a feed with the arrows, or quit the reader with a key of their own.
 */

if (isBuilt && !hasTmux) console.warn('[skipped] the shell in tmux: tmux is not installed.');

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-shell-tmux-${name}-`));

const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>http://x/</link>
  <item><title>Un titre</title><link>http://x/a</link><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>`;

let site: TestServer;
const server = tmuxServer(`kiosque-shell-${process.pid}`);
const config = tmp('config');
let shell = 0;

beforeAll(async () => {
  // runCli (kiosque in this process) and the shells below share the config folder.
  process.env['KIOSQUE_CONFIG_DIR'] = config;
  site = await startServer((request, response) => {
    const xml = (title: string) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(title));
    switch (request.url) {
      case '/many/':
        return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>La Gazette</title>
          <link rel="alternate" type="application/rss+xml" title="La Gazette » Flux" href="/many/feed/">
          <link rel="alternate" type="application/rss+xml" title="La Gazette » Sport" href="/many/sport/">
          <link rel="alternate" type="application/rss+xml" title="La Gazette » Culture" href="/many/culture/">
          </head><body><h1>La Gazette</h1></body></html>`);
      case '/many/feed/':
        return xml('La Gazette');
      case '/many/sport/':
        return xml('La Gazette Sport');
      case '/many/culture/':
        return xml('La Gazette Culture');
      default:
        response.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  server.kill();
  await site.close();
});

// The screen as tmux captures it has no trailing spaces: "$ kiosque sources " reads "$ kiosque sources".

/**
 * A new interactive shell, bash by default (no rc files: the user's are not the test's), with the built command on
 * its PATH as `kiosque` and the test's config folder; Ink draws every frame without CI set.
 */
function openShell(width = 120, shellCommand = 'bash --norc --noprofile -i'): string {
  const name = `shell${++shell}`;
  const bin = tmp('bin');
  symlinkSync(BUILT_CLI, path.join(bin, 'kiosque'));
  server.run(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    String(width),
    '-y',
    '30',
    // No history file: a shell ended with the tmux server would write one into HOME as the test's folder is removed.
    `env -u CI PATH=${bin}:${process.env['PATH']} KIOSQUE_CONFIG_DIR=${config} PS1='$ ' HISTFILE= ${shellCommand}`,
  );
  return name;
}

const type = (target: string, text: string) => server.run('send-keys', '-t', target, '-l', text);

const hasZsh = spawnSync('zsh', ['--version']).status === 0;
if (isBuilt && hasTmux && !hasZsh) console.warn('[skipped] completion in an interactive zsh: zsh is not installed.');

describe.skipIf(!isBuilt || !hasTmux || !hasZsh)('kiosque in an interactive zsh, in tmux', () => {
  it('Tab completes commands, the addresses after "sources remove", and colours for a theme', async () => {
    writeFileSync(
      path.join(config, 'config.json'),
      JSON.stringify({ sources: [{ url: 'https://a.example/feed.xml' }, { url: 'https://b.example/news.xml' }] }),
    );
    const script = path.join(tmp('completion'), '_kiosque');
    writeFileSync(script, (await runCli(['completion', 'zsh'])).stdout);
    const target = openShell(120, `zsh -f -i`);
    await server.waitForScreen(target, /^\$$/m);
    type(target, `autoload -U compinit && compinit -u -D && source ${script}`);
    server.press(target, 'Enter');
    type(target, 'kiosque sou');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources$/m);
    type(target, 'remove ');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources remove https:\/\/$/m);
    server.press(target, 'C-u');
    type(target, 'kiosque config set theme.title ');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /blackBright +cyan/);
  });
});

describe.skipIf(!isBuilt || !hasTmux)('kiosque in an interactive bash, in tmux', () => {
  it('Tab completes commands, and after "sources remove", the configured addresses', async () => {
    writeFileSync(
      path.join(config, 'config.json'),
      JSON.stringify({ sources: [{ url: 'https://a.example/feed.xml' }, { url: 'https://b.example/news.xml' }] }),
    );
    const script = path.join(tmp('completion'), 'kiosque.bash');
    writeFileSync(script, (await runCli(['completion', 'bash'])).stdout);
    const target = openShell();
    await server.waitForScreen(target, /^\$$/m);
    type(target, `source ${script}`);
    server.press(target, 'Enter');
    type(target, 'kiosque sour');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources$/m);
    type(target, 'rem');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources remove$/m);
    // Two addresses: Tab completes what they share; two more list them (from the colon on, the part bash replaces).
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources remove https:\/\/$/m);
    server.press(target, 'Tab');
    server.press(target, 'Tab');
    const listed = await server.waitForScreen(target, /\/\/a\.example\/feed\.xml\s+\/\/b\.example\/news\.xml/);
    expect(listed).toMatch(/^\$ kiosque sources remove https:\/\/$/m);
    type(target, 'b');
    server.press(target, 'Tab');
    await server.waitForScreen(target, /^\$ kiosque sources remove https:\/\/b\.example\/news\.xml$/m);
  });

  it('sources add on a terminal: the feeds a site announces are chosen with the arrows and Enter; Esc adds nothing', async () => {
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ sources: [] }));
    const target = openShell();
    await server.waitForScreen(target, /^\$$/m);
    type(target, `kiosque sources add ${site.origin}/many/ --cache-dir ${tmp('cache')}; echo "ended $?"`);
    server.press(target, 'Enter');
    await server.waitForScreen(target, /offers 3 feeds\. Which one\?/);
    await server.waitForScreen(target, /La Gazette » Culture/);
    server.press(target, 'Down');
    await server.waitForScreen(target, /❯ 2\. La Gazette » Sport/);
    server.press(target, 'Enter');
    await server.waitForScreen(target, /^ended 0$/m);
    expect(server.screen(target)).toMatch(/Added La Gazette Sport {2}http:\/\/127\.0\.0\.1:\d+\/many\/sport\//);
    const stored = JSON.parse(readFileSync(path.join(config, 'config.json'), 'utf8')) as { sources: Array<{ url: string }> };
    expect(stored.sources.map((source) => source.url)).toEqual([`${site.origin}/many/sport/`]);

    server.press(target, 'C-l');
    type(target, `kiosque sources add ${site.origin}/many/; echo "again $?"`);
    server.press(target, 'Enter');
    await server.waitForScreen(target, /❯ 1\. La Gazette » Flux/);
    server.press(target, 'Escape');
    await server.waitForScreen(target, /^again 0$/m);
    expect(server.screen(target)).toMatch(/^Nothing added\.$/m);
    expect(JSON.parse(readFileSync(path.join(config, 'config.json'), 'utf8'))).toEqual(stored);
  });

  it("a key of the reader's own (config set keys.quit x) shows in the status line and the help, and quits; the theme colours the title", async () => {
    writeFileSync(path.join(config, 'config.json'), JSON.stringify({ sources: [] }));
    expect((await runCli(['config', 'set', 'keys.quit', 'x'])).code).toBe(0);
    expect((await runCli(['config', 'set', 'theme.title', 'green'])).code).toBe(0);
    const target = openShell(140);
    await server.waitForScreen(target, /^\$$/m);
    type(target, `kiosque --demo; echo "ended $?"`);
    server.press(target, 'Enter');
    const list = await server.waitForScreen(target, /kiosque 32 headlines/);
    expect(list).toMatch(/· x quit\s*$/m);
    // The theme too: the title in green (SGR 32), as tmux draws it.
    expect(server.run('capture-pane', '-e', '-p', '-t', target)).toMatch(/\u001b\[32mkiosque/);
    type(target, '?');
    const help = await server.waitForScreen(target, /^Keys/m);
    expect(help).toMatch(/x Esc +back to the headlines \/ quit/);
    expect(help).not.toMatch(/q Esc +back to/);
    server.press(target, 'Escape');
    await server.waitForScreen(target, /· x quit\s*$/m);
    type(target, 'x');
    await server.waitForScreen(target, /^ended 0$/m);
  });
});
