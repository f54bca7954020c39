import { parseArgs } from 'node:util';
import { KiosqueError } from '../errors.js';
import type { GlobalOptions } from '../app/options.js';
import { isWebUrl } from '../text/url.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export type Command =
  | { name: 'reader'; sources: string[] }
  | { name: 'headlines'; sources: string[] }
  | { name: 'read'; url: string }
  | { name: 'doctor'; url: string }
  | { name: 'sources'; action: 'list' }
  | { name: 'sources'; action: 'add'; url: string; pick: number | undefined }
  | { name: 'sources'; action: 'remove'; url: string }
  | { name: 'sources'; action: 'rename'; url: string; title: string }
  | { name: 'sources'; action: 'import'; file: string }
  | { name: 'sources'; action: 'export'; file: string | undefined }
  | { name: 'saved' }
  | { name: 'search'; words: string[] }
  | { name: 'cache'; action: 'info' | 'clear' }
  | { name: 'config'; action: 'list' | 'path' }
  | { name: 'config'; action: 'get' | 'unset'; key: string }
  | { name: 'config'; action: 'set'; key: string; value: string }
  /** `completion sources`: the configured addresses, one a line, for the completion scripts. */
  | { name: 'completion'; shell: Shell | 'sources' }
  | { name: 'help' }
  | { name: 'version' };

export interface ParsedArgs {
  command: Command;
  options: GlobalOptions;
}

/** Every option, as parseArgs takes them; the completion scripts are written from this table too. */
export const OPTIONS = {
  json: { type: 'boolean' },
  offline: { type: 'boolean' },
  demo: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  sources: { type: 'string' },
  limit: { type: 'string' },
  timeout: { type: 'string' },
  unread: { type: 'boolean' },
  pick: { type: 'string' },
  refresh: { type: 'string' },
  'no-mouse': { type: 'boolean' },
  color: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The commands and their actions, for the help and the completion scripts. */
export const COMMANDS: Record<string, readonly string[]> = {
  headlines: [],
  read: [],
  doctor: [],
  saved: [],
  search: [],
  sources: ['list', 'add', 'remove', 'rename', 'import', 'export'],
  cache: ['info', 'clear'],
  config: ['list', 'get', 'set', 'unset', 'path'],
  completion: SHELLS,
};

export const COLOR_MODES = ['auto', 'always', 'never'] as const;

/** The range --timeout takes, in seconds: a timer cannot wait longer than about 24 days, and a page needs no more than an hour. */
export const TIMEOUT_RANGE = { min: 0.1, max: 3600 } as const;

export const USAGE = `kiosque — a terminal newsstand

Usage:
  kiosque [SOURCE...] [--sources FILE]      open the reader (feeds or sites)
  kiosque --demo                            open the reader on the built-in demo newsstand
  kiosque headlines [SOURCE...] [--sources FILE] [--limit N] [--unread]
  kiosque read URL
  kiosque doctor URL                        how the page was read (container, dropped blocks, links, access)
  kiosque saved                             the articles you saved (s in the reader)
  kiosque search WORDS                      saved articles' text and every headline kept, accents and case aside
  kiosque sources list
  kiosque sources add URL [--pick N]        a feed, or a site's page (its feeds are found;
                                            on a terminal, choose among several with the arrows)
  kiosque sources remove URL
  kiosque sources rename URL NAME
  kiosque sources import FILE.opml
  kiosque sources export [FILE.opml]        to stdout without FILE
  kiosque cache info | clear
  kiosque config list | get KEY | set KEY VALUE | unset KEY | path
  kiosque completion bash | zsh | fish      a completion script for the shell

Options (every command):
  --json             print one JSON document on stdout (errors as JSON on stderr)
  --offline          read only from the cache
  --cache-dir DIR    cache location (beats $KIOSQUE_CACHE_DIR, which beats the XDG cache dir)
  --timeout SECONDS  give up on a page after this long (${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}, default 30)
  --refresh MINUTES  the reader reads its sources again this often (default 15, 0 never; never in the demo)
  --no-mouse         the reader takes no mouse reports, the wheel and clicks (beats the setting "mouse")
  --color WHEN       auto (default: not with NO_COLOR or when piped), always or never (beats NO_COLOR and FORCE_COLOR)
  --demo             serve and use the built-in demo newsstand (no network needed)
  -h, --help         this help
  -v, --version      the version

Exit status: 0 ok, 1 a bug, 2 usage or configuration error, 3 network error (for headlines:
no source could be read), 4 unreadable page or feed.`;

function usage(message: string): KiosqueError {
  return new KiosqueError('USAGE', `${message}\nRun "kiosque --help" for usage.`);
}

/** A whole number from 1 up, typed for `flag`. */
function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw usage(`${flag} needs a whole number from 1 up, not "${value}".`);
  }
  return number;
}

/** --timeout in seconds, within the range a timer can keep (a larger one would fire at once) and at least a tenth of a second. */
function timeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds < TIMEOUT_RANGE.min || seconds > TIMEOUT_RANGE.max) {
    throw usage(`--timeout needs a number of seconds from ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}, not "${value}".`);
  }
  return Math.round(seconds * 1000);
}

/**
 * parseArgs reads "--limit -1" as an option "-1" and refuses it as ambiguous, and "config set
 * refreshMinutes -3" as an unknown option: no option of kiosque starts with a digit, so a word
 * that looks like a negative number is a value. After an option that takes one, it is joined to
 * it ("--limit=-1"), so that it is refused for what it is; elsewhere it stands in for itself as a
 * positional, put back after parsing.
 */
const NEGATIVE = /^-[\d.]/;
const STANDS_IN = '\u0000negative:';

function protectNegativeNumbers(argv: string[]): string[] {
  const takesValue = new Set(
    Object.entries(OPTIONS)
      .filter(([, option]) => option.type === 'string')
      .map(([name]) => `--${name}`),
  );
  const protectedArgs: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const next = argv[index + 1];
    if (arg === '--') {
      protectedArgs.push(...argv.slice(index));
      break;
    }
    if (takesValue.has(arg) && next !== undefined && NEGATIVE.test(next)) {
      protectedArgs.push(`${arg}=${next}`);
      index++;
    } else protectedArgs.push(NEGATIVE.test(arg) ? STANDS_IN + arg : arg);
  }
  return protectedArgs;
}

const restore = (positional: string) => (positional.startsWith(STANDS_IN) ? positional.slice(STANDS_IN.length) : positional);

/** Addresses typed on the command line: http or https, said as the session says it (one line, exit 2). */
function webSources(sources: string[]): string[] {
  for (const url of sources) {
    if (!isWebUrl(url)) throw new KiosqueError('USAGE', `"${url}" is not an http or https address.`, { url });
  }
  return sources;
}

function sourcesCommand([action = 'list', first, ...extra]: string[], pick: number | undefined): Command {
  switch (action) {
    case 'list':
      if (first === undefined) return { name: 'sources', action };
      break;
    case 'add':
      if (first && extra.length === 0) return { name: 'sources', action, url: first, pick };
      break;
    case 'remove':
      if (first && extra.length === 0) return { name: 'sources', action, url: first };
      break;
    case 'rename': {
      // The name may be given in several words without quotes.
      const title = extra.join(' ').trim();
      if (first && title) return { name: 'sources', action, url: first, title };
      throw usage('"kiosque sources rename" takes a URL and a new name.');
    }
    case 'import':
      if (first && extra.length === 0) return { name: 'sources', action, file: first };
      break;
    case 'export':
      if (extra.length === 0) return { name: 'sources', action, file: first };
      break;
  }
  throw usage('"kiosque sources" takes list, add URL [--pick N], remove URL, rename URL NAME, import FILE or export [FILE].');
}

function configCommand([action = 'list', key, ...rest]: string[]): Command {
  switch (action) {
    case 'list':
    case 'path':
      if (key === undefined) return { name: 'config', action };
      break;
    case 'get':
    case 'unset':
      if (key && rest.length === 0) return { name: 'config', action, key };
      break;
    case 'set':
      // A value may be given in several words without quotes ("set browser firefox --new-window" needs quotes for the flag).
      if (key && rest.length > 0) return { name: 'config', action, key, value: rest.join(' ') };
      throw usage('"kiosque config set" takes a setting and its value, e.g. "kiosque config set mouse false".');
  }
  throw usage('"kiosque config" takes list, get KEY, set KEY VALUE, unset KEY or path.');
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: protectNegativeNumbers(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message.split('\n')[0] ?? 'Bad arguments.');
  }
  const { values } = parsed;
  const positionals = parsed.positionals.map(restore);
  const plain: GlobalOptions = {
    json: values.json ?? false,
    offline: values.offline ?? false,
    demo: values.demo ?? false,
    cacheDir: values['cache-dir'],
    sourcesFile: values.sources,
    limit: undefined,
    timeoutMs: undefined,
    unread: values.unread ?? false,
    ...(values['no-mouse'] ? { mouse: false as const } : {}),
  };
  // Asked for help, one gets it, whatever else is on the line.
  if (values.help) return { command: { name: 'help' }, options: plain };
  const color = values.color;
  if (color !== undefined && !(COLOR_MODES as readonly string[]).includes(color)) {
    throw usage(`--color takes ${COLOR_MODES.join(', ')}, not "${color}".`);
  }
  const parsedOptions: GlobalOptions = {
    ...plain,
    limit: count(values.limit, '--limit'),
    timeoutMs: timeoutMs(values.timeout),
    refreshMinutes: values.refresh?.trim() === '0' ? 0 : count(values.refresh, '--refresh'),
    ...(color === undefined ? {} : { color: color as NonNullable<GlobalOptions['color']> }),
  };
  if (values.version) return { command: { name: 'version' }, options: parsedOptions };
  const pick = count(values.pick, '--pick');
  const result = (command: Command): ParsedArgs => ({ command, options: parsedOptions });

  const [first, ...rest] = positionals;
  switch (first) {
    case undefined:
      return result({ name: 'reader', sources: [] });
    case 'headlines':
      return result({ name: 'headlines', sources: webSources(rest) });
    case 'read': {
      if (rest.length !== 1 || !rest[0]) throw usage('"kiosque read" takes one URL.');
      return result({ name: 'read', url: webSources(rest)[0]! });
    }
    case 'doctor': {
      if (rest.length !== 1 || !rest[0]) throw usage('"kiosque doctor" takes one URL.');
      return result({ name: 'doctor', url: webSources(rest)[0]! });
    }
    case 'saved':
      if (rest.length) throw usage('"kiosque saved" takes no arguments.');
      return result({ name: 'saved' });
    case 'sources':
      return result(sourcesCommand(rest, pick));
    case 'search':
      if (rest.join('').trim() === '') throw usage('"kiosque search" takes the words to look for.');
      return result({ name: 'search', words: rest });
    case 'cache': {
      const [action = 'info', ...extra] = rest;
      if ((action === 'info' || action === 'clear') && extra.length === 0) return result({ name: 'cache', action });
      throw usage(`"kiosque cache" takes info or clear.`);
    }
    case 'config':
      return result(configCommand(rest));
    case 'completion': {
      const [shell, ...extra] = rest;
      if (extra.length === 0 && shell && ([...SHELLS, 'sources'] as string[]).includes(shell)) {
        return result({ name: 'completion', shell: shell as Shell | 'sources' });
      }
      throw usage(`"kiosque completion" takes ${SHELLS.join(', ')}.`);
    }
    case 'help':
      return result({ name: 'help' });
    default:
      if (isWebUrl(first)) return result({ name: 'reader', sources: positionals });
      throw usage(`Unknown command "${first}".`);
  }
}
