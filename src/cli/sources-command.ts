import { readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import { type Session, webAddress } from '../app/session.js';
import { KiosqueError } from '../errors.js';
import { sourcesFromOpml, sourcesToOpml } from '../feeds/opml.js';
import type { SourceEntry } from '../feeds/types.js';
import { cleanInline } from '../text/sanitize.js';
import { displayUrl } from '../text/url.js';
import type { Command } from './args.js';
import type { CliIo } from './io.js';

type SourcesCommand = Extract<Command, { name: 'sources' }>;

export interface SourcesOutput {
  /** The JSON document, and its plain-text rendering. */
  value: unknown;
  text: string;
}

// One line per source: a title or folder from config.json may hold a line break that would forge another line
// (controls are removed by the output itself, see io.ts terminalIo).
const describe = (source: SourceEntry) => {
  const title = cleanInline(source.title ?? '');
  const group = (source.group ?? []).map(cleanInline).filter(Boolean);
  return `${title ? `${title}  ` : ''}${displayUrl(source.url)}${group.length ? `  [${group.join(' / ')}]` : ''}`;
};

/**
 * A source as printed (text or --json): its addresses without credentials, which are the user's to
 * send to that site, not to show. `sources export` is the one way to get them back, into a file.
 */
const shown = (source: SourceEntry): SourceEntry => ({
  ...source,
  url: displayUrl(source.url),
  ...(source.htmlUrl ? { htmlUrl: displayUrl(source.htmlUrl) } : {}),
});

/**
 * list, add (with feed autodiscovery), remove, rename, import and export of the reader's sources.
 * `choose`: on a terminal, lets the user choose among the feeds a site announces (io.ts CliIo.choose).
 */
export async function runSourcesCommand(command: SourcesCommand, session: Session, choose?: CliIo['choose']): Promise<SourcesOutput> {
  const store = await session.sourceStore();
  switch (command.action) {
    case 'list': {
      const sources = store.list();
      return {
        value: sources.map(shown),
        text: sources.map(describe).join('\n') + (sources.length ? '\n' : 'No sources: add one with "kiosque sources add URL".\n'),
      };
    }
    case 'add': {
      const url = webAddress(command.url);
      let found = await session.findSource(url, command.pick);
      // On a terminal, with no --pick, the reader chooses among the feeds a site announces; scripts keep --pick N.
      const chosen = Boolean(choose) && command.pick === undefined && found.choices.length > 1;
      if (chosen && choose) {
        const index = await choose(
          `${displayUrl(url)} offers ${found.choices.length} feeds. Which one? (arrows and Enter, or its number; Esc for none)`,
          found.choices.map((choice, index) => `${index + 1}. ${cleanInline(choice.title) || '(untitled)'}  ${displayUrl(choice.url)}`),
        );
        if (index === undefined) return { value: { action: 'add', added: false, source: null }, text: 'Nothing added.\n' };
        // The page is in the cache by now: reading it again for another choice asks the network only for that feed.
        if (index + 1 !== found.picked) found = await session.findSource(url, index + 1);
      }
      const { added, entry } = await session.addSource(found);
      const lines = [added ? `Added ${describe(entry)}` : `${displayUrl(entry.url)} is already a source`];
      if (found.choices.length > 1 && !chosen) {
        lines.push(`${displayUrl(url)} offers ${found.choices.length} feeds (took ${found.picked}; choose another with --pick N):`);
        found.choices.forEach((choice, index) => lines.push(`  ${index + 1}. ${choice.title || '(untitled)'}  ${choice.url}`));
      }
      if (found.via === 'page') lines.push('This site has no feed: its headlines are read from the page.');
      return {
        value: { action: 'add', added, source: shown(entry), via: found.via, choices: found.choices, picked: found.picked ?? null },
        text: lines.join('\n') + '\n',
      };
    }
    case 'remove': {
      const url = webAddress(command.url);
      if (!store.remove(url)) throw new KiosqueError('USAGE', `${url} is not among your sources.`, { url });
      return { value: { action: 'remove', url: displayUrl(url), sources: store.list().map(shown) }, text: `Removed ${displayUrl(url)}\n` };
    }
    case 'rename': {
      const url = webAddress(command.url);
      if (!store.rename(url, command.title)) throw new KiosqueError('USAGE', `${url} is not among your sources.`, { url });
      return {
        value: { action: 'rename', url: displayUrl(url), title: command.title },
        text: `${displayUrl(url)} is now called "${command.title}"\n`,
      };
    }
    case 'import': {
      let text: string;
      try {
        text = await readFile(command.file, 'utf8');
      } catch (error) {
        throw new KiosqueError(
          'USAGE',
          `Cannot read ${command.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
          { cause: error },
        );
      }
      const { sources } = sourcesFromOpml(text);
      const added = store.addAll(sources);
      return {
        value: { action: 'import', file: command.file, found: sources.length, added, sources: store.list().map(shown) },
        text: `Imported ${added} of ${sources.length} sources from ${command.file}${added < sources.length ? ' (the others were already there)' : ''}\n`,
      };
    }
    case 'export': {
      const sources = store.list();
      const opml = sourcesToOpml(sources);
      if (!command.file) return { value: { action: 'export', opml }, text: opml };
      try {
        writeFileAtomic.sync(command.file, opml);
      } catch (error) {
        throw new KiosqueError('USAGE', `Cannot write ${command.file}: ${(error as Error).message}`, { cause: error });
      }
      return {
        value: { action: 'export', file: command.file, count: sources.length },
        text: `Exported ${sources.length} sources to ${command.file}\n`,
      };
    }
  }
}
