import type { GlobalOptions } from '../app/options.js';
import { createSession, type Session } from '../app/session.js';
import { EXIT } from '../errors.js';
import { isRead } from '../store/reading-state.js';
import { storyGroups } from '../app/story-groups.js';
import { keptStories } from '../app/story-memo.js';
import { sanitizeDeep } from '../text/sanitize.js';
import { displayUrl } from '../text/url.js';
import type { Command } from './args.js';
import { type CleanIo, cleanJson, errorJson } from './io.js';
import { localIso } from './time.js';

/** The commands that print and exit; src/cli.ts answers help and version and opens the reader without loading this. */
export type PrintingCommand = Exclude<Command, { name: 'help' | 'version' | 'reader' }>;

/** `io` is the command line's cleaned output (src/cli.ts wraps it with terminalIo). */
export async function runCommand(command: PrintingCommand, options: GlobalOptions, io: CleanIo): Promise<number> {
  // A completion script is text of kiosque's own: no session, nothing read.
  if (command.name === 'completion' && command.shell !== 'sources') {
    const { completionScript } = await import('./completion.js');
    io.stdout(completionScript(command.shell));
    return EXIT.ok;
  }
  const session = await createSession({
    cacheDir: options.cacheDir,
    offline: options.offline,
    timeoutMs: options.timeoutMs,
    demo: options.demo,
  });
  const stopListening = session.warnings.listen((message) => io.stderr(`kiosque: ${message}\n`));
  try {
    return await runWith(session, command, options, io);
  } finally {
    await session.close();
    stopListening();
  }
}

/**
 * Each command's own modules load with it, not with `headlines`: a reload of 100 feeds loaded 890 KB of
 * source (the article extractor and the HTML parsers behind a feed entry's text, the search's
 * layout, the settings' keys), a fifth of its CPU when every feed answers 304.
 */
async function runWith(session: Session, command: PrintingCommand, options: GlobalOptions, io: CleanIo): Promise<number> {
  // The text layout (wrap-ansi, string-width and their tables) loads only for text: --json, as a reload
  // printing 3,000 headlines for another program uses, does without it.
  const format = options.json ? undefined : await import('./format.js');
  const print = (value: unknown, text: (layout: typeof import('./format.js')) => string) => {
    // JSON.stringify would write an ESC as \u001b, which `jq -r` then prints raw: values and keys are cleaned before.
    // Text is cleaned by io itself (terminalIo).
    io.stdout(format ? text(format) : JSON.stringify(sanitizeDeep(value), null, 2) + '\n');
  };
  switch (command.name) {
    case 'headlines': {
      const entries = await session.sourcesToRead(command.sources, options.sourcesFile);
      const { sources, headlines } = await session.readSources(entries);
      // Every source that failed is named, on stderr: stdout keeps only headlines, for the next program of the pipe.
      const failed = sources.flatMap((source) => (source.error ? [{ title: source.title, error: source.error }] : []));
      for (const { title, error } of failed) {
        // A message that already names the source ("host refused…") is not prefixed with its name again.
        const named = error.message.startsWith(title) ? error.message : `${title}: ${error.message}`;
        io.stderr(options.json ? JSON.stringify(errorJson(error)) + '\n' : `kiosque: ${named}\n`);
      }
      // Nothing could be read: a network error for the script that runs it (3), whatever each source's reason.
      if (sources.length > 0 && failed.length === sources.length) return EXIT.network;
      const marks = session.readingState().current();
      // The same headlines as last time (every source not modified): their stories are kept, not grouped again.
      const groups = storyGroups(headlines, await keptStories(session.cache.dir, headlines));
      // Each headline copied once, as it is printed: JSON gives its date in local time (at the same place among its keys).
      const flagged = headlines.map((headline, index) => {
        const read = isRead(marks, headline);
        const saved = headline.url in marks.saved;
        const group = groups[index]!;
        if (format) return { ...headline, read, saved, group };
        // Written out, not spread: a spread of 3,000 headlines was ~20 ms of a reload (a copy by the slow path,
        // first run of the process), this a few. The same keys in the same order (Headline's), `id` left out by
        // JSON when absent.
        const { source, sourceUrl, title, url, id, published, author, summary } = headline;
        return { source, sourceUrl, title, url, id, published: localIso(published), author, summary, read, saved, group };
      });
      const wanted = options.unread ? flagged.filter((headline) => !headline.read) : flagged;
      const limited = options.limit ? wanted.slice(0, options.limit) : wanted;
      if (!format) {
        // Written a slice at a time: 3,000 headlines as one JSON string, and its cleaned copy, were the peak of a reload's memory.
        writeJsonArray(io, limited);
        return EXIT.ok;
      }
      print(limited, ({ formatHeadlines }) => formatHeadlines(limited, io.columns));
      return EXIT.ok;
    }
    case 'read': {
      const { article, stale, fromSavedCopy } = await session.readArticle(command.url);
      if (stale && !options.json)
        io.stderr(
          fromSavedCopy
            ? '(offline copy you saved: the page could not be read now)\n'
            : '(offline copy: the page could not be refreshed)\n',
        );
      // The article says it in its JSON (access); in text it is said beside it, as the reader's status line does.
      if (article.access === 'teaser' && !options.json) io.stderr('(subscribers only: this is the teaser)\n');
      // A page of a multi-page article that could not be read: --json says it in `missingPage`.
      if (article.missingPage && !options.json) {
        const { missingPageNote } = await import('../app/join-pages.js');
        io.stderr(`kiosque: ${missingPageNote(article.missingPage)}\n`);
      }
      const { systemLocale } = await import('../text/locale.js');
      print({ ...article, stale }, ({ formatArticle }) => formatArticle(article, io.columns, systemLocale()));
      return EXIT.ok;
    }
    case 'doctor': {
      // Loaded when asked for: the doctor reads pages in this process, with the extractor.
      const { runDoctorCommand } = await import('./doctor-command.js');
      const output = await runDoctorCommand(command, session);
      print(output.value, () => output.text);
      return EXIT.ok;
    }
    case 'sources': {
      // Loaded here only: conf, ajv and the OPML writer stay out of `headlines` (a reload loads none of them).
      const { runSourcesCommand } = await import('./sources-command.js');
      const output = await runSourcesCommand(command, session, options.json ? undefined : io.choose);
      print(output.value, () => output.text);
      return EXIT.ok;
    }
    case 'config': {
      const { runConfigCommand } = await import('./config-command.js');
      const output = await runConfigCommand(command, session);
      print(output.value, () => output.text);
      return EXIT.ok;
    }
    case 'completion': {
      // What the completion scripts offer after "sources remove": the configured addresses, one a line, without credentials.
      const sources = (await session.sourceStore()).list();
      io.stdout(sources.map((source) => displayUrl(source.url) + '\n').join(''));
      return EXIT.ok;
    }
    case 'saved': {
      const saved = Object.values(session.readingState().current().saved)
        .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
        .map((entry) => ({ ...entry, offline: session.savedCopies.has(entry.url) }));
      print(
        saved.map((entry) => ({ ...entry, savedAt: localIso(entry.savedAt) })),
        ({ formatSaved }) => formatSaved(saved, io.columns),
      );
      return EXIT.ok;
    }
    case 'search': {
      const { runSearch } = await import('./search-command.js');
      const output = await runSearch(session, command.words, options.sourcesFile, io.columns);
      print(output.value, () => output.text);
      return EXIT.ok;
    }
    case 'cache': {
      const { cache } = session;
      if (command.action === 'clear') {
        const { removed, leftAlone } = await cache.clear();
        // Files kiosque did not write are never removed: say they are still there, and why.
        const others = leftAlone ? `; ${leftAlone} file${leftAlone > 1 ? 's' : ''} kiosque did not write left as they were` : '';
        print({ cleared: removed, leftAlone, dir: cache.dir }, () => `Removed ${removed} cached pages from ${cache.dir}${others}\n`);
        return EXIT.ok;
      }
      const info = await cache.info();
      const unfinished = info.unfinished ? ` (${info.unfinished} unfinished writes of stopped runs, removed once old)` : '';
      print(
        info,
        () =>
          `${info.dir}\n${info.entries} pages, ${(info.bytes / 1024 / 1024).toFixed(1)} MB of ${(info.maxBytes / 1024 / 1024).toFixed(0)} MB${unfinished}\n`,
      );
      return EXIT.ok;
    }
  }
}

/**
 * Items a slice of writeJsonArray holds: its text (some 45 KB, twice that as soon as one character is
 * not Latin-1) stays below V8's large-object size (128 KB), so it dies young. Slices of 250 items were
 * 550 KB strings, each (and its copies) allocated in the large-object space, freed only by a full
 * collection: 3,000 headlines written grew the heap by ~17 MB and took ~150 ms; now ~1 MB and ~60 ms.
 */
const JSON_SLICE = 40;

/**
 * `JSON.stringify(items, null, 2)` (values and keys cleaned as `print` does), written a slice at a
 * time: the same text, without the whole of it, or of its cleaned copy, in memory at once.
 */
function writeJsonArray(io: CleanIo, items: readonly unknown[]): void {
  if (items.length === 0) {
    io.stdout('[]\n');
    return;
  }
  for (let from = 0; from < items.length; from += JSON_SLICE) {
    const clean = cleanJson(items.slice(from, from + JSON_SLICE));
    // The slice's items without its brackets ("[\n" and "\n]"), already indented as the whole array's, written
    // apart from the separators: joined, the 6 MB of a reload's text were copied once more to be cleaned.
    io.stdout(from === 0 ? '[\n' : ',\n');
    io.stdoutClean(clean.slice(2, -2) as typeof clean);
  }
  io.stdout('\n]\n');
}
