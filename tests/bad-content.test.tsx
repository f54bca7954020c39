import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/extract/article.js';
import { normalizeDate } from '../src/text/dates.js';
import { parseFeed } from '../src/feeds/parse.js';
import { decodeBody } from '../src/net/charset.js';
import { layoutArticle } from '../src/app/article-layout.js';
import { HeadlineList } from '../src/ui/HeadlineList.js';

const PARAGRAPH = 'Le conseil municipal a voté le budget jeudi soir, après quatre heures de débats animés et une suspension de séance.';

describe('bad content', () => {
  it('a page nested 20,000 levels deep is read without overflowing the stack', () => {
    const depth = 20_000;
    const page = `<html><body>${'<div>'.repeat(depth)}<article><h1>Profond</h1><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></article>${'</div>'.repeat(depth)}</body></html>`;
    const article = extractArticle(page, 'https://x.example/deep/');
    expect(article.blocks.some((block) => block.type === 'paragraph' && block.text === PARAGRAPH)).toBe(true);
  });

  it('malformed HTML (unclosed, misnested, stray end tags) still gives its text', () => {
    const page = `<html><body><div class="content"><p>${PARAGRAPH}<p><b><i>${PARAGRAPH}</b></i></span></div></td><p>${PARAGRAPH}`;
    const article = extractArticle(page, 'https://x.example/broken/');
    expect(article.blocks.filter((block) => block.type === 'paragraph')).toHaveLength(3);
  });

  it('a 5 MB page is read whole (its article found among 5 MB of other markup)', () => {
    const filler = `<div class="widget"><ul>${'<li><a href="/x">Un lien de menu parmi tant d’autres</a></li>'.repeat(40)}</ul></div>`;
    const page = `<html><body>${filler.repeat(Math.ceil(5_000_000 / filler.length / 2))}<article><h1>Grand</h1>${`<p>${PARAGRAPH}</p>`.repeat(30)}</article>${filler.repeat(Math.ceil(5_000_000 / filler.length / 2))}</body></html>`;
    expect(page.length).toBeGreaterThan(5_000_000);
    const article = extractArticle(page, 'https://x.example/big/');
    expect(article.blocks.filter((block) => block.type === 'paragraph')).toHaveLength(30);
    expect(article.blocks.some((block) => block.type === 'list')).toBe(false);
  });

  it('invalid UTF-8 becomes replacement characters, the rest of the page intact', async () => {
    const bytes = Buffer.concat([Buffer.from('<p>Café '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' déjà vu</p>')]);
    const { text, charset } = await decodeBody(bytes, 'text/html; charset=utf-8');
    expect(charset).toBe('UTF-8');
    expect(text).toContain('Café ');
    expect(text).toContain(' déjà vu');
  });

  it('a windows-1252 page labelled UTF-8 is read as windows-1252 (’ € œ, not �)', async () => {
    const bytes = Buffer.from(
      [...Buffer.from('<p>L'), 0x92, ...Buffer.from('été coûte 5 '), 0x80, ...Buffer.from(' pour un '), 0x9c, ...Buffer.from('uf</p>')].map(
        (byte) => byte,
      ),
    );
    // The é and û above are UTF-8 in this source file; make the whole body windows-1252 bytes.
    const win = Buffer.from(Buffer.from(bytes).toString('latin1').replace(/Ã©/g, '\u00e9').replace(/Ã»/g, '\u00fb'), 'latin1');
    const { text, charset } = await decodeBody(win, 'text/html; charset=utf-8');
    expect(charset).toBe('windows-1252');
    expect(text).toBe('<p>L’été coûte 5 € pour un œuf</p>');
  });

  it('dates in any format or none: ISO when understood, null otherwise, never a throw', () => {
    expect(normalizeDate('Tue, 24 Nov 2026 08:00:00 +0100')?.iso).toBe('2026-11-24T07:00:00Z');
    expect(normalizeDate('2026-11-24T08:00:00+01:00')?.iso).toBe('2026-11-24T08:00:00+01:00');
    expect(normalizeDate('2026-11-24')?.iso).toBe('2026-11-24T00:00:00Z');
    for (const nonsense of ['', '   ', 'mardi dernier', '99/99/9999', '0000-00-00', '1e999', 'NaN', '2026-13-45T25:61:00Z', '\u001b[2J']) {
      expect(normalizeDate(nonsense)).toBeNull();
    }
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>F</title>
      <item><title>Sans date</title><link>https://x.example/1</link></item>
      <item><title>Date absurde</title><link>https://x.example/2</link><pubDate>le jour d'après</pubDate></item>
      <item><title>Daté</title><link>https://x.example/3</link><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>`,
      'https://x.example/feed',
    );
    expect(feed.headlines.map((headline) => [headline.title, headline.published])).toEqual([
      ['Daté', '2026-11-24T08:00:00Z'],
      ['Sans date', null],
      ['Date absurde', null],
    ]);
  });

  it('an empty title falls back to the summary or the address; a 10,000-character title stays on its row', () => {
    const long = 'Très long titre '.repeat(625);
    const feed = parseFeed(
      `<rss version="2.0"><channel><title>F</title>
      <item><title></title><link>https://x.example/empty</link><description>Le résumé tient lieu de titre</description></item>
      <item><title>   </title><link>https://x.example/blank</link></item>
      <item><title>${long}</title><link>https://x.example/long</link></item></channel></rss>`,
      'https://x.example/feed',
    );
    expect(feed.headlines.map((headline) => headline.title.slice(0, 40))).toEqual([
      'Le résumé tient lieu de titre',
      'https://x.example/blank',
      long.trim().slice(0, 40),
    ]);
    const { lastFrame } = render(
      <HeadlineList
        headlines={feed.headlines}
        cursor={2}
        height={5}
        width={80}
        isRead={() => false}
        saved={{}}
        errors={[]}
        loading={false}
        now={Date.now()}
        locale="fr-FR"
        empty=""
      />,
    );
    const rows = (lastFrame() ?? '').split('\n');
    expect(rows).toHaveLength(5);
    expect(rows.every((row) => stringWidth(row) <= 80)).toBe(true);
    expect(rows[2]).toMatch(/^›• {2}Très long titre .*…/);
    const article = extractArticle(
      `<html><head><title>${long}</title></head><body><article><h1>${long}</h1><p>${PARAGRAPH}</p><p>${PARAGRAPH}</p></article></body></html>`,
      'https://x.example/long',
    );
    expect(layoutArticle(article, 60).every((line) => stringWidth(line.text) <= 60)).toBe(true);
  });
});
