import { describe, expect, it } from 'vitest';
import { articleText, extractArticle } from '../src/index.js';

/**
 * Further failure classes of issue 11, found on the development corpora and grouped by markup;
 * each page is written for this test (no corpus page is copied) and failed before its change.
 */

const page = (body: string, title = 'A walk along the canal') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const read = (html: string) => articleText(extractArticle(html, 'https://blog.example/2012/10/walk'));

describe('the site header is no article, whatever its blocks are named', () => {
  it('reads a short post rather than the blog description in a div#header', () => {
    const html = page(`<div id="wrapper">
      <div id="header">
        <div id="blog-title"><a href="/">Notes from the towpath</a></div>
        <div id="blog-description"><p>Walks, locks and boats, written up by a retired lock keeper.</p></div>
      </div>
      <div id="main"><div class="single">
        <h1>A walk along the canal</h1>
        <p>We left the basin at eight and reached the third lock by ten, where the keeper was painting the gates.</p>
      </div></div>`);
    const text = read(html);
    expect(text).toContain('We left the basin at eight');
    expect(text).not.toContain('written up by a retired lock keeper');
  });
});
