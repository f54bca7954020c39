import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { KiosqueError } from '../src/errors.js';
import { extractArticle } from '../src/extract/article.js';
import { parseHtml } from '../src/html/dom.js';
import { discoverFeeds, headlinesFromPage } from '../src/feeds/discover.js';
import { sourcesFromOpml } from '../src/feeds/opml.js';
import { parseFeed } from '../src/feeds/parse.js';
import { layoutArticle } from '../src/app/article-layout.js';
import { cleanInline, jsonMayHoldControls, sanitizeDeep, stripControls } from '../src/text/sanitize.js';

/**
 * Hostile input, generated: whatever a page or a feed holds, the public API
 * returns (or throws a KiosqueError) in bounded time, and no control or
 * escape sequence comes out of it.
 */

// What must never reach a terminal: ESC and every C0/C1 control but tab and newline, DEL, bidi overrides and isolates.
const FORBIDDEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
// Generous: a bound on pathological behaviour (catastrophic backtracking, quadratic walks), not a speed target.
const BOUND_MS = 2000;
const RUNS = Number(process.env['KIOSQUE_PROPERTY_RUNS'] ?? 150);

const ESCAPES = [
  '\u001b[2J',
  '\u001b[31m',
  '\u001b]0;pwned\u0007',
  '\u001b]8;;http://evil/\u001b\\',
  '\u001bP+q\u001b\\',
  '\u009b6n',
  '\u001bc',
  '\u0000',
  '\u0007',
  '\b',
  '\r',
  '\u000b',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
  '\u200f',
  '\ufeff',
  '&#27;[2J',
  '&#x9b;',
  '&#0;',
];
const hostileText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(...ESCAPES),
      fc.constantFrom('Lire aussi :', 'Article précédent', 'Next post', '« mot »', '😀', '中文字', ' : ', '&amp;', '&nbsp;'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const TAGS = [
  'div',
  'p',
  'article',
  'section',
  'main',
  'a',
  'span',
  'h1',
  'h2',
  'h3',
  'ul',
  'li',
  'blockquote',
  'pre',
  'script',
  'style',
  'table',
  'td',
  'nav',
  'aside',
  'footer',
  'header',
  'strong',
  'br',
  'img',
  'iframe',
  'svg',
  'noscript',
];
const CLASSES = [
  'content',
  'entry-content',
  'td-post-content',
  'sidebar',
  'comment',
  'author-box',
  'related',
  'td-block-span12',
  'post-navigation',
  'nav-previous',
  'nav-next',
  'menu',
  'share',
  '',
];
const attribute = fc.oneof(
  fc.constantFrom(...CLASSES).map((name) => ` class="${name}"`),
  fc
    .oneof(
      fc.constant('javascript:alert(1)'),
      fc.constant('/relative/path'),
      fc.constant('http://exa mple.com/%zz'),
      fc.webUrl(),
      hostileText,
    )
    .map((href) => ` href="${href.replace(/"/g, '&quot;')}"`),
  fc.constantFrom(' rel="next"', ' rel="prev"', ' itemprop="articleBody"', ' hidden', ' style="display:none"'),
);
const html: fc.Arbitrary<string> = fc
  .letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileText,
      fc
        .tuple(fc.constantFrom(...TAGS), fc.array(attribute, { maxLength: 2 }), fc.array(tie('node'), { maxLength: 4 }), fc.boolean())
        .map(([tag, attrs, children, closed]) => `<${tag}${attrs.join('')}>${children.join('')}${closed ? `</${tag}>` : ''}`),
    ),
  }))
  .node.map((body) => `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`);
const anyPage = fc.oneof(html, fc.string({ unit: 'binary', maxLength: 2000 }));

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

function timed<T>(run: () => T): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return result;
}

describe('text sanitizer (property)', () => {
  it('never lets a control or escape sequence through, and cleaning twice changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary' })), (text) => {
        for (const clean of [stripControls(text), cleanInline(text), sanitizeDeep({ nested: [text] }).nested[0]!]) {
          expect(clean).not.toMatch(FORBIDDEN);
        }
        expect(cleanInline(text)).not.toMatch(/[\n\t]/);
        expect(cleanInline(cleanInline(text))).toBe(cleanInline(text));
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('headlines --json written without cleaning first (property)', () => {
  it('a JSON text said to hold no control is the text of its value cleaned', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary' })), (text) => {
        const value = { title: text, group: { sources: [text, 'La Gazette'] } };
        const json = JSON.stringify(value, null, 2);
        if (!jsonMayHoldControls(json)) expect(json).toBe(JSON.stringify(sanitizeDeep(value), null, 2));
      }),
      { numRuns: RUNS * 4 },
    );
  });
});

describe('article extractor (property)', () => {
  it('returns an article for any page, without control characters, in bounded time', () => {
    fc.assert(
      fc.property(anyPage, (page) => {
        const article = timed(() => extractArticle(page, 'https://news.example/2026/11/article/'));
        for (const text of strings(article)) expect(text).not.toMatch(FORBIDDEN);
        // Every link kiosque may follow is http(s).
        for (const link of [...article.related, article.previous, article.next].filter(Boolean)) expect(link!.url).toMatch(/^https?:\/\//);
      }),
      { numRuns: RUNS },
    );
  });

  it('lays the text out within the width, wide characters and emoji measured', () => {
    fc.assert(
      fc.property(anyPage, fc.integer({ min: 20, max: 160 }), (page, width) => {
        const lines = layoutArticle(extractArticle(page, 'https://news.example/a/'), width);
        for (const line of lines) expect(stringWidth(line.text)).toBeLessThanOrEqual(width);
      }),
      { numRuns: RUNS },
    );
  });

  it('finds headlines and feeds in any page without throwing', () => {
    fc.assert(
      fc.property(anyPage, (page) => {
        const document = parseHtml(page);
        const { headlines } = timed(() => headlinesFromPage(document, 'https://news.example/'));
        const feeds = discoverFeeds(document, 'https://news.example/');
        for (const text of strings([headlines, feeds])) expect(text).not.toMatch(FORBIDDEN);
      }),
      { numRuns: RUNS },
    );
  });
});

const feedText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 1000 }),
  fc
    .tuple(hostileText, hostileText, fc.webUrl(), hostileText)
    .map(
      ([title, item, link, date]) =>
        `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><title>${item}</title><link>${link}</link><pubDate>${date}</pubDate><description><![CDATA[${item}]]></description></item></channel></rss>`,
    ),
  fc
    .tuple(hostileText, hostileText, fc.webUrl())
    .map(
      ([title, entry, link]) =>
        `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">${title}</title><entry><title>${entry}</title><link href="${link}"/><updated>${entry}</updated></entry></feed>`,
    ),
  fc.tuple(hostileText, hostileText).map(([title, item]) =>
    JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title,
      items: [{ id: '1', url: 'https://x.example/1', title: item, date_published: item }],
    }),
  ),
  fc
    .tuple(fc.integer({ min: 1, max: 8 }), hostileText)
    .map(
      ([depth, text]) =>
        `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x0 "${text.replace(/[<&"%]/g, '')}">${Array.from({ length: depth }, (_, i) => `<!ENTITY x${i + 1} "&x${i};&x${i};&x${i};&x${i};&x${i};&x${i};&x${i};&x${i};&x${i};&x${i};">`).join('')}<!ENTITY ext SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x${depth};&ext;</title><item><title>&x${depth};</title><link>https://x.example/</link></item></channel></rss>`,
    ),
);

describe('feed and OPML parsers (property)', () => {
  it('give headlines or a KiosqueError, never anything else; no control characters; no entity expanded', () => {
    fc.assert(
      fc.property(feedText, (text) => {
        try {
          const feed = timed(() => parseFeed(text, 'https://x.example/feed'));
          for (const value of strings(feed)) {
            expect(value).not.toMatch(FORBIDDEN);
            expect(value).not.toContain('root:'); // /etc/passwd never read
            expect(value.length).toBeLessThan(100_000); // no billion laughs
          }
        } catch (error) {
          expect(error).toBeInstanceOf(KiosqueError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('OPML import of anything: sources or a KiosqueError', () => {
    const opml = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 500 }),
      fc
        .tuple(hostileText, fc.webUrl(), hostileText)
        .map(
          ([text, url, folder]) =>
            `<opml version="2.0"><body><outline text="${folder.replace(/[<&"]/g, '')}"><outline text="${text.replace(/[<&"]/g, '')}" xmlUrl="${url}"/></outline></body></opml>`,
        ),
    );
    fc.assert(
      fc.property(opml, (text) => {
        try {
          const { sources } = timed(() => sourcesFromOpml(text));
          for (const value of strings(sources.map((source) => [source.title, source.group]))) expect(value).not.toMatch(FORBIDDEN);
        } catch (error) {
          expect(error).toBeInstanceOf(KiosqueError);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
