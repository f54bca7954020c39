import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReaderServices } from '../src/app/reader-services.js';
import { createSession } from '../src/app/session.js';
import { main } from '../src/cli.js';
import type { Article } from '../src/extract/types.js';
import type { Headline } from '../src/feeds/types.js';
import { initialState, type ReaderState } from '../src/state/reader.js';
import { sanitizeDeep, stripControls } from '../src/text/sanitize.js';
import { App, Screen } from '../src/ui/App.js';
import { openScreen } from './helpers/screen.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * Nothing a stored or configured string holds reaches the terminal as a control: not
 * a source title or folder from config.json, a saved title from state.json, a line of a
 * --sources file, an OPML import, nor any field of the reader's state, however it got there.
 */

// What a frame must never hold: ESC and C0 but the newline, DEL, C1, bidi marks, embeddings, overrides and isolates.
const FORBIDDEN = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const forbiddenIn = (text: string) => {
  const match = FORBIDDEN.exec(text);
  return match
    ? `U+${match[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 20), match.index + 20))}`
    : null;
};

const OSC_TITLE = '\u001b]0;pwned\u0007';
const OSC_CLIPBOARD = '\u001b]52;c;cHduZWQ=\u0007';
/** The command line reads its configuration from KIOSQUE_CONFIG_DIR (tests/helpers/setup.ts seals it): one folder per test. */
async function inConfigDir<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.env['KIOSQUE_CONFIG_DIR'];
  process.env['KIOSQUE_CONFIG_DIR'] = dir;
  try {
    return await run();
  } finally {
    process.env['KIOSQUE_CONFIG_DIR'] = before;
  }
}
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-${name}-`));

let feeds: TestServer;
beforeAll(async () => {
  feeds = await startServer((request, response) => {
    response
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Plain feed</title><item><title>An ordinary headline</title><link>${feeds.origin}/a/</link></item></channel></rss>`,
      );
  });
});
afterAll(() => feeds.close());

/** The reader on the sources of `configDir`: its sources view shows `shown`, and no frame drawn on the way holds a control byte. */
async function expectSourcesViewClean(configDir: string, shown: string): Promise<void> {
  const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir });
  try {
    const entries = await session.sourcesToRead([], undefined);
    const services = createReaderServices(session, { entries, openInBrowser: () => {} });
    const { app, frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'An ordinary headline');
    await press('S', /\d+\/\d+ unread/);
    expect(frame()).toContain(shown);
    for (const seen of app.frames) expect(forbiddenIn(seen)).toBeNull();
    app.unmount();
  } finally {
    await session.close();
  }
}

describe('the screen boundary: escape sequences from stored and configured strings never reach a frame', () => {
  it('config.json source titles and folders', async () => {
    const configDir = tmp('config');
    writeFileSync(
      path.join(configDir, 'config.json'),
      JSON.stringify({
        sources: [
          {
            url: `${feeds.origin}/feed.xml`,
            title: `Evil${OSC_TITLE} title${OSC_CLIPBOARD}`,
            group: [`World${OSC_CLIPBOARD}`, `\u009b2JNews\u202e`],
          },
        ],
      }),
    );
    // U+009B "2J" is one C1 CSI sequence: all of it goes.
    await expectSourcesViewClean(configDir, 'World / News / Evil title');
  });

  it('state.json saved titles', async () => {
    const dataDir = tmp('data');
    writeFileSync(
      path.join(dataDir, 'state.json'),
      JSON.stringify({
        read: {},
        positions: {},
        saved: {
          [`${feeds.origin}/a/`]: {
            url: `${feeds.origin}/a/`,
            title: `Saved${OSC_CLIPBOARD} one\u202e`,
            source: `Src${OSC_TITLE}`,
            savedAt: '2026-01-01T00:00:00.000Z',
          },
        },
      }),
    );
    const session = await createSession({ cacheDir: tmp('cache'), dataDir, configDir: tmp('config') });
    try {
      const services = createReaderServices(session, { entries: [{ url: `${feeds.origin}/feed.xml` }], openInBrowser: () => {} });
      const { app, frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'An ordinary headline');
      await press('v', 'Saved one');
      expect(frame()).toContain('Src');
      for (const seen of app.frames) expect(forbiddenIn(seen)).toBeNull();
      app.unmount();
    } finally {
      await session.close();
    }
  });

  it('a --sources file line that is not an address: named cleanly, in the list and the sources view', async () => {
    const file = path.join(tmp('sources'), 's.txt');
    writeFileSync(file, `http://\u001b]52;c;cHduZWQ=\u0007x/\n${feeds.origin}/feed.xml\n`);
    const session = await createSession({ cacheDir: tmp('cache'), dataDir: tmp('data'), configDir: tmp('config') });
    try {
      const entries = await session.sourcesToRead([], file);
      const services = createReaderServices(session, { entries, openInBrowser: () => {} });
      const { app, frame, press } = await openScreen(<App services={services} locale="en-GB" />, 'An ordinary headline');
      expect(frame()).toContain('! http://x/');
      await press('S', 'unreachable');
      for (const seen of app.frames) expect(forbiddenIn(seen)).toBeNull();
      app.unmount();
    } finally {
      await session.close();
    }
  });

  it('an OPML import: titles, folders, addresses and attribute names', async () => {
    const configDir = tmp('config');
    const opml = path.join(tmp('opml'), 'subs.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="Folder&#x1b;]0;pwned&#x7;">
        <outline text="Imported&#x1b;]52;c;cHduZWQ=&#x7; feed" xmlUrl="${feeds.origin}/feed.xml?x=&#x1b;]0;t&#x7;" htmlUrl="javascript:alert(1)" a\u202eb="1" c\u009bd="&#x1b;[2J"/>
      </outline></body></opml>`,
    );
    const io = { stdout: () => {}, stderr: () => {}, columns: 80 };
    expect(await inConfigDir(configDir, () => main(['sources', 'import', opml], io))).toBe(0);
    const stored = readFileSync(path.join(configDir, 'config.json'), 'utf8');
    // Stored clean: JSON would write ESC as \u001b, C1 and bidi raw.
    expect(stored).not.toMatch(/\\u001b|\u001b|\u009b|\u202e|javascript/);
    await expectSourcesViewClean(configDir, 'Folder / Imported feed');
  });

  it('`sources list --json` cleans attribute names (object keys) as well as values', async () => {
    const configDir = tmp('config');
    writeFileSync(
      path.join(configDir, 'config.json'),
      JSON.stringify({
        sources: [
          { url: `${feeds.origin}/feed.xml`, title: 'T', attributes: { 'a\u202eb': '1', 'c\u009bd': 'v\u009b2J', [`k${OSC_TITLE}`]: 'x' } },
        ],
      }),
    );
    let stdout = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: () => {}, columns: 80 };
    expect(await inConfigDir(configDir, () => main(['sources', 'list', '--json'], io))).toBe(0);
    expect(forbiddenIn(stdout)).toBeNull();
    expect(Object.keys((JSON.parse(stdout) as Array<{ attributes: Record<string, string> }>)[0]!.attributes).sort()).toEqual([
      'ab',
      'c',
      'k',
    ]);
  });
  it('`sources list` prints each source on one line, with no control', async () => {
    const configDir = tmp('config');
    writeFileSync(
      path.join(configDir, 'config.json'),
      JSON.stringify({
        sources: [{ url: `${feeds.origin}/feed.xml`, title: `Two\nlines${OSC_TITLE}`, group: [`A\r\nB${OSC_CLIPBOARD}`] }],
      }),
    );
    let stdout = '';
    const io = { stdout: (text: string) => (stdout += text), stderr: () => {}, columns: 80 };
    expect(await inConfigDir(configDir, () => main(['sources', 'list'], io))).toBe(0);
    expect(forbiddenIn(stdout)).toBeNull();
    expect(stdout).toBe(`Two lines  ${feeds.origin}/feed.xml  [A B]\n`);
  });
});

describe('stripControls: invisible and reordering characters', () => {
  it('removes the Arabic letter mark, tag characters, zero-width space, word joiner, invisible operators and the Mongolian vowel separator', () => {
    const tags = String.fromCodePoint(0xe0001, 0xe0041, 0xe007f);
    expect(stripControls(`a\u061Cb${tags}c\u200Bd\u2060e\u2061\u2062\u2063\u2064f\u180Eg\u206Ah`)).toBe('abcdefgh');
  });

  it('keeps ZWJ and ZWNJ: an emoji family stays one family, a Persian word keeps its shaping', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const persian = 'می\u200Cخواهم';
    expect(stripControls(family)).toBe(family);
    expect(stripControls(persian)).toBe(persian);
  });

  it('sanitizeDeep cleans object keys', () => {
    // U+009B is C1 CSI: it and the sequence it starts ("d" is a final byte) go together.
    expect(Object.keys(sanitizeDeep({ 'a\u202eb': 1, 'c\u009bd': 2, 'e\u061cf': 3 }))).toEqual(['ab', 'c', 'ef']);
  });
});

describe('src/ui draws text only through ui/Text.tsx', () => {
  it("no component imports Ink's Text (or Transform) directly", () => {
    const dir = path.resolve(import.meta.dirname, '..', 'src', 'ui');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && file !== 'Text.tsx');
    const direct = files.filter((file) => {
      const source = readFileSync(path.join(dir, file), 'utf8');
      return [...source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]ink['"]/g)].some((match) => /\b(?:Text|Transform)\b/.test(match[1]!));
    });
    expect(direct).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: any state, hostile strings in every field, draws no control byte.

const RUNS = Number(process.env['KIOSQUE_PROPERTY_RUNS'] ?? 150);
const ESCAPES = [
  OSC_TITLE,
  OSC_CLIPBOARD,
  '\u001b[2J',
  '\u001b[31m',
  '\u001b]8;;http://evil/\u001b\\',
  '\u001bP+q\u001b\\',
  '\u009b6n',
  '\u009d0;x\u009c',
  '\u001bc',
  '\u001b',
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\r',
  '\n',
  '\u000b',
  '\u007f',
  '\u0085',
  '\u061c',
  '\u200e',
  '\u202e',
  '\u2066',
  '\ufeff',
];
const hostile = fc
  .array(
    fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...ESCAPES), fc.constantFrom('Titre', '中文字', '😀', ' ')),
    {
      maxLength: 8,
    },
  )
  .map((parts) => parts.join(''));

const WIDTH = 60;
const HEIGHT = 12;
const VIEWS = ['list', 'source', 'saved', 'sources', 'article', 'article-error', 'links', 'filtering'] as const;

function hostileState(s: string[], view: (typeof VIEWS)[number]): ReaderState {
  let i = 0;
  const next = () => s[i++ % s.length]!;
  const url = 'http://example.com/a/';
  const headline = (n: number): Headline => ({
    source: next(),
    sourceUrl: `http://example.com/feed${n}`,
    title: next(),
    url: `${url}${n}`,
    published: null,
    author: next(),
    summary: next(),
  });
  const article: Article = {
    url,
    canonicalUrl: null,
    title: next(),
    byline: next(),
    published: null,
    section: next(),
    siteName: next(),
    lang: null,
    description: next(),
    blocks: [
      { type: 'heading', level: 2, text: next() },
      { type: 'paragraph', text: next() },
      { type: 'quote', text: next() },
      { type: 'list', ordered: false, items: [next(), next()] },
      { type: 'preformatted', text: next() },
      { type: 'related', index: 0, text: next() },
    ],
    related: [{ title: next(), url: 'http://example.com/r/', label: next() }],
    previous: { title: next(), url: 'http://example.com/p/' },
    next: { title: next(), url: 'http://example.com/n/' },
    pagination: { previous: null, next: null },
    wordCount: 10,
    access: 'full',
  };
  const base = initialState({ viewport: { width: WIDTH, height: HEIGHT }, locale: 'fr-FR' });
  const place: ReaderState['place'] =
    view === 'source'
      ? { kind: 'source', url: 'http://example.com/feed0', title: next(), cursor: 0 }
      : view === 'saved'
        ? { kind: 'saved', cursor: 0 }
        : view === 'sources'
          ? { kind: 'sources', cursor: 0 }
          : view.startsWith('article') || view === 'links'
            ? { kind: 'article', url, scroll: 0 }
            : { kind: 'list', cursor: 0 };
  return {
    ...base,
    loadingSources: false,
    headlines: [headline(0), headline(1)],
    sourceErrors: [{ source: next(), message: next() }],
    sources: [
      { url: 'http://example.com/feed0', title: next(), group: [next(), next()], error: null },
      { url: 'http://example.com/feed1', title: next(), group: [], error: next() },
    ],
    saved: { [`${url}0`]: { title: next(), source: next(), savedAt: '2026-01-01T00:00:00.000Z' } },
    pages: { [url]: view === 'article-error' ? { status: 'error', message: next() } : { status: 'ready', article, stale: true } },
    place,
    notice: view === 'article' ? null : next(),
    overlay: view === 'links' ? 'links' : 'none',
    filter: view === 'filtering' ? next() : '',
    filtering: view === 'filtering',
  };
}

describe('the reader drawn from hostile state (property)', () => {
  it('no frame holds ESC, a C0 control but newline, DEL, C1 or a bidi control, whatever every field of the state holds', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 40 }), fc.constantFrom(...VIEWS), (strings, view) => {
        const app = render(<Screen state={hostileState(strings, view)} locale="fr-FR" now={Date.parse('2026-01-02T00:00:00Z')} />);
        try {
          for (const frame of app.frames) {
            expect(forbiddenIn(frame)).toBeNull();
            // And every row stays a row: nothing wider than the terminal, to wrap and push the screen down.
            for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(WIDTH);
            expect(frame.split('\n').length).toBeLessThanOrEqual(HEIGHT + 2);
          }
        } finally {
          app.unmount();
        }
      }),
      { numRuns: RUNS },
    );
  });
});
