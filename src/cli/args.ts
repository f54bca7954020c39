import { parseArgs } from 'node:util';
import { KiosqueError } from '../errors.js';
import type { GlobalOptions } from '../app/options.js';
import { isWebUrl } from '../text/url.js';

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
  | { name: 'help' }
  | { name: 'version' };

export interface ParsedArgs {
  command: Command;
  options: GlobalOptions;
}

const OPTIONS = {
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
  kiosque sources add URL [--pick N]        a feed, or a site's page (its feeds are found)
  kiosque sources remove URL
  kiosque sources rename URL NAME
  kiosque sources import FILE.opml
  kiosque sources export [FILE.opml]        to stdout without FILE
  kiosque cache info | clear

Options (every command):
  --json             print one JSON document on stdout (errors as JSON on stderr)
  --offline          read only from the cache
  --cache-dir DIR    cache location (default: $KIOSQUE_CACHE_DIR or the XDG cache dir)
  --timeout SECONDS  give up on a page after this long (default 30)
  --refresh MINUTES  the reader reads its sources again this often (default 15, 0 never; never in the demo)
  --demo             serve and use the built-in demo newsstand (no network needed)
  --no-mouse         the reader takes no mouse reports (the wheel, clicks)
  --color WHEN       auto (default: not with NO_COLOR or when piped), always or never
  -h, --help         this help
  -v, --version      the version

Exit status: 0 ok, 2 usage or configuration error, 3 network error, 4 unreadable page or feed.`;

function usage(message: string): KiosqueError {
  return new KiosqueError('USAGE', `${message}\nRun "kiosque --help" for usage.`);
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw usage(`${flag} needs a positive number, not "${value}".`);
  return number;
}

function colourMode(value: string): 'auto' | 'always' | 'never' {
  if (value === 'auto' || value === 'always' || value === 'never') return value;
  throw usage(`--color takes auto, always or never, not "${value}".`);
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

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true; args: string[] }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage((error as Error).message.split('\n')[0] ?? 'Bad arguments.');
  }
  const { values, positionals } = parsed;
  const timeout = positiveNumber(values.timeout, '--timeout');
  const options: GlobalOptions = {
    json: values.json ?? false,
    offline: values.offline ?? false,
    demo: values.demo ?? false,
    cacheDir: values['cache-dir'],
    sourcesFile: values.sources,
    limit: positiveNumber(values.limit, '--limit'),
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
    unread: values.unread ?? false,
    refreshMinutes: values.refresh === '0' ? 0 : positiveNumber(values.refresh, '--refresh'),
    ...(values['no-mouse'] ? { mouse: false as const } : {}),
    ...(values.color === undefined ? {} : { color: colourMode(values.color) }),
  };
  const pick = values.pick === undefined ? undefined : positiveNumber(values.pick, '--pick');
  if (pick !== undefined && !Number.isInteger(pick)) throw usage(`--pick needs a whole number, not "${values.pick}".`);
  if (values.help) return { command: { name: 'help' }, options };
  if (values.version) return { command: { name: 'version' }, options };

  const [first, ...rest] = positionals;
  switch (first) {
    case undefined:
      return { command: { name: 'reader', sources: [] }, options };
    case 'headlines':
      return { command: { name: 'headlines', sources: rest }, options };
    case 'read': {
      if (rest.length !== 1 || !rest[0]) throw usage('"kiosque read" takes one URL.');
      return { command: { name: 'read', url: rest[0] }, options };
    }
    case 'doctor': {
      if (rest.length !== 1 || !rest[0]) throw usage('"kiosque doctor" takes one URL.');
      return { command: { name: 'doctor', url: rest[0] }, options };
    }
    case 'saved':
      if (rest.length) throw usage('"kiosque saved" takes no arguments.');
      return { command: { name: 'saved' }, options };
    case 'sources':
      return { command: sourcesCommand(rest, pick), options };
    case 'search':
      if (rest.join('').trim() === '') throw usage('"kiosque search" takes the words to look for.');
      return { command: { name: 'search', words: rest }, options };
    case 'cache': {
      const [action = 'info', ...extra] = rest;
      if ((action === 'info' || action === 'clear') && extra.length === 0) return { command: { name: 'cache', action }, options };
      throw usage(`"kiosque cache" takes info or clear.`);
    }
    default:
      if (isWebUrl(first)) return { command: { name: 'reader', sources: positionals }, options };
      throw usage(`Unknown command "${first}".`);
  }
}
