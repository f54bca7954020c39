import { type ScreenStyle, type ThemeRole, themeFrom } from './style.js';

export type ColourMode = 'auto' | 'always' | 'never';

/**
 * What the settings say about the terminal (config.json: theme, mouse, browser), as
 * store/settings.ts reads them; run.tsx passes them in from the session.
 */
export interface TerminalSettings {
  /** Named colours per part of the screen (title, meta, link, mark, error, …); unknown names keep the default. */
  theme?: Partial<Record<ThemeRole, string>>;
  /** Mouse reporting (wheel, clicks); on by default. */
  mouse?: boolean;
  /** Browser commands, as $BROWSER has them (a colon-separated list); $BROWSER wins over this. */
  browser?: string;
}

/** What the command line says about the terminal (--no-mouse, --color). */
export interface TerminalFlags {
  mouse?: boolean | undefined;
  color?: ColourMode | undefined;
}

/** How the reader uses the terminal, decided once at start. */
export interface TerminalOptions {
  /** Draw on the alternate screen (and paint the first frame before Ink loads): on a TTY only. */
  fullScreen: boolean;
  /** SGR mouse reporting: on a TTY only, unless --no-mouse or the setting turn it off. */
  mouse: boolean;
  style: ScreenStyle;
  /** Browser commands to try before the platform's opener, in order ($BROWSER, then the setting). */
  browsers: string[];
}

export interface TerminalContext {
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal. */
  stdoutTty: boolean;
  /** Whether stdin is a terminal (keys, and mouse reports, come from it). */
  stdinTty: boolean;
}

/**
 * Whether to use colour. The order is flags, then environment, then the terminal: --color
 * always / never first; then FORCE_COLOR (0 or false: none; anything else: colour); then
 * NO_COLOR (no-color.org: set and not empty, no colour); then auto: a TTY that is not TERM=dumb.
 */
export function colourWanted(mode: ColourMode | undefined, { env, stdoutTty }: Pick<TerminalContext, 'env' | 'stdoutTty'>): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR']) return false;
  return stdoutTty && env['TERM'] !== 'dumb';
}

/**
 * Whether links may be OSC 8 hyperlinks: on a TTY only, never with TERM=dumb or on the Linux
 * console (which has no OSC 8), and FORCE_HYPERLINK=0 / 1 decides when set (the convention of
 * supports-hyperlinks). A terminal that does not know OSC 8 draws the text alone.
 */
export function hyperlinksWanted({ env, stdoutTty }: Pick<TerminalContext, 'env' | 'stdoutTty'>): boolean {
  const force = env['FORCE_HYPERLINK'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stdoutTty && env['TERM'] !== 'dumb' && env['TERM'] !== 'linux';
}

/** $BROWSER's list (colon-separated), then the setting's: each entry a command, tried in order. */
export function browserCommands(env: NodeJS.ProcessEnv, setting: string | undefined): string[] {
  const split = (list: string | undefined) => (list ?? '').split(':').map((entry) => entry.trim());
  return [...split(env['BROWSER']), ...split(setting)].filter(Boolean);
}

export function terminalOptions(flags: TerminalFlags, settings: TerminalSettings, context: TerminalContext): TerminalOptions {
  const tty = context.stdoutTty && context.stdinTty && context.env['TERM'] !== 'dumb';
  return {
    fullScreen: tty,
    mouse: tty && flags.mouse !== false && settings.mouse !== false,
    style: {
      colour: colourWanted(flags.color, context),
      theme: themeFrom(settings.theme),
      hyperlinks: hyperlinksWanted(context),
    },
    browsers: browserCommands(context.env, settings.browser),
  };
}
