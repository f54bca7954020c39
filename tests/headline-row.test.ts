import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Headline } from '../src/feeds/types.js';
import { headlineRow } from '../src/ui/headline-row.js';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const headline = (title: string, source = 'La Gazette du Quai'): Headline => ({
  source,
  sourceUrl: 'http://gazette.example/feed',
  title,
  url: 'http://gazette.example/a',
  published: '2026-11-24T09:00:00Z',
  author: null,
  summary: null,
});
const line = (row: ReturnType<typeof headlineRow>) => row.marks + row.star + row.title + row.gap + row.tail;

describe('a row of the headline list', () => {
  it('fills the width exactly, source and time against the right edge', () => {
    for (const width of [80, 100, 131]) {
      const row = headlineRow(headline('Le conseil municipal adopte un budget en hausse'), {
        selected: false,
        read: false,
        saved: false,
        width,
        now: NOW,
        locale: 'fr-FR',
      });
      expect(stringWidth(line(row))).toBe(width);
      expect(line(row)).toMatch(/ La Gazette du Quai · il y a 3\sh$/);
    }
  });

  it('on a narrow screen the title keeps most of the row: the time goes first, then the source is cut', () => {
    const title = 'Le conseil municipal adopte un budget en hausse pour la troisième année de suite';
    const at = (width: number) =>
      headlineRow(headline(title), { selected: false, read: false, saved: false, width, now: NOW, locale: 'fr-FR' });
    expect(at(60).tail).toBe(' La Gazette du Quai');
    expect(stringWidth(at(60).title)).toBeGreaterThanOrEqual(36);
    expect(at(40).tail).toBe(' La Gazette…');
    expect(stringWidth(at(40).title)).toBeGreaterThanOrEqual(24);
    for (const width of [40, 50, 60, 70]) expect(stringWidth(line(at(width)))).toBe(width);
  });

  it('cuts only the title, measuring wide characters and emoji by their columns', () => {
    const row = headlineRow(headline('東京の港で新しい市場が開かれる 🎉 '.repeat(20)), {
      selected: true,
      read: false,
      saved: true,
      width: 60,
      now: NOW,
      locale: 'en',
    });
    expect(row.marks).toBe('›•');
    expect(row.star).toBe('★ ');
    expect(row.title.endsWith('…')).toBe(true);
    expect(stringWidth(line(row))).toBeLessThanOrEqual(60);
    expect(stringWidth(line(row))).toBeGreaterThanOrEqual(59);
    // At 60 columns the time gives way to the source.
    expect(row.tail).toBe(' La Gazette du Quai');
  });

  it('keeps marks and the shortened source on a 10,000-character title, and says read by no dot', () => {
    const row = headlineRow(headline('x'.repeat(10_000), 'A source with a name far longer than the list allows'), {
      selected: false,
      read: true,
      saved: false,
      width: 80,
      now: NOW,
      locale: 'en',
    });
    expect(row.marks).toBe('  ');
    expect(row.tail).toBe(' A source with a name… · 3 hr. ago');
    expect(stringWidth(line(row))).toBe(80);
  });
});
