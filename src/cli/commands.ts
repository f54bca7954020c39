import { createContext, resolveSources } from '../app/context.js';
import { readArticle } from '../app/read-article.js';
import { openReadingState } from '../store/reading-state.js';
import { SavedCopies } from '../store/saved-copies.js';
import { EXIT, exitCodeFor, isKiosqueError } from '../errors.js';
import { readSources } from '../feeds/sources.js';
import { sanitizeDeep, stripControls } from '../text/sanitize.js';
import type { Command, GlobalOptions } from './args.js';
import { formatArticle, formatHeadlines, formatSaved } from './format.js';
import { type CliIo, errorJson, flushWarnings } from './io.js';
import { runSourcesCommand } from './sources-command.js';

/** The commands that print and exit; src/cli.ts answers help and version and opens the reader without loading this. */
export type PrintingCommand = Exclude<Command, { name: 'help' | 'version' | 'reader' }>;

export async function runCommand(command: PrintingCommand, options: GlobalOptions, io: CliIo): Promise<number> {
  const print = (value: unknown, text: () => string) => {
    io.stdout(options.json ? JSON.stringify(sanitizeDeep(value), null, 2) + '\n' : stripControls(text()));
  };
  switch (command.name) {
    case 'headlines': {
      const context = createContext(options);
      const demo = options.demo ? await startDemo() : undefined;
      try {
        const entries = demo ? demo.sources : await resolveSources(command.sources, options.sourcesFile, (m) => context.warnings.push(m));
        const { sources, headlines } = await readSources(context.client, entries);
        const { read, saved } = openReadingState({ onWarning: (m) => context.warnings.push(m) }).current();
        const flagged = headlines.map((headline) => ({ ...headline, read: headline.url in read, saved: headline.url in saved }));
        const wanted = options.unread ? flagged.filter((headline) => !headline.read) : flagged;
        const limited = options.limit ? wanted.slice(0, options.limit) : wanted;
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
      const { article, stale } = await readArticle(context.client, command.url).catch((error: unknown) => {
        // A saved article stays readable when the page is gone from the web and the cache.
        const copy = new SavedCopies().get(command.url);
        if (copy && isKiosqueError(error) && exitCodeFor(error.code) === EXIT.network) return { article: copy, stale: true };
        throw error;
      });
      flushWarnings(context.warnings, io);
      if (stale && !options.json) io.stderr('(offline copy: the page could not be refreshed)\n');
      print({ ...article, stale }, () => formatArticle(article, io.columns));
      return EXIT.ok;
    }
    case 'sources': {
      const warnings: string[] = [];
      const output = await runSourcesCommand(command, options, (message) => warnings.push(message));
      flushWarnings(warnings, io);
      if (output.raw !== undefined && !options.json) io.stdout(stripControls(output.raw));
      else print(output.value, () => output.text);
      return EXIT.ok;
    }
    case 'saved': {
      const reading = openReadingState({ onWarning: (message) => io.stderr(`kiosque: ${stripControls(message)}\n`) });
      const copies = new SavedCopies();
      const saved = Object.values(reading.current().saved)
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
        .map((entry) => ({ ...entry, offline: copies.has(entry.url) }));
      print(saved, () => formatSaved(saved, io.columns));
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
  const { startDemoServer } = await import('../demo/server.js');
  return startDemoServer();
}
