import { describe, expect, it } from 'vitest';
import { articleText, extractArticle } from '../src/index.js';

/**
 * One page per failure class of issue 11, each written for this test to reproduce the markup
 * pattern (no page of a corpus is copied here). Each failed before the change it names.
 */

const sentence = (topic: string, n: number) =>
  `The ${topic} committee met for the ${n}th time on Tuesday, heard the residents, the shopkeepers and the engineers, and agreed to decide by spring.`;
const paragraphs = (topic: string, count: number) => Array.from({ length: count }, (_, i) => `<p>${sentence(topic, i + 1)}</p>`).join('\n');
const page = (body: string, title = 'The bridge question') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const read = (html: string) => articleText(extractArticle(html, 'https://news.example/story'));

describe('class 1: teaser cards and "more stories" rails inside the body', () => {
  it('drops a rail of teaser cards at 0.3–0.45 link density that sits inside the article container', () => {
    const card = (n: number) =>
      `<div class="card"><a href="/other-${n}">Residents of the old quarter vote on parking</a> <span>A short summary of another story, number ${n}.</span></div>`;
    const html = page(`<main><div class="story">
      <h1>The bridge question</h1>
      ${paragraphs('bridge', 6)}
      <div class="more">${[1, 2, 3, 4].map(card).join('')}</div>
    </div></main>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 6));
    expect(text).not.toContain('Residents of the old quarter vote on parking');
  });
  it('does not take a paragraph of comma-separated links (tags, names of those who liked it) for prose', () => {
    const names = Array.from({ length: 120 }, (_, i) => `<a href="/users/reader${i}">reader${i}</a>`).join(', ');
    const html = page(`<div id="work"><div class="chapter">${paragraphs('ferry', 6)}</div></div>
      <div id="likes"><h3>Liked by</h3><p>${names}</p></div>`);
    const text = read(html);
    expect(text).toContain(sentence('ferry', 1));
    expect(text).toContain(sentence('ferry', 6));
    expect(text).not.toContain('reader17');
  });
});

describe('a short block named "content", "entry" or "post" is not the article for its name', () => {
  it('reads the article, not a rail of teaser cards whose excerpts sit in "content" divs', () => {
    const card = (n: number) =>
      `<li class="card"><h3><a href="/other-${n}">Another story, number ${n}</a></h3><div class="content"><p>Residents of the old quarter vote on parking, on the new tram line, and on the market hall that the council wants to sell, number ${n}.</p></div></li>`;
    const html = page(`<div id="piece"><h1>The bridge question</h1>${paragraphs('bridge', 2)}</div>
      <div class="more-stories"><ul class="cards">${[1, 2, 3, 4, 5].map(card).join('')}</ul></div>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 2));
    expect(text).not.toContain('Residents of the old quarter');
  });
  it('reads a short post, not the mega-menu whose featured boxes are "content" divs', () => {
    const subsections = (n: number) =>
      [1, 2, 3, 4].map((k) => `<li><a href="/s${n}/${k}">Subsection ${k} of section ${n}</a></li>`).join('');
    const section = (n: number) =>
      `<li class="first-level"><a href="/s${n}"><span>Section ${n}</span></a><div class="dd"><ul>${subsections(n)}</ul><div class="content"><p class="title"><a href="/f${n}">Featured in section ${n}</a></p><p>Watch all the musical acts of the season ${n}</p></div></div></li>`;
    const html = page(`<ul id="topnav">${[1, 2, 3, 4, 5].map(section).join('')}</ul>
      <div id="piece"><h1>The bridge question</h1><p>${sentence('bridge', 1)}</p></div>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 1));
    expect(text).not.toContain('Subsection 1 of section 1');
    expect(text).not.toContain('musical acts');
  });
});

describe('teaser excerpts cut with "[...]" beside a short article', () => {
  it('reads the article, not the "editor\'s picks" widget whose cards hold longer excerpts', () => {
    const card = (n: number) =>
      `<div class="post"><div class="entry"><a href="/pick-${n}"><img src="/t${n}.jpg" alt="Pick ${n}"></a><p class="post-title"><a href="/pick-${n}">The house on the hill, number ${n}</a></p><p>The studio has completed a house on the hill, in a setting that is at once rural, suburban, green and quiet, with views of the terraces, the vineyard, the orchard, the old mill, the river, the bridges and the city on the other side, and the inner [...]</p></div></div>`;
    const html =
      page(`<div id="main"><div class="post"><div class="entry"><h1>The bridge question</h1><p>${sentence('bridge', 1)}</p><p>The vote is on Friday.</p></div></div></div>
      <div id="footer-widgets"><div class="widget"><h3>Editor's picks</h3><div class="picks">${[1, 2, 3, 4, 5].map(card).join('')}</div></div></div>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 1));
    expect(text).toContain('The vote is on Friday.');
    expect(text).not.toContain('house on the hill');
  });
});

describe('class 2: bare text directly in a div, paragraphs separated by <br>', () => {
  it('reads the text, not the link-heavy sidebar beside it', () => {
    const bare = Array.from({ length: 6 }, (_, i) => sentence('harbour', i + 1)).join('<br><br>\n');
    const sidebar = Array.from(
      { length: 12 },
      (_, i) =>
        `<p><a href="/n${i}">Other news, item ${i + 1}: a headline about something else entirely, and more, and more</a>, read it.</p>`,
    ).join('');
    const html = page(`<div id="page"><div class="main-col">${bare}</div><div class="links-col">${sidebar}</div></div>`);
    const text = read(html);
    expect(text).toContain(sentence('harbour', 1));
    expect(text).toContain(sentence('harbour', 6));
    expect(text).not.toContain('a headline about something else entirely');
  });
});

describe('class 3: a body split over sibling containers', () => {
  it('reads the part after an embed that sits in a bare sibling div, however low it scores', () => {
    const html = page(`<div id="wrap">
      <div class="article-body">${paragraphs('tram', 8)}</div>
      <div class="embed-video"><iframe src="https://video.example/1"></iframe></div>
      <div><p>The new depot opens in May and the first trams will leave it at five in the morning.</p>
      <p>Drivers will be trained there from March onwards and the old depot will then be sold.</p></div>
      <div class="widget"><a href="/a">Most read</a> <a href="/b">Weather</a></div>
    </div>`);
    const text = read(html);
    expect(text).toContain(sentence('tram', 8));
    expect(text).toContain('the old depot will then be sold');
    expect(text).not.toContain('Most read');
  });
  it('reads every part of a story cut into wrappers, each with its picture, not only the longest part', () => {
    const part = (topic: string, count: number) =>
      `<div class="col"><div class="story-text">${paragraphs(topic, count)}</div><figure><img src="/${topic}.jpg" alt="The ${topic} at dawn"><figcaption>The ${topic} at dawn.</figcaption></figure></div>`;
    const html = page(`<article id="story"><h1>The bridge question</h1>${part('canal', 4)}${part('lock', 9)}</article>
      <div class="rail"><a href="/a">Most read</a> <a href="/b">Weather</a></div>`);
    const text = read(html);
    expect(text).toContain(sentence('canal', 1));
    expect(text).toContain(sentence('lock', 9));
    expect(text).not.toContain('Most read');
  });
});

describe('class 4: the whole body thrown away for a furniture word in its wrapper', () => {
  it('keeps a body whose own wrapper is named "post-sharing"', () => {
    const html = page(`<div class="post-sharing-enabled">${paragraphs('library', 7)}</div>`);
    expect(read(html)).toContain(sentence('library', 7));
  });

  it('recovers a body in a wrapper named "promo-area" without letting back the rail of teasers beside it', () => {
    const card = (n: number) =>
      `<div class="card"><a href="/other-${n}">Old quarter vote, round ${n}</a> <span>Residents of the old quarter vote on parking on Sunday, story ${n}.</span></div>`;
    const html = page(`<div id="main"><h1>The bridge question</h1><div class="promo-area">${paragraphs('bridge', 4)}</div>
      <div class="more">${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(card).join('')}</div></div>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 1));
    expect(text).toContain(sentence('bridge', 4));
    expect(text).not.toContain('Residents of the old quarter');
  });
  it('recovers a body whose paragraphs each carry a furniture class', () => {
    const body = Array.from({ length: 7 }, (_, i) => `<div class="print-block"><p>${sentence('school', i + 1)}</p></div>`).join('');
    const html = page(`<article><h1>The bridge question</h1>${body}</article>`);
    const text = read(html);
    expect(text).toContain(sentence('school', 1));
    expect(text).toContain(sentence('school', 7));
  });
});

describe('class 5: the wrong container on a landing page', () => {
  it('falls back to the paragraphs in page order when a slider of short comma-laden slides wins', () => {
    const slide = (n: number) =>
      `<div class="slide"><p>Tours ${n}, lunches, visits, tastings, talks, walks, rides, games, picnics</p></div>`;
    const prose = Array.from(
      { length: 5 },
      (_, i) =>
        `<section><h2>Part ${i + 1}</h2><p>${sentence('festival', i + 1)} ${sentence('festival', i + 11)} ${sentence('festival', i + 21)} ${sentence('festival', i + 31)}</p></section>`,
    ).join('');
    const html = page(
      `<div class="hero"><div class="carousel">${Array.from({ length: 10 }, (_, i) => slide(i + 1)).join('')}</div><div class="hint">Swipe</div></div>` +
        `<div class="info"><div class="wrap"><div class="landing">${prose}</div></div></div>`,
    );
    const text = read(html);
    expect(text).toContain(sentence('festival', 1));
    expect(text).toContain(sentence('festival', 35));
  });
});

describe('class 6: tables that editors wrap in a <figure>', () => {
  it('reads the table as text, with its caption', () => {
    const html = page(`<article><h1>The bridge question</h1>${paragraphs('budget', 4)}
      <figure class="table"><table><tr><th>Year</th><th>Cost</th></tr><tr><td>2024</td><td>12 million</td></tr></table>
      <figcaption>Cost of the works by year, in euros</figcaption></figure>${paragraphs('budget', 2)}</article>`);
    const text = read(html);
    expect(text).toContain('2024 | 12 million');
    expect(text).toContain('Cost of the works by year, in euros');
  });
});

describe('a data table whose rows are mostly links', () => {
  it('reads every row of a table with headers (films, each a link to its page), not only the rows with text', () => {
    const row = (n: number) =>
      `<tr><td><a href="/film-${n}">The film number ${n}</a></td><td><a href="/year/19${60 + n}">19${60 + n}</a></td><td><a href="/director-${n}">Director ${n}</a></td></tr>`;
    const html = page(`<article><h1>The bridge question</h1>${paragraphs('film', 4)}
      <table class="list"><tr><th>Title</th><th>Year</th><th>Director</th></tr>${[1, 2, 3, 4, 5].map(row).join('')}
      <tr><td>The bridge at night</td><td>1970</td><td><p>Remake of the film number 1, shot at the old quarter.</p></td></tr></table>
      ${paragraphs('film', 2)}</article>`);
    const text = read(html);
    expect(text).toContain('The film number 3');
    expect(text).toContain('Director 5');
    expect(text).toContain('Remake of the film number 1');
  });
});

describe('class 7: embedded social posts and copyright lines inside the body', () => {
  it('keeps the text of an embedded post as a quote, and drops the copyright line', () => {
    const html = page(`<article><h1>The bridge question</h1>${paragraphs('council', 4)}
      <blockquote class="twitter-tweet"><p lang="en">The bridge will stay closed until the inspection is over, the mayor says.</p>— City Hall (@cityhall) <a href="https://x.example/1">March 3, 2025</a></blockquote>
      ${paragraphs('council', 2)}<p>© 2025 The Example Gazette. All rights reserved.</p></article>`);
    const article = extractArticle(html, 'https://news.example/story');
    expect(article.blocks).toContainEqual({
      type: 'quote',
      text: expect.stringContaining('The bridge will stay closed until the inspection is over'),
    });
    expect(articleText(article)).not.toContain('All rights reserved');
  });
});

describe('class 8: empty output where the text is there', () => {
  it('reads an article that a script shows (hidden in the markup) rather than nothing', () => {
    const html = page(
      `<div class="gallery-story" style="display:none">${paragraphs('museum', 5)}</div><div class="nav"><a href="/">Home</a></div>`,
    );
    expect(read(html)).toContain(sentence('museum', 5));
  });
  it('reads the article, not a photo gallery list of captions holding more paragraphs than it', () => {
    const caption = (n: number) =>
      `<li><h2>${n}/20 Photo ${n}</h2><p>${sentence('gallery', n)} ${sentence('caption', n)}</p><p class="credits">AGENCY</p></li>`;
    const gallery = Array.from({ length: 20 }, (_, i) => caption(i + 1)).join('');
    const html = page(`<div class="article-body">${paragraphs('bridge', 5)}</div>
      <div class="full-gallery"><div class="scroller"><ul class="legends">${gallery}</ul></div></div>`);
    const text = read(html);
    expect(text).toContain(sentence('bridge', 5));
    expect(text).not.toContain('gallery committee');
  });
});

describe('a hover card over a name inside a sentence', () => {
  it('reads the sentence without the card of headlines a script pops up over the name', () => {
    const card = `<span class="card"><span><img src="/ana.jpg" alt=""><a class="name" href="/people/ana">Ana Ruiz</a><a href="/s1">Council delays the vote on the bridge again</a> <a href="/s2">Ruiz asks for a new study of the tram line</a></span></span>`;
    const html = page(`<article><h1>The bridge question</h1>
      <p>The mayor, <span class="who"><a href="/people/ana">Ana Ruiz</a>${card}</span>, said on Tuesday that the bridge would stay closed until the inspection is over.</p>
      ${paragraphs('bridge', 5)}</article>`);
    const text = read(html);
    expect(text).toContain('The mayor, Ana Ruiz, said on Tuesday that the bridge would stay closed');
    expect(text).not.toContain('Council delays the vote');
  });
});

describe('class 5: a landing page made of sections of short feature cards', () => {
  it('reads the sections of cards, not the one notice box whose paragraph is the longest', () => {
    const feature = (name: string) =>
      `<li class="feature"><a href="/video/${name}"><img src="/${name}.png" alt="Screenshot"></a><h2>${name}</h2><p>Inspect, edit and debug the ${name} of any page, live, right in the browser you use.</p><a href="/docs/${name}" class="more">Learn more about ${name}</a></li>`;
    const html = page(
      `<header id="masthead"><a href="/">Example</a></header>
      <main role="main">
        <section class="intro"><header><h1>Welcome to the Workbench</h1><p>Get to know the tools that make it the most complete workbench for building pages.</p></header>
          <ul class="features">${['Layout', 'Styles'].map(feature).join('')}</ul>
          <div class="notice"><h4>Important: copy your settings</h4><p>The Workbench comes with a new profile, so that you can run it alongside your usual one. To keep your bookmarks, your history and your passwords, copy them over from your usual profile, or start afresh with a new one. <a href="/help">Learn more</a></p></div>
        </section>
        <section class="more-features"><div class="container"><header><h2>Features and tools</h2></header>
          <ul class="features">${['Console', 'Debugger', 'Network', 'Audio', 'Storage', 'Memory'].map(feature).join('')}</ul>
        </div></section>
      </main>`,
      'Welcome to the Workbench',
    );
    const text = read(html);
    expect(text).toContain('copy them over from your usual profile');
    expect(text).toContain('Inspect, edit and debug the Console of any page');
    expect(text).toContain('Inspect, edit and debug the Memory of any page');
  });
});

describe('class 3: a body split over "cousin" containers of one template', () => {
  it('reads the story part in each wrapper, not only the longest part', () => {
    const html = page(`<main><article id="story">
      <h1>The bridge question</h1>
      <div class="story-part-wrap"><div class="story-part story-part-1">${paragraphs('harbour', 2)}</div><div class="marginalia"><a href="/b">Related coverage</a></div></div>
      <div class="ad-slot"><p>Advertisement</p></div>
      <div class="story-part-wrap"><div class="story-part story-part-2">${paragraphs('bridge', 7)}</div><div class="marginalia"><a href="/c">More on the bridge</a></div></div>
      <div class="story-part-wrap"><div class="more-links"><a href="/a">Another story about the harbour and its bridges</a></div></div>
    </article></main>`);
    const text = read(html);
    expect(text).toContain(sentence('harbour', 1));
    expect(text).toContain(sentence('bridge', 7));
    expect(text.indexOf(sentence('harbour', 2))).toBeLessThan(text.indexOf(sentence('bridge', 1)));
  });
});

describe('a post laid out as a table of lists', () => {
  it('reads the lists of a layout table whose items each carry a link, not only the lines around it', () => {
    const day = (name: string, items: string[]) =>
      `<tr><td><b>${name}</b></td><td><ul>${items.map((item) => `<li>We ${item} <a href="/news/${name}">the ferry timetable</a> for the winter months, with the night crossings.</li>`).join('')}</ul></td></tr>`;
    const html = page(`<div id="content"><div class="entry">
      <h1>The week in review</h1>
      <div class="entry-body">
        <p>Let us take a quick look at what happened around the harbour last week, day by day:</p>
        <table>${day('Monday', ['published', 'changed'])}${day('Wednesday', ['extended', 'printed', 'translated'])}${day('Friday', ['simplified'])}</table>
        <p>That is all for this week: see you next Monday, with the council's answer on the bridge.</p>
        ${paragraphs('harbour', 3)}
      </div></div></div>`);
    const text = read(html);
    expect(text).toContain('We translated the ferry timetable for the winter months');
    expect(text).toContain('We simplified the ferry timetable for the winter months');
  });
});

describe('a sublist written straight inside its list', () => {
  it('reads the items of a <ul> placed between the <li>s of another, as a browser shows them', () => {
    const html = page(`<div class="story"><h1>The bridge question</h1>
      ${paragraphs('bridge', 3)}
      <ul>
        <li>The council looked at three designs before the vote:</li>
        <ul>
          <li>a steel arch, the cheapest to build and the quickest, <a href="/arch.pdf">(plans)</a></li>
          <li>a stone viaduct, which the residents of the old quarter prefer</li>
        </ul>
        <li>The engineers will report again in the spring.</li>
      </ul>
      ${paragraphs('ferry', 2)}
    </div>`);
    const text = read(html);
    expect(text).toContain('The council looked at three designs before the vote:');
    expect(text).toContain('a steel arch, the cheapest to build and the quickest, (plans)');
    expect(text).toContain('a stone viaduct, which the residents of the old quarter prefer');
    expect(text).toContain('The engineers will report again in the spring.');
  });
});
