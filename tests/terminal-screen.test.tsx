import { afterAll, describe, expect, it, vi } from 'vitest';

// Ink colours through chalk, which reads FORCE_COLOR once as it loads: colours on, so that a frame
// shows whether the screen asked for them (without it, nothing in a test's frame would be coloured).
const forced = vi.hoisted(() => {
  const before = process.env['FORCE_COLOR'];
  process.env['FORCE_COLOR'] = '1';
  return before;
});
afterAll(() => {
  if (forced === undefined) delete process.env['FORCE_COLOR'];
  else process.env['FORCE_COLOR'] = forced;
});

import { render } from 'ink-testing-library';
import type { ReaderServices } from '../src/app/reader-services.js';
import { layoutArticle } from '../src/app/article-layout.js';
import { articleText, extractArticle } from '../src/extract/article.js';
import type { Article } from '../src/extract/types.js';
import type { Headline } from '../src/feeds/types.js';
import { App } from '../src/ui/App.js';
import { firstFrame } from '../src/ui/terminal/first-paint.js';
import { DEFAULT_SCREEN_STYLE, DEFAULT_THEME, type ScreenStyle } from '../src/ui/terminal/style.js';
import { ScreenStyleContext } from '../src/ui/Text.js';
import { openScreen } from './helpers/screen.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const ORIGIN = 'https://news.example';

const headlines: Headline[] = Array.from({ length: 40 }, (_, index) => ({
  source: index % 2 ? 'The Harbour Times' : 'La Gazette du Quai',
  sourceUrl: `${ORIGIN}/feed-${index % 2}`,
  title: `Headline number ${index + 1}`,
  url: `${ORIGIN}/story-${index + 1}`,
  published: new Date(NOW - (index + 1) * 3_600_000).toISOString(),
  author: null,
  summary: null,
}));

/** A long article with a related link, a figure with its caption and a picture alone, as the extractor reads them. */
function article(url: string): Article {
  const paragraphs = Array.from(
    { length: 30 },
    (_, index) => `<p>Paragraph ${index + 1} of the story, with enough words to be read as text.</p>`,
  );
  paragraphs.splice(2, 0, `<p><strong>Read also:</strong> <a href="${ORIGIN}/story-7">The seventh story</a></p>`);
  paragraphs.splice(
    4,
    0,
    `<figure><img src="/img/boat.jpg" alt="A boat in the harbour"><figcaption>The lifeboat at dawn (photo: the crew)</figcaption></figure>`,
  );
  return extractArticle(
    `<html><head><title>The story of ${url}</title></head><body><article><h1>The story of ${url}</h1>${paragraphs.join('')}</article></body></html>`,
    url,
  );
}

function services(): ReaderServices & { opened: string[]; say: string | undefined } {
  const opened: string[] = [];
  const self = {
    opened,
    say: undefined as string | undefined,
    loadHeadlines: () => Promise.resolve({ headlines, errors: [] }),
    readArticle: (url: string) => Promise.resolve({ article: article(url), stale: false }),
    prefetch: () => {},
    openInBrowser: (url: string, say?: (message: string) => void) => {
      opened.push(url);
      if (self.say) say?.(self.say);
    },
  };
  return self;
}

/** The reader on a test terminal, waited on by what a person reads (the frame without its styles). */
async function reader(style: ScreenStyle = DEFAULT_SCREEN_STYLE, svc = services(), mouse = true) {
  const { app, frame } = await openScreen(
    <ScreenStyleContext value={style}>
      <App services={svc} locale="en-GB" now={NOW} mouse={mouse} />
    </ScreenStyleContext>,
    ' 40 headlines',
  );
  const waitFor = (text: string | RegExp) =>
    vi.waitFor(
      () => {
        const shown = plain(frame());
        if (typeof text === 'string' ? !shown.includes(text) : !text.test(shown)) throw new Error(`not yet: ${text}\n${shown}`);
      },
      { timeout: 5000, interval: 10 },
    );
  const press = async (key: string, until: string | RegExp) => {
    app.stdin.write(key);
    await waitFor(until);
  };
  return { app, frame, press, waitFor };
}

const ESC = '\u001b';
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\u001b\]8;;[^\u0007]*\u0007/g, '');
/** SGR colour codes (foreground or background, 16, 256 or true colour); bold (1) and dim (2) are not colours. */
const COLOUR = /\u001b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

describe('colours', () => {
  it('by default the screen is coloured (the check below would see colours)', async () => {
    const { frame, app } = await reader();
    expect(frame()).toMatch(COLOUR);
    expect(frame()).toContain(`${ESC}[33m`);
    app.unmount();
  });

  it('NO_COLOR (colour off): not one colour in the list, the pane, the help or the links; bold and dim stay', async () => {
    const { frame, press, app } = await reader({ ...DEFAULT_SCREEN_STYLE, colour: false });
    const frames = [frame()];
    await press('\r', 'Paragraph 1 of the story');
    frames.push(frame());
    await press('l', 'Links of this article');
    frames.push(frame());
    await press('l', 'Paragraph 1 of the story');
    await press('?', 'Esc or ? to close');
    frames.push(frame());
    for (const shown of frames) expect(shown).not.toMatch(COLOUR);
    expect(frames[0]).toContain(`${ESC}[1m`);
    app.unmount();
  });

  it('a theme: named colours per part of the screen', async () => {
    const { frame, press, app } = await reader({
      ...DEFAULT_SCREEN_STYLE,
      theme: { ...DEFAULT_THEME, title: 'green', cursor: 'magentaBright' },
    });
    expect(frame()).toContain(`${ESC}[32mkiosque`);
    expect(frame()).toContain(`${ESC}[95m`);
    await press('\r', 'Paragraph 1 of the story');
    expect(frame()).toMatch(/\u001b\[32mThe story of/);
    app.unmount();
  });
});

describe('images', () => {
  it('a figure is an image line where it stood, its caption under it; no text of the article comes from it', () => {
    const read = article(`${ORIGIN}/story-1`);
    expect(read.blocks).toContainEqual({
      type: 'image',
      alt: 'A boat in the harbour',
      caption: 'The lifeboat at dawn (photo: the crew)',
      src: `${ORIGIN}/img/boat.jpg`,
    });
    expect(articleText(read)).not.toMatch(/boat|lifeboat/);
    const lines = layoutArticle(read, 100).map((line) => line.text);
    const at = lines.indexOf('[image: A boat in the harbour]');
    expect(at).toBeGreaterThan(lines.indexOf('Paragraph 2 of the story, with enough words to be read as text.'));
    expect(lines[at + 1]).toBe('  The lifeboat at dawn (photo: the crew)');
  });

  it('alt text or caption, a decorative image or a tracking pixel left out', () => {
    const body = (inner: string) =>
      extractArticle(
        `<html><body><article><h1>T</h1><p>${'Words of the article. '.repeat(20)}</p>${inner}<p>${'More words here. '.repeat(20)}</p></article></body></html>`,
        `${ORIGIN}/a`,
      ).blocks.filter((block) => block.type === 'image');
    expect(body('<figure><img src="x.png"><figcaption>Only a caption</figcaption></figure>')).toEqual([
      { type: 'image', alt: '', caption: 'Only a caption', src: `${ORIGIN}/x.png` },
    ]);
    expect(body('<div><img src="x.png" alt=""></div>')).toEqual([]);
    expect(body('<div><img src="p.gif" alt="pixel" width="1" height="1"></div>')).toEqual([]);
    expect(body('<div><img src="javascript:alert(1)" alt="A map"></div>')).toEqual([
      { type: 'image', alt: 'A map', caption: '', src: null },
    ]);
    // An emoticon in running text: the text stays one paragraph, as it was.
    expect(body('<div>Before the smile <img src="s.gif" alt="smile"> and after it.</div>')).toEqual([]);
    const lines = layoutArticle(
      { ...article(`${ORIGIN}/b`), blocks: [{ type: 'image', alt: '', caption: 'Only a caption', src: null }] },
      100,
    ).map((line) => line.text);
    expect(lines).toContain('[image: Only a caption]');
    expect(lines.filter((line) => line.includes('Only a caption'))).toHaveLength(1);
  });

  it('i opens the image in view in the browser; with none in view it says so', async () => {
    const svc = services();
    const { press, frame, app } = await reader(DEFAULT_SCREEN_STYLE, svc);
    await press('\r', '[image: A boat in the harbour]');
    app.stdin.write('i');
    await vi.waitFor(() => expect(svc.opened).toEqual([`${ORIGIN}/img/boat.jpg`]));
    await press('G', 'Paragraph 30 of the story');
    await press('i', 'No image in view.');
    expect(svc.opened).toHaveLength(1);
    expect(plain(frame())).toContain('No image in view.');
    app.unmount();
  });
});

describe('clickable links (OSC 8)', () => {
  it('the title, the numbered links and the image of the pane link to their http(s) targets when the terminal takes them', async () => {
    const { frame, press, app } = await reader({ ...DEFAULT_SCREEN_STYLE, hyperlinks: true });
    await press('\r', 'Paragraph 1 of the story');
    const shown = frame();
    const links = [...shown.matchAll(/\u001b\]8;;([^\u0007]*)\u0007/g)].map((match) => match[1]).filter(Boolean);
    expect(new Set(links)).toEqual(new Set([`${ORIGIN}/story-1`, `${ORIGIN}/story-7`, `${ORIGIN}/img/boat.jpg`]));
    // Each link is closed on its own line: nothing else of the frame is a link.
    for (const line of shown.split('\n')) {
      const opens = line.match(/\u001b\]8;;[^\u0007]+\u0007/g)?.length ?? 0;
      const closes = line.match(/\u001b\]8;;\u0007/g)?.length ?? 0;
      expect(closes).toBe(opens);
    }
    expect(plain(shown)).toContain('[1] Read also: The seventh story');
    app.unmount();
  });

  it('none where the terminal does not take them (a pipe, TERM=dumb: the default style)', async () => {
    const { frame, press, app } = await reader();
    await press('\r', 'Paragraph 1 of the story');
    expect(frame()).not.toContain(`${ESC}]8;`);
    app.unmount();
  });
});

describe('open in the browser', () => {
  it('o opens the headline under the cursor from the list, the article from the pane, the link under the cursor from the links', async () => {
    const svc = services();
    const { press, app } = await reader(DEFAULT_SCREEN_STYLE, svc);
    await press('j', /›.*Headline number 2 /);
    app.stdin.write('o');
    await vi.waitFor(() => expect(svc.opened).toEqual([`${ORIGIN}/story-2`]));
    await press('\r', 'Paragraph 1 of the story');
    app.stdin.write('o');
    await vi.waitFor(() => expect(svc.opened.at(-1)).toBe(`${ORIGIN}/story-2`));
    await press('l', 'Links of this article');
    app.stdin.write('o');
    await vi.waitFor(() => expect(svc.opened.at(-1)).toBe(`${ORIGIN}/story-7`));
    app.unmount();
  });

  it('what the opener says (nothing could open the page) is on the status line', async () => {
    const svc = services();
    svc.say = 'Nothing could open the page (tried xdg-open): set $BROWSER to a browser command.';
    const { press, frame, app } = await reader(DEFAULT_SCREEN_STYLE, svc);
    await press('o', 'Nothing could open the page');
    expect(plain(frame()).split('\n').at(-1)).toMatch(/^Nothing could open the page \(tried xdg-open\)/);
    app.unmount();
  });
});

/** What the screen shows at a row (1-based, as the terminal counts them). */
const rowOf = (shown: string, row: number) => plain(shown).split('\n')[row - 1] ?? '';

describe('the mouse', () => {
  it('the wheel moves through the list, three rows a notch', async () => {
    const { press, app } = await reader();
    await press(`${ESC}[<65;10;5M`, /›.*Headline number 4 /);
    await press(`${ESC}[<65;10;5M`, /›.*Headline number 7 /);
    await press(`${ESC}[<64;10;5M`, /›.*Headline number 4 /);
    app.unmount();
  });

  it('a click on a row opens the headline the screen shows there', async () => {
    const { frame, press, app } = await reader();
    await press('G', /›.*Headline number 40 /);
    const clicked = /Headline number \d+/.exec(rowOf(frame(), 6))![0];
    await press(`${ESC}[<0;20;6M`, `The story of ${ORIGIN}/story-${clicked.split(' ').at(-1)}`);
    app.unmount();
  });

  it('the wheel scrolls the pane; a click on a numbered link opens it, on the image opens the image in the browser', async () => {
    const svc = services();
    const { frame, press, app } = await reader(DEFAULT_SCREEN_STYLE, svc);
    await press('\r', 'Paragraph 1 of the story');
    const top = rowOf(frame(), 2);
    const imageRow =
      plain(frame())
        .split('\n')
        .findIndex((line) => line.startsWith('[image:')) + 1;
    app.stdin.write(`${ESC}[<0;3;${imageRow}M`);
    await vi.waitFor(() => expect(svc.opened).toEqual([`${ORIGIN}/img/boat.jpg`]));
    await press(`${ESC}[<65;10;10M`, /./);
    await vi.waitFor(() => expect(rowOf(frame(), 2)).not.toBe(top));
    await vi.waitFor(() => expect(plain(frame())).not.toContain('The story of'));
    await press(`${ESC}[<64;10;10M`, 'The story of');
    const linkRow =
      plain(frame())
        .split('\n')
        .findIndex((line) => line.startsWith('[1] Read also')) + 1;
    await press(`${ESC}[<0;3;${linkRow}M`, `The story of ${ORIGIN}/story-7`);
    app.unmount();
  });

  it('a report is never a key: its digits and final M do nothing, with the mouse on or off', async () => {
    for (const mouse of [true, false]) {
      const { frame, app } = await reader(DEFAULT_SCREEN_STYLE, services(), mouse);
      const before = frame();
      // A release, a right click, and (mouse off) a click: were they keys, M would mark a source read and digits open links.
      app.stdin.write(`${ESC}[<0;5;5m`);
      app.stdin.write(`${ESC}[<2;5;5M`);
      if (!mouse) app.stdin.write(`${ESC}[<0;5;5M`);
      app.stdin.write('j');
      await vi.waitFor(() => expect(plain(frame())).toMatch(/›.*Headline number 2 /));
      expect(plain(frame()).replace(/›/, ' ')).toBe(plain(before).replace(/›/, ' '));
      app.unmount();
    }
  });
});

describe('the first paint', () => {
  it('is the frame Ink then draws, row for row', async () => {
    const svc = services();
    const app = render(
      <App services={svc} locale="en-GB" now={NOW} firstLoad={{ pending: svc.loadHeadlines(), settled: await svc.loadHeadlines() }} />,
    );
    const painted = firstFrame({
      loaded: await svc.loadHeadlines(),
      remembered: undefined,
      size: { columns: 100 },
      now: NOW,
      locale: 'en-GB',
      style: DEFAULT_SCREEN_STYLE,
    });
    expect(painted.map(plain)).toEqual(plain(app.lastFrame() ?? '').split('\n'));
    expect(painted.join('\n')).toContain(`${ESC}[1m${ESC}[33mkiosque`);
    app.unmount();
  });

  it('while the sources load: the loading frame Ink draws first', () => {
    const app = render(<App services={{ ...services(), loadHeadlines: () => new Promise(() => {}) }} locale="en-GB" now={NOW} />);
    const painted = firstFrame({
      loaded: undefined,
      remembered: undefined,
      size: { columns: 100 },
      now: NOW,
      locale: 'en-GB',
      style: DEFAULT_SCREEN_STYLE,
    });
    expect(painted.map(plain)).toEqual(plain(app.lastFrame() ?? '').split('\n'));
    app.unmount();
  });

  it('keeps the read marks and saved stars of earlier runs, and failing sources first', () => {
    const remembered = {
      read: { [`${ORIGIN}/story-1`]: '2026-11-24T11:00:00Z' },
      unread: {},
      readThrough: {},
      saved: {
        [`${ORIGIN}/story-2`]: {
          url: `${ORIGIN}/story-2`,
          title: 'Headline number 2',
          source: 'The Harbour Times',
          savedAt: '2026-11-24T10:00:00Z',
        },
      },
      positions: {},
    };
    const loaded = { headlines, errors: [{ source: 'Broken feed', message: 'did not answer' }] };
    const svc = { ...services(), remembered, loadHeadlines: () => Promise.resolve(loaded) };
    const app = render(<App services={svc} locale="en-GB" now={NOW} firstLoad={{ pending: svc.loadHeadlines(), settled: loaded }} />);
    const painted = firstFrame({ loaded, remembered, size: { columns: 100 }, now: NOW, locale: 'en-GB', style: DEFAULT_SCREEN_STYLE });
    expect(painted.map(plain)).toEqual(plain(app.lastFrame() ?? '').split('\n'));
    expect(plain(painted[1]!)).toBe('! Broken feed: did not answer');
    expect(plain(painted[2]!)).toMatch(/^› {3}Headline number 1 /);
    expect(plain(painted[3]!)).toMatch(/^ •★ Headline number 2 /);
    app.unmount();
  });
});
