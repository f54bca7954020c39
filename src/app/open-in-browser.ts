import type { ChildProcess, SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { webUrl } from '../text/url.js';

/**
 * Opening a page in a web browser, the way terminal programs do: the commands of $BROWSER
 * first (a colon-separated list, each tried in turn; `%s` in one stands for the address,
 * else the address is its last argument), then those of the settings, then the platform's
 * opener (xdg-open, open, explorer). Never through a shell: the address is one argument.
 * A text browser (w3m, lynx…) is given the terminal and the reader comes back when it ends;
 * any other is started on its own. What happened is said in one line for the status bar.
 */

/** Browsers that draw in the terminal: run in the foreground, the reader's screen handed over to them. */
const TEXT_BROWSERS: ReadonlySet<string> = new Set(['w3m', 'lynx', 'links', 'links2', 'elinks', 'browsh', 'carbonyl', 'www-browser']);

export interface BrowserCommand {
  command: string;
  args: string[];
  /** Draws in the terminal (see TEXT_BROWSERS). */
  text: boolean;
}

/** One entry of $BROWSER as a command line for `url`: words split on spaces, `%s` replaced, `%%` a percent sign. */
export function browserCommand(entry: string, url: string): BrowserCommand | undefined {
  const words = entry.trim().split(/\s+/).filter(Boolean);
  const [command, ...rest] = words;
  if (!command) return undefined;
  let placed = false;
  const args = rest.map((word) =>
    word.replace(/%[s%]/g, (token) => {
      if (token === '%%') return '%';
      placed = true;
      return url;
    }),
  );
  if (!placed) args.push(url);
  return { command, args, text: TEXT_BROWSERS.has(path.basename(command)) };
}

/** The platform's own opener. */
export function platformOpener(url: string, platform: NodeJS.Platform = process.platform): BrowserCommand {
  if (platform === 'darwin') return { command: 'open', args: [url], text: false };
  if (platform === 'win32') return { command: 'explorer.exe', args: [url], text: false };
  return { command: 'xdg-open', args: [url], text: false };
}

export interface OpenerOptions {
  /** $BROWSER's entries, then the settings' (see ui/terminal/options.ts). */
  browsers: string[];
  platform?: NodeJS.Platform;
  /** Runs a text browser with the terminal handed to it (the reader's screen left, then taken back). */
  foreground?: <T>(program: () => T) => T;
  spawn?: (command: string, args: string[]) => ChildProcess;
  spawnSync?: (command: string, args: string[]) => SpawnSyncReturns<Buffer>;
}

// node:child_process is loaded when a page is first opened, not before the reader's first frame.
const childProcess = () => import('node:child_process');

/**
 * Opens `url` with the first command that can; `say` is told what happened (more than once
 * when a browser that started then fails, and the next one is tried). Only http(s) addresses.
 */
export async function openInBrowser(url: string, options: OpenerOptions, say: (message: string) => void = () => {}): Promise<void> {
  const address = webUrl(url);
  if (!address) {
    say('Only web pages (http, https) are opened in the browser.');
    return;
  }
  const commands = [
    ...options.browsers.map((entry) => browserCommand(entry, address)).filter((command) => command !== undefined),
    platformOpener(address, options.platform),
  ];
  const node = options.spawn && options.spawnSync ? undefined : await childProcess();
  const spawn =
    options.spawn ?? ((command: string, args: string[]) => node!.spawn(command, args, { detached: true, stdio: 'ignore', shell: false }));
  const spawnSync =
    options.spawnSync ?? ((command: string, args: string[]) => node!.spawnSync(command, args, { stdio: 'inherit', shell: false }));
  const foreground = options.foreground ?? (<T>(program: () => T) => program());
  const tried: string[] = [];

  const attempt = (index: number): void => {
    const next = commands[index];
    if (!next) {
      say(`Nothing could open the page (tried ${tried.join(', ')}): set $BROWSER to a browser command.`);
      return;
    }
    const name = path.basename(next.command);
    tried.push(name);
    if (next.text) {
      const result = foreground(() => spawnSync(next.command, next.args));
      if (result.error) return attempt(index + 1);
      say(`Back from ${name}.`);
      return;
    }
    let child: ChildProcess;
    try {
      child = spawn(next.command, next.args);
    } catch {
      return attempt(index + 1);
    }
    let settled = false;
    // Not started (no such command), or started and failed (xdg-open with no browser to call): the next one is tried.
    child.once('error', () => {
      if (settled) return;
      settled = true;
      attempt(index + 1);
    });
    child.once('spawn', () => say(`Opened in ${name}.`));
    child.once('exit', (code) => {
      if (settled || code === 0 || code === null) return;
      settled = true;
      attempt(index + 1);
    });
    child.unref();
  };
  attempt(0);
}
