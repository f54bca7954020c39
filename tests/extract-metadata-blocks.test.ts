import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

// Bylines, breadcrumbs and categories read from the page's own blocks (no JSON-LD, no meta tags):
// extract/metadata-candidates.ts finds them in one walk of the page, a block's links included
// up to the block's end and not beyond it.

const body = `<article><h1>Harbour crane returns after a year of repairs</h1>
  <p>${'The crane that lifted containers off the quay for forty years is back in service after a long repair. '.repeat(6)}</p>
  <p>${'Dock workers watched it swing its first load on Monday morning, to applause from the harbour office. '.repeat(6)}</p></article>`;

function read(parts: string): ReturnType<typeof extractArticle> {
  return extractArticle(
    `<html><head><title>Harbour crane returns after a year of repairs</title></head><body>${parts}${body}</body></html>`,
    'https://harbour.example/news/harbour-crane-returns-after-repairs/',
  );
}

describe('metadata from the page blocks', () => {
  it('takes the author link of an author block that holds other author blocks before it', () => {
    const article = read(
      `<div class="post-author"><div class="author-avatar"><img src="/a.png" alt=""></div><div class="author-meta"></div>` +
        `<a href="/people/ines-marlow/">Ines Marlow</a></div>`,
    );
    expect(article.byline).toBe('Ines Marlow');
  });

  it('does not take a link after the author block for its author', () => {
    const article = read(
      `<div class="post-author"><span>Staff</span></div><p><a href="/people/someone-else/">Someone Else</a></p>` +
        `<span class="td-post-author-name">by <a href="/people/ines-marlow/">Ines Marlow</a></span>`,
    );
    expect(article.byline).toBe('Ines Marlow');
  });

  it('reads the section from a category list, and from a breadcrumb trail before it', () => {
    expect(read(`<span class="cat-links"><a href="/c/ports/">Ports</a></span>`).section).toBe('Ports');
    const trail = `<nav aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/news/">News</a> › <a href="/news/ports/">Ports and docks</a></nav>`;
    expect(read(`${trail}<span class="cat-links"><a href="/c/ports/">Ports</a></span>`).section).toBe('Ports and docks');
  });
});

describe('metadata from the page JSON-LD', () => {
  it('reads the author, date, section and headline a NewsArticle script gives (the page says them nowhere else)', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Person', '@id': '#ines', name: 'Ines Marlow' },
        {
          '@type': 'NewsArticle',
          headline: 'Harbour crane returns after a year of repairs',
          author: { '@id': '#ines' },
          datePublished: '2026-11-30T08:15:00+01:00',
          articleSection: 'Port life',
        },
      ],
    };
    const article = read(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`);
    expect(article.byline).toBe('Ines Marlow');
    expect(article.published).toBe('2026-11-30T08:15:00+01:00');
    expect(article.section).toBe('Port life');
  });
});
