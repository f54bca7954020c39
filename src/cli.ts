import { EXIT, exitCodeFor, isKiosqueError, KiosqueError } from './errors.js';
import { createContext, resolveSourceUrls } from './app/context.js';
import { parseCommandLine, type ParsedArgs, USAGE } from './cli/args.js';
import { formatArticle, formatHeadlines } from './cli/format.js';
import { openSourceStore } from './config/sources.js';
import { readArticle } from './app/read-article.js';
import { readSources } from './feeds/sources.js';
import { sanitizeDeep, stripControls } from './text/sanitize.js';
import { VERSION } from './version.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  columns: number;
}

const defaultIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  columns: process.stdout.columns || 80,
};

/** Runs one command line; returns the exit status. Never throws for a user's mistake. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  let args: ParsedArgs | undefined;
  try {
    args = parseCommandLine(argv);
    return await run(args, io);
  } catch (error) {
    return report(error, args?.options.json ?? argv.includes('--json'), io);
  }
}

async function run({ command, options }: ParsedArgs, io: CliIo): Promise<number> {
  const print = (value: unknown, text: () => string) => {
    io.stdout(options.json ? JSON.stringify(sanitizeDeep(value), null, 2) + '\n' : stripControls(text()));
  };
  switch (command.name) {
    case 'help':
      io.stdout(USAGE + '\n');
      return EXIT.ok;
    case 'version':
      io.stdout(options.json ? JSON.stringify({ version: VERSION }) + '\n' : `kiosque ${VERSION}\n`);
      return EXIT.ok;
    case 'reader': {
      const { runReader } = await import('./ui/run.js');
      return runReader(command.sources, options);
    }
    case 'headlines': {
      const context = createContext(options);
      const demo = options.demo ? await startDemo() : undefined;
      try {
        const urls = demo ? demo.sources : await resolveSourceUrls(command.sources, options.sourcesFile, (m) => context.warnings.push(m));
        const { sources, headlines } = await readSources(context.client, urls);
        const limited = options.limit ? headlines.slice(0, options.limit) : headlines;
        flushWarnings(context.warnings, io);
        if (sources.length > 0 && sources.every((source) => source.error)) {
          const first = sources[0]?.error;
          if (first) throw first;
        }
        if (options.json) {
          for (const source of sources) if (source.error) io.stderr(JSON.stringify(errorJson(source.error)) + '\n');
        }
        print(limited, () => formatHeadlines(limited, sources, io.columns));
        return EXIT.ok;
      } finally {
        await demo?.close();
      }
    }
    case 'read': {
      const context = createContext(options);
      const { article, stale } = await readArticle(context.client, command.url);
      flushWarnings(context.warnings, io);
      if (stale && !options.json) io.stderr('(offline copy: the page could not be refreshed)\n');
      print({ ...article, stale }, () => formatArticle(article, io.columns));
      return EXIT.ok;
    }
    case 'sources': {
      const warnings: string[] = [];
      const store = openSourceStore({ onWarning: (message) => warnings.push(message) });
      flushWarnings(warnings, io);
      if (command.action === 'list') {
        const sources = store.list();
        print(sources, () => sources.map((source) => `${source.url}${source.title ? `  (${source.title})` : ''}`).join('\n') + '\n');
        return EXIT.ok;
      }
      const url = validateUrl(command.url);
      const changed = command.action === 'add' ? store.add({ url }) : store.remove(url);
      if (command.action === 'remove' && !changed) throw new KiosqueError('USAGE', `${url} is not among your sources.`, { url });
      print({ action: command.action, url, changed, sources: store.list() }, () =>
        command.action === 'add' ? (changed ? `Added ${url}\n` : `${url} is already a source\n`) : `Removed ${url}\n`,
      );
      return EXIT.ok;
    }
    case 'cache': {
      const { cache } = createContext(options);
      if (command.action === 'clear') {
        const removed = await cache.clear();
        print({ cleared: removed, dir: cache.dir }, () => `Removed ${removed} cached pages from ${cache.dir}\n`);
        return EXIT.ok;
      }
      const info = await cache.info();
      print(info, () => `${info.dir}\n${info.entries} pages, ${(info.bytes / 1024 / 1024).toFixed(1)} MB of ${(info.maxBytes / 1024 / 1024).toFixed(0)} MB\n`);
      return EXIT.ok;
    }
  }
}

async function startDemo(): Promise<{ sources: string[]; close: () => Promise<void> }> {
  const { startDemoServer } = await import('./demo/server.js');
  return startDemoServer();
}

function validateUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // fall through to the message
  }
  throw new KiosqueError('USAGE', `"${url}" is not an http or https address.`, { url });
}

function flushWarnings(warnings: string[], io: CliIo): void {
  for (const warning of warnings.splice(0)) io.stderr(`kiosque: ${stripControls(warning)}\n`);
}

function errorJson(error: KiosqueError) {
  return sanitizeDeep({ error: { code: error.code, message: error.message, url: error.url ?? null } });
}

function report(error: unknown, json: boolean, io: CliIo): number {
  if (isKiosqueError(error)) {
    io.stderr(json ? JSON.stringify(errorJson(error)) + '\n' : `kiosque: ${stripControls(error.message)}\n`);
    return exitCodeFor(error.code);
  }
  // A bug, not a user error: say so plainly, with the detail for a report.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr(json ? JSON.stringify({ error: { code: 'INTERNAL', message: String((error as Error)?.message ?? error), url: null } }) + '\n' : `kiosque: internal error, please report it:\n${detail}\n`);
  return EXIT.internal;
}
