import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { frenchSpacing, layoutArticle } from '../src/app/article-layout.js';
import { storyGroups } from '../src/app/story-groups.js';
import type { Article } from '../src/extract/types.js';
import { canonicalAddress, groupStories, normaliseTitle, sketchTitles } from '../src/feeds/group.js';
import type { Headline } from '../src/feeds/types.js';
import { splitKeys } from '../src/state/split-keys.js';
import { findFolded, fold, matchesWords, queryWords } from '../src/text/fold.js';

const NOW = Date.UTC(2026, 10, 24, 12);
const HOUR = 60 * 60 * 1000;
const h = (source: string, title: string, url: string, hoursAgo: number | null = 1): Headline => ({
  source,
  sourceUrl: `http://${source}/feed`,
  title,
  url,
  published: hoursAgo === null ? null : new Date(NOW - hoursAgo * HOUR).toISOString(),
  author: null,
  summary: null,
});

describe('the same story across sources (feeds/group.ts)', () => {
  it('one story for one canonical address, whatever tracking, scheme, www or trailing slash each feed adds', () => {
    expect(canonicalAddress('https://www.Example.org/a/b/?utm_source=rss&id=3#top')).toBe(canonicalAddress('http://example.org/a/b?id=3'));
    const stories = groupStories([
      h('a', 'Pologne : des élections anticipées', 'https://news.example/pologne'),
      h('b', 'Poland calls early elections', 'http://www.news.example/pologne/?xtor=RSS-1', 2),
      h('c', 'Something else entirely', 'http://c.example/x', 3),
    ]);
    expect(stories.map((story) => [story.lead.source, story.others.map((other) => other.source)])).toEqual([
      ['a', ['b']],
      ['c', []],
    ]);
  });

  it('an address cut as it is when the URL parser would leave it so, else read by the parser: the same canonical address', () => {
    const TRACKING = /^(?:utm_|xtor$|at_|fbclid$|gclid$|ref$|cmp$|ito$|mc_)/i;
    const reference = (url: string) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return url;
      }
      parsed.hash = '';
      for (const name of [...parsed.searchParams.keys()]) if (TRACKING.test(name)) parsed.searchParams.delete(name);
      return `${parsed.host.toLowerCase().replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '') || '/'}${parsed.search}`;
    };
    const schemes = ['http://', 'https://', 'HTTP://', 'http:/'];
    const hosts = [
      'www.example.org',
      'Example.org',
      'a.b',
      '127.0.0.2',
      '127.1',
      '0x7f.0.0.1',
      '1.2.3.256',
      '01.2.3.4',
      'x.0x1f',
      'x.12',
      'a..b',
      'xn--abc.com',
      'xn--nxasmq6b.com',
      'b.',
      '',
      'ex_ample.org',
      'münchen.de',
      'a-.b',
    ];
    const ports = ['', ':80', ':443', ':8080', ':080', ':', ':99999', ':65535'];
    const paths = [
      '',
      '/',
      '/a/b/',
      '/a.html',
      '/./a',
      '/a/..',
      '/a/%2e%2E/b',
      '/a/.b',
      '/%7e',
      '/%',
      '/a b',
      '/é',
      '/a\\b',
      '/x//',
      "/a'b(c)!$&*+,;=:@~_",
      '/a?b=1',
      '/a?utm_source=x&id=3',
      '/a#top',
      '/[x]',
      '/a|b',
      '/a^b',
      '/`x`',
      '/{x}',
    ];
    for (const scheme of schemes)
      for (const host of hosts)
        for (const port of ports)
          for (const path of paths) {
            const url = `${scheme}${host}${port}${path}`;
            expect(canonicalAddress(url), url).toBe(reference(url));
          }
  });

  it('a title normalised a character at a time reads as folding it whole and parting its words by a pattern', () => {
    const reference = (title: string) =>
      fold(title)
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim();
    // Characters of every kind a title holds: ASCII letters, digits and punctuation, accents (precomposed and
    // combining), ligatures, other scripts, digits beyond ASCII, a sign that folds to punctuation and a mark,
    // an astral letter (a surrogate pair), a lone surrogate, spaces of all kinds.
    const alphabet = [
      ...'aZ9 -:!’«»\t\n',
      'é',
      'e\u0301',
      '\u0301',
      'œ',
      'ß',
      'ﬁ',
      'İ',
      'Σ',
      'ж',
      '中',
      '٣',
      '²',
      '½',
      '≠',
      '\u{1D400}',
      '\uD800',
      '\u00A0',
      '\u2003',
      '_',
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      let title = '';
      for (let length = random(12); length > 0; length--) title += alphabet[random(alphabet.length)];
      expect(normaliseTitle(title), JSON.stringify(title)).toBe(reference(title));
    }
    for (const title of ['', ' ', '  Été  ', '!!!', 'a\u0301', '\u0301a', 'ﬁn', 'ΟΔΟΣ', 'x≠y', 'Coöperate façade Zürich'])
      expect(normaliseTitle(title), JSON.stringify(title)).toBe(reference(title));
  });

  it('one story for near-identical titles within a day (shingles of the normalised title, not exact equality)', () => {
    expect(normaliseTitle('Pologne : le gouvernement ANNONCE des élections !')).toBe('pologne le gouvernement annonce des elections');
    const stories = groupStories([
      h('a', 'Pologne : le gouvernement annonce des élections anticipées', 'http://a/1', 1),
      h('b', 'Pologne: le gouvernement annonce des élections anticipées…', 'http://b/1', 5),
      h('c', 'Pologne : le gouvernement annonce les élections anticipées', 'http://c/1', 20),
      // The same words more than a day later: another story.
      h('d', 'Pologne : le gouvernement annonce des élections anticipées', 'http://d/1', 40),
      // Alike but for a number: another story (day 3 and day 4 of a trial are two).
      h('e', 'Procès du port : jour 3', 'http://e/1', 1),
      h('f', 'Procès du port : jour 4', 'http://f/1', 1),
      h('g', 'La marée du siècle attendue samedi', 'http://g/1', 2),
      h('h', 'Le marché du siècle attendu dimanche', 'http://h/1', 2),
    ]);
    expect(stories.map((story) => [story.lead.source, ...story.others.map((other) => other.source)])).toEqual([
      ['a', 'b', 'c'],
      ['d'],
      ['e'],
      ['f'],
      ['g'],
      ['h'],
    ]);
  });

  it('the same stories when titles were sketched as their sources arrived, in any order, some of them twice', () => {
    const make = () => [
      h('a', 'Pologne : le gouvernement annonce des élections anticipées', 'http://a/1', 1),
      h('b', 'Pologne: le gouvernement annonce des élections anticipées…', 'http://b/1', 5),
      h('e', 'Procès du port : jour 3', 'http://e/1', 1),
      h('f', 'Procès du port : jour 4', 'http://f/1', 1),
      h('c', 'Pologne : le gouvernement annonce les élections anticipées', 'http://c/1', 20),
    ];
    const shape = (stories: ReturnType<typeof groupStories>) =>
      stories.map((story) => [story.lead.source, ...story.others.map((other) => other.source)]);
    const alone = shape(groupStories(make()));
    const arrived = make();
    sketchTitles(arrived.slice(3));
    sketchTitles(arrived.slice(0, 2));
    sketchTitles(arrived.slice(1, 4));
    expect(shape(groupStories(arrived))).toEqual(alone);
    expect(alone).toEqual([['a', 'b', 'c'], ['e'], ['f']]);
    // Sketches of a reload already grouped are not those of the next one: grouping again agrees still.
    sketchTitles(make().slice(0, 1));
    expect(shape(groupStories(make()))).toEqual(alone);
  });

  it('headlines --json gains the group: every headline says its story, which one leads and every source of it', () => {
    const headlines = [h('a', 'Same story', 'http://x/1', 1), h('b', 'Other', 'http://y/2', 2), h('c', 'Same story', 'http://x/1', 3)];
    const groups = storyGroups(headlines);
    expect(groups[0]).toEqual({ id: groups[2]!.id, lead: true, sources: ['a', 'c'], size: 2 });
    expect(groups[2]).toMatchObject({ lead: false, size: 2 });
    expect(groups[1]).toMatchObject({ lead: true, sources: ['b'], size: 1 });
  });

  it('stays linear on 20,000 headlines that share common words', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      h(`s${i % 50}`, `Le point sur la situation numéro ${i}`, `http://x/${i}`, i / 100),
    );
    const start = performance.now();
    expect(groupStories(many)).toHaveLength(20_000);
    // A bound far above what it takes (about a tenth of it), to catch a quadratic slide, not to time it.
    expect(performance.now() - start).toBeLessThan(20_000);
  });
});

describe('accent- and case-blind matching (text/fold.ts)', () => {
  it('folds accents, case and ligatures, and finds ranges in the original text', () => {
    expect(fold('NUMÉRO Œuvre Straße')).toBe('numero oeuvre strasse');
    expect(matchesWords('Le numéro spécial', queryWords('NUMERO special'))).toBe(true);
    expect(matchesWords('Le numéro spécial', queryWords('numero hiver'))).toBe(false);
    const text = 'Une œuvre, deux ŒUVRES.';
    expect(findFolded(text, 'oeuvre').map(([start, end]) => text.slice(start, end))).toEqual(['œuvre', 'ŒUVRE']);
  });
});

describe('keys in one write (state/split-keys.ts)', () => {
  it('are keys of their own: Enter, Tab, Backspace and Ctrl-letters as the keys they stand for', () => {
    expect(splitKeys('j\r')).toEqual([
      { input: 'j', key: {} },
      { input: '', key: { return: true } },
    ]);
    expect(splitKeys('a\t\u007f\u0003')).toEqual([
      { input: 'a', key: {} },
      { input: '', key: { tab: true } },
      { input: '', key: { backspace: true } },
      { input: 'c', key: { ctrl: true } },
    ]);
  });
});

const frenchArticle = (text: string, lang: string | null = 'fr'): Article => ({
  url: 'http://x/a',
  canonicalUrl: null,
  access: 'full',
  title: 'Titre',
  byline: null,
  published: null,
  section: null,
  siteName: null,
  lang,
  description: null,
  blocks: [{ type: 'paragraph', text }],
  related: [],
  previous: null,
  next: null,
  pagination: { previous: null, next: null },
  wordCount: 0,
});

describe('French typography when wrapping', () => {
  it('« stays with the next word, » : ; ! ? with the previous one, whatever spaces the page used', () => {
    expect(frenchSpacing('Il a dit : « Non ! » Puis ; enfin ?')).not.toMatch(/ [»:;!?]|« /);
    const text =
      'Le maire a répondu à la question posée par les habitants : « Non ! » Et il a ajouté ; « Pourquoi ? » Puis il est parti sans rien dire de plus au conseil.';
    for (let width = 20; width <= 60; width++) {
      const lines = layoutArticle(frenchArticle(text), width, 'fr')
        .filter((line) => line.kind === 'body')
        .map((line) => line.text);
      for (const line of lines) {
        expect(line, `at ${width}: ${line}`).not.toMatch(/^[»:;!?]/);
        expect(line, `at ${width}: ${line}`).not.toMatch(/«$/);
        expect(stringWidth(line)).toBeLessThanOrEqual(Math.max(10, width));
      }
      // Nothing lost: the words are all there, with plain spaces.
      expect(lines.join(' ').replace(/\s+/g, ' ')).toBe(text);
    }
  });

  it('leaves other languages as they are', () => {
    const lines = layoutArticle(frenchArticle('Word word ? more words', 'en'), 10, 'en').map((line) => line.text);
    expect(lines).toContain('? more');
  });

  it('wraps preformatted text with a spacing combining mark within the width (the wrapper measures as the screen does)', () => {
    // U+1B3D is a spacing mark: one column. wrap-ansi 9 measured it with string-width 7 as zero and let the line overflow.
    const article: Article = { ...frenchArticle('', 'en'), blocks: [{ type: 'preformatted', text: ' \u1b3dLire aussi : Lire aussi :' }] };
    const lines = layoutArticle(article, 20, 'en').filter((line) => line.kind !== 'title');
    expect(lines.map((line) => line.text).join('')).toContain('Lire aussi : Lire a');
    for (const line of lines) expect(stringWidth(line.text), line.text).toBeLessThanOrEqual(20);
  });
});

describe('related-box links in the reader pane', () => {
  it('are listed after the article, numbered as their digits open them; those the text shows are not repeated', () => {
    const article: Article = {
      ...frenchArticle('Texte.'),
      blocks: [
        { type: 'paragraph', text: 'Texte.' },
        { type: 'related', index: 0, text: 'Lire aussi : Le phare' },
      ],
      related: [
        { title: 'Le phare', url: 'http://x/phare' },
        { title: 'Le port', url: 'http://x/port' },
        { title: 'La digue', url: 'http://x/digue' },
      ],
    };
    const lines = layoutArticle(article, 80, 'fr', { boxLinks: true }).map((line) => line.text);
    expect(lines.slice(-4)).toEqual(['Related', '[2] Le port', '[3] La digue', '']);
    expect(lines.filter((line) => line.includes('Le phare'))).toHaveLength(1);
  });
});
