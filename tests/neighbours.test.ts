import { describe, expect, it } from 'vitest';
import { extractArticle } from '../src/index.js';

/**
 * The previous / next article, on pages written for these tests in the markup of common themes:
 * neighbour blocks that a theme calls "pagination", labels in more languages, a label that
 * belongs to one link of a block holding both, and the pagination of lists and of multi-page
 * articles, which is never the next article.
 */

const PAGE_URL = 'https://blog.example/2024/03/12/the-lighthouse-reopens-to-visitors/';

function page(navigation: string, head = ''): string {
  const prose = [
    'The lighthouse on the point reopened on Saturday, after two years of repairs to its stairs and lantern.',
    'Visitors can climb the hundred and twelve steps again, in groups of ten, with a guide from the society.',
    'The keeper’s cottage, now a small museum, shows the lenses, the logbooks and the old foghorn, restored.',
  ]
    .map((text) => `<p>${text}</p>`)
    .join('');
  return `<!doctype html><html><head><title>The lighthouse reopens to visitors</title>${head}</head><body>
    <header><nav class="main-nav"><a href="/">Home</a> <a href="/news/">News</a></nav></header>
    <main><article><h1>The lighthouse reopens to visitors</h1><div class="entry-content">${prose}</div>
    ${navigation}</article></main></body></html>`;
}

const OLDER = 'https://blog.example/2024/03/05/storm-damages-the-old-pier-at-night/';
const NEWER = 'https://blog.example/2024/03/19/ferry-timetable-changes-for-the-summer/';

const neighbours = (html: string, url = PAGE_URL) => {
  const article = extractArticle(html, url);
  return { previous: article.previous, next: article.next };
};

describe('a neighbour block the theme calls pagination', () => {
  it('reads WordPress Twenty Twenty’s pagination-single (no rel, no text label) by where its links go', () => {
    const navigation = `<nav class="pagination-single section-inner" aria-label="Post"><hr class="styled-separator">
      <div class="pagination-single-inner">
        <a class="previous-post" href="${OLDER}"><span class="arrow" aria-hidden="true">&larr;</span><span class="title"><span class="title-inner">Storm damages the old pier at night</span></span></a>
        <a class="next-post" href="${NEWER}"><span class="arrow" aria-hidden="true">&rarr;</span><span class="title"><span class="title-inner">Ferry timetable changes for the summer</span></span></a>
      </div></nav>`;
    expect(neighbours(page(navigation))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Ferry timetable changes for the summer', url: NEWER },
    });
  });

  it('reads a labelled block classed "post-pagination" whose labels stand apart from their links', () => {
    const navigation = `<div class="post-pagination">
      <div class="prev-post"><div class="prev-post-title"><span>previous post</span></div><a href="${OLDER}"><h5>Storm damages the old pier at night</h5></a></div>
      <div class="next-post"><div class="next-post-title"><span>next post</span></div><a href="${NEWER}"><h5>Ferry timetable changes for the summer</h5></a></div></div>`;
    expect(neighbours(page(navigation))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Ferry timetable changes for the summer', url: NEWER },
    });
  });

  it('reads Blogger’s blog-pager: older is previous, newer is next', () => {
    const navigation = `<div class="blog-pager" id="blog-pager">
      <span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="${NEWER}" title="Newer Post">Newer Post</a></span>
      <span id="blog-pager-older-link"><a class="blog-pager-older-link" href="${OLDER}" title="Older Post">Older Post</a></span>
      <a class="home-link" href="https://blog.example/">Home</a></div>`;
    const found = neighbours(page(navigation));
    expect(found.previous?.url).toBe(OLDER);
    expect(found.next?.url).toBe(NEWER);
  });
});

describe('pagination is never the next article', () => {
  it('leaves a list pager out, whatever its class', () => {
    const navigation = `<div class="archive-nav"><span class="current">1</span><a href="https://blog.example/page/2/">2</a>
      <a class="next" href="https://blog.example/page/2/"><span>Next</span> »</a></div>`;
    expect(neighbours(page(navigation))).toEqual({ previous: null, next: null });
  });

  it('leaves out the next page of this very article, and its comments’ pager', () => {
    const navigation = `<div class="page-links">Pages: <span>1</span> <a href="${PAGE_URL}2/">2</a> <a href="${PAGE_URL}2/" rel="next">Next page</a></div>
      <div class="comment-nav"><a href="${PAGE_URL}?page=1" rel="next">next ›</a></div>`;
    expect(neighbours(page(navigation)).next).toBeNull();
  });

  it('leaves out a carousel’s arrows', () => {
    const navigation = `<div class="carousel"><a class="control-prev" href="/2024/03/photos-of-the-lighthouse-lantern-room/" rel="prev" title="The lantern room">‹</a>
      <a class="control-next" href="/2024/03/photos-of-the-keepers-cottage-museum/" rel="next" title="The keeper’s cottage">›</a></div>`;
    expect(neighbours(page(navigation))).toEqual({ previous: null, next: null });
  });
});

describe('a label belongs to its own link', () => {
  it('gives "Next Post" the link after it, not the first link of the block', () => {
    const navigation = `<div class="post-navigation">
      <span class="label">Previous Post</span> <a href="${OLDER}">Storm damages the old pier at night</a>
      <span class="label">Next Post</span> <a href="${NEWER}">Ferry timetable changes for the summer</a></div>`;
    expect(neighbours(page(navigation))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Ferry timetable changes for the summer', url: NEWER },
    });
  });

  it('titles a link that shows only its label by the head link’s title, else by the label', () => {
    const navigation = `<div class="prev-next-links"><a rel="prev" href="${OLDER}"><span class="arrow">←</span> Previous story</a>
      <a rel="next" href="${NEWER}">Next story <span class="arrow">→</span></a></div>`;
    const head = `<link rel="prev" title="Storm damages the old pier at night" href="${OLDER}">`;
    expect(neighbours(page(navigation, head))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Next story', url: NEWER },
    });
  });
  it('reads a label whose words a template parts with a line break and indentation as one with a space', () => {
    const navigation = `<div class="post-links">
      <span>
        Article
        précédent :
      </span><a href="${OLDER}">Storm damages the old pier at night</a>
      <span>«&nbsp;Next
      </span><a href="${NEWER}">Ferry timetable changes for the summer</a></div>`;
    expect(neighbours(page(navigation))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Ferry timetable changes for the summer', url: NEWER },
    });
  });
});

describe('labels in more languages', () => {
  it.each([
    ['cs', 'Předchozí článek', 'Další článek'],
    ['id', 'Artikel sebelumnya', 'Artikel selanjutnya'],
    ['sv', 'Föregående inlägg', 'Nästa inlägg'],
    ['nl', 'Vorige artikel', 'Volgende artikel'],
    ['pl', 'Poprzedni artykuł', 'Następny artykuł'],
    ['ru', 'Предыдущая статья', 'Следующая статья'],
    ['tr', 'Önceki yazı', 'Sonraki yazı'],
    ['ja', '前の記事', '次の記事'],
    ['zh', '上一篇', '下一篇'],
  ])('reads a tagDiv-style %s block ("%s" / "%s")', (_language, previousLabel, nextLabel) => {
    const navigation = `<div class="td-post-next-prev">
      <div class="td-post-next-prev-content td-post-prev-post"><span>${previousLabel}</span><a href="${OLDER}">Storm damages the old pier at night</a></div>
      <div class="td-post-next-prev-content td-post-next-post"><span>${nextLabel}</span><a href="${NEWER}">Ferry timetable changes for the summer</a></div></div>`;
    expect(neighbours(page(navigation))).toEqual({
      previous: { title: 'Storm damages the old pier at night', url: OLDER },
      next: { title: 'Ferry timetable changes for the summer', url: NEWER },
    });
  });
});
