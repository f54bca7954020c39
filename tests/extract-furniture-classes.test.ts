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

describe('a section named after its own heading', () => {
  it('reads documentation sections whose ids, made from their titles, hold furniture words', () => {
    const section = (id: string, title: string, topic: string) => `<div class="section" id="${id}">
        <h2>${title}<a class="headerlink" href="#${id}">¶</a></h2>
        <p>The ${topic} step comes next: each change is kept as a draft, shown to the others, amended, and published once everyone agrees on it.</p>
        <p>Nothing about the ${topic} step is final until it is published, which is why drafts may be rewritten, folded together or dropped.</p>
      </div>`;
    const html = page(
      `<div class="body">
        <h1>Working together on a history</h1>
        ${section('getting-started', 'Getting started', 'cloning')}
        ${section('sharing-with-a-single-developer', 'Sharing with a single developer', 'sharing')}
        ${section('related-work-and-reviews', 'Related work and reviews', 'review')}
        ${section('conclusion', 'Conclusion', 'closing')}
      </div>`,
      'Working together on a history',
    );
    const text = read(html);
    expect(text).toContain('The cloning step comes next');
    expect(text).toContain('The sharing step comes next');
    expect(text).toContain('The review step comes next');
    expect(text).toContain('Sharing with a single developer');
  });
});

describe('a link inside a sentence, named like furniture', () => {
  it('keeps the words of glossary links classed "popup" in the sentences they belong to', () => {
    const gloss = (word: string) => `<a class="popup" href="/glossary/${word.replace(/\W+/g, '-')}">${word}</a>`;
    const html = page(`<div class="text">
      <p>I am a ${gloss('rather elderly')} man, and the nature of my ${gloss('avocations')} has brought me into contact with an interesting set of men.</p>
      <p>Of all the ${gloss('law-copyists')} I ever knew, he was the strangest, and of his complete life nothing can be told for certain.</p>
      <p>What my own eyes saw of him is all I know, except, indeed, one vague report which will appear in the ${gloss('sequel')}.</p>
    </div>`);
    const text = read(html);
    expect(text).toContain('I am a rather elderly man, and the nature of my avocations has brought me');
    expect(text).toContain('which will appear in the sequel.');
  });
});

describe('a story cut into parts made from one template', () => {
  it('reads the opening part too, though its paragraphs sit too deep for the scoring to reach', () => {
    const paragraph = (topic: string, n: number) =>
      `<p>The ${topic}, number ${n}, was measured twice, once in spring and once in autumn, and the two figures were written in the same notebook.</p>`;
    const part = (topic: string, count: number) =>
      `<div class="story-part"><div class="wrap"><div class="container"><div class="column"><section class="outer"><div class="inner">${Array.from(
        { length: count },
        (_, i) => paragraph(topic, i + 1),
      ).join('')}</div></section></div></div></div></div>`;
    const figure = (n: number) => `<figure><img src="/picture-${n}.jpg" alt="The field, seen from the hill"></figure>`;
    const html = page(`<div id="story">${figure(1)}${part('opening field', 2)}${figure(2)}${part('river meadow', 5)}</div>`);
    const text = read(html);
    expect(text).toContain('The river meadow, number 5');
    expect(text).toContain('The opening field, number 1');
  });
});

describe('a list used as a wrapper', () => {
  it('reads paragraphs that sit straight inside a <ul> with no list items', () => {
    const entry = (n: number, word: string) =>
      `<p><strong>${n}. ${word}:</strong> a word that was much used this year, in the papers and on the radio, and that the committee weighed for a long time.</p>`;
    const html = page(`<div class="post-body">
      <p>The committee published its shortlist on Monday, after a year of reading newspapers, transcripts and letters from the public.</p>
      <ul>${['Towpath', 'Lockkeeper', 'Narrowboat', 'Windlass'].map((word, i) => entry(i + 1, word)).join('')}</ul>
      <p>The winner will be announced in the spring, at the same ceremony as every year, in the old hall by the canal.</p>
    </div>`);
    const text = read(html);
    expect(text).toContain('1. Towpath: a word that was much used this year');
    expect(text).toContain('4. Windlass: a word that was much used this year');
  });

  it('still drops a list of bare links with no list items, as it drops the same links in <li>s', () => {
    const html = page(`<div class="post-body">
      <p>The committee published its shortlist on Monday, after a year of reading newspapers, transcripts and letters from the public.</p>
      <ul><a href="/2012/10/bridge">The council votes on the new bridge</a> <a href="/2012/10/moorings">Residents ask for more moorings</a></ul>
      <p>The winner will be announced in the spring, at the same ceremony as every year, in the old hall by the canal.</p>
    </div>`);
    const text = read(html);
    expect(text).toContain('The winner will be announced in the spring');
    expect(text).not.toContain('The council votes on the new bridge');
  });
});

describe('a paragraph written as a div', () => {
  it('keeps a div of text with a link in it, which the teaser rule took for a card', () => {
    const html = page(`<div id="post">
      <h2>Students read for free</h2>
      <p>When a few students wrote that they could not afford the magazine, I remembered being a student myself, and said yes to each of them.</p>
      <div>Today it is official: if you are still studying, you read the magazine for free by <a href="/students">filling in this short form</a>.</div>
      <p>If you feel like giving back, tell your friends and classmates about it. Thank you, and happy reading to all of you.</p>
    </div>`);
    const text = read(html);
    expect(text).toContain(
      'Today it is official: if you are still studying, you read the magazine for free by filling in this short form.',
    );
  });
});

describe('a blog engine’s entry furniture: the entry navigation line and the trackbacks', () => {
  const entry = (body: string) => `<div id="container"><div id="pagebody"><div id="alpha">
      <p class="content-nav"><a href="/2012/10/locks.html">« Painting the lock gates</a> | <a href="/">Main</a> | <a href="/2012/11/boats.html">Winter moorings »</a></p>
      ${body}
      <div class="trackbacks"><h3 class="trackbacks-header">TrackBack</h3>
        <div class="trackbacks-info"><p>TrackBack URL for this entry:<br><span class="trackbacks-link">https://trackback.example/services/trackback/42</span></p>
        <p>Listed below are links to weblogs that reference A walk along the canal:</p></div>
        <div class="trackbacks-content"></div></div>
    </div></div></div>`;
  const post = `<div class="entry"><h3 class="entry-header">A walk along the canal</h3><div class="entry-content"><div class="entry-body">
      <p>We left the basin at eight and reached the third lock by ten.</p>
      <p>The keeper was painting the gates. We ate on the bench by the old stables.</p>
      <p>The walk back was quicker, and the pub at the basin had lit its fire.</p>
    </div></div></div>`;
  it('leaves out the « previous | Main | next » line and the TrackBack box', () => {
    const text = read(page(entry(post)));
    expect(text).toContain('We left the basin at eight');
    expect(text).toContain('the pub at the basin had lit its fire');
    expect(text).not.toContain('Main');
    expect(text).not.toContain('TrackBack URL');
    expect(text).not.toContain('Listed below are links to weblogs');
  });
});
