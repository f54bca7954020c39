import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourcesFromOpml, sourcesToOpml } from '../src/feeds/opml.js';

const written = readFileSync(new URL('./fixtures/subscriptions.opml', import.meta.url), 'utf8');

describe('OPML import and export', () => {
  it('imports the feeds of a file written by another reader, nested folders as groups', () => {
    const { title, sources } = sourcesFromOpml(written);
    expect(title).toBe('Mes abonnements');
    expect(sources.map((source) => [source.title, source.group ?? []])).toEqual([
      ['Le Monde — À la une', ['Actualités', 'France']],
      ['franceinfo & Cie', ['Actualités', 'France']],
      ['The Guardian', ['Actualités', 'Monde']],
      ['Un blog sans dossier', []],
    ]);
    expect(sources[0]).toMatchObject({
      url: 'https://www.lemonde.fr/rss/une.xml',
      htmlUrl: 'https://www.lemonde.fr/',
      attributes: { type: 'rss', title: 'Le Monde', language: 'fr', 'fr:priority': '1', unreadCount: '12' },
    });
  });

  it('round-trips: exporting and importing again gives the same sources, folders and attributes', () => {
    const first = sourcesFromOpml(written).sources;
    const exported = sourcesToOpml(first);
    expect(exported).toContain('fr:priority="1"');
    expect(exported).toContain('unreadCount="12"');
    expect(sourcesFromOpml(exported).sources).toEqual(first);
    // And once more, to be sure nothing drifts.
    expect(sourcesFromOpml(sourcesToOpml(sourcesFromOpml(exported).sources)).sources).toEqual(first);
  });

  it('rejects a file that is not OPML with a plain message, and never expands entities', () => {
    expect(() => sourcesFromOpml('this is not xml at all')).toThrow(/not an OPML subscription list/);
    const bomb = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
      <opml version="2.0"><head/><body><outline text="&c;" xmlUrl="https://example.org/feed"/></body></opml>`;
    const { sources } = sourcesFromOpml(bomb);
    expect(sources).toHaveLength(1);
    expect((sources[0]?.title ?? '').length).toBeLessThan(50);
  });
});
