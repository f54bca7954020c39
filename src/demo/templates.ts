import { escapeUTF8 as escape } from 'entities';
import type { DemoArticle, DemoSite } from './content.js';

/** HTML and feeds for the demo sites, each in the markup style of a real theme. */
export interface DatedArticle extends DemoArticle {
  site: DemoSite;
  path: string;
  published: Date;
}

const offsetIso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function relatedFor(article: DatedArticle, all: DatedArticle[]): DatedArticle[] {
  const index = all.indexOf(article);
  const picks = [all[index - 2], all[index + 2]].filter((item): item is DatedArticle => Boolean(item));
  return picks.length ? picks : all.filter((item) => item !== article).slice(0, 1);
}

function paragraphsWithRelated(article: DatedArticle, all: DatedArticle[], label: string, wrap: (label: string) => string): string {
  const related = relatedFor(article, all);
  const out: string[] = [];
  article.paragraphs.forEach((text, index) => {
    if (article.subheading && index === article.paragraphs.length - 1) out.push(`<h2>${escape(article.subheading)}</h2>`);
    out.push(`<p>${escape(text)}</p>`);
    const link = related[index];
    if (link && index < article.paragraphs.length - 1) out.push(`<p>${wrap(label)} <a href="${link.path}">${escape(link.title)}</a></p>`);
  });
  return out.join('\n');
}

function head(site: DemoSite, title: string, extra = ''): string {
  return `<!DOCTYPE html><html lang="${site.lang}"><head><meta charset="utf-8"><title>${escape(title)} | ${escape(site.name)}</title>
<meta property="og:site_name" content="${escape(site.name)}">${extra}</head>`;
}

export function gazettePage(article: DatedArticle, all: DatedArticle[]): string {
  const index = all.indexOf(article);
  const previous = all[index - 1];
  const next = all[index + 1];
  const nav = `<div class="td-block-row td-post-next-prev">${previous ? `<div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Article précédent</span><a href="${previous.path}">${escape(previous.title)}</a></div></div>` : ''}${next ? `<div class="td-block-span6 td-post-next-post"><div class="td-post-next-prev-content"><span>Article suivant</span><a href="${next.path}">${escape(next.title)}</a></div></div>` : ''}</div>`;
  return `${head(article.site, article.title, `<meta property="article:published_time" content="${offsetIso(article.published)}"><link rel="alternate" type="application/rss+xml" title="${escape(article.site.name)}" href="/gazette/feed.xml">`)}
<body><div class="td-header-menu-wrap"><ul class="menu"><li><a href="/gazette/">Accueil</a></li><li><a href="/gazette/">Économie</a></li><li><a href="/gazette/">Culture</a></li></ul></div>
<div class="td-crumb-container"><div class="entry-crumbs"><span><a class="entry-crumb" href="/gazette/">Accueil</a></span> <span><a class="entry-crumb" href="/gazette/">${escape(article.section)}</a></span> <span class="td-bred-no-url-last">${escape(article.title)}</span></div></div>
<article class="post type-post"><header class="td-post-header"><h1 class="entry-title">${escape(article.title)}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name">Par <a href="/gazette/">${escape(article.author)}</a></div> <time class="entry-date" datetime="${offsetIso(article.published)}">${article.published.toLocaleDateString('fr-FR')}</time> <div class="td-post-views"><span>${(index + 3) * 17}</span></div></div></header>
<div class="td-post-sharing"><a href="https://www.facebook.com/sharer.php">Facebook</a> <a href="https://twitter.com/intent/tweet">Twitter</a></div>
<div class="td-post-content tagdiv-type">
${paragraphsWithRelated(article, all, 'Lire aussi :', (label) => `<strong>${label}</strong>`)}
<div class="td-a-rec"><span class="td-adspot-title">- Publicité -</span></div>
</div>
<footer>${nav}<div class="author-box-wrap"><div class="td-author-name">${escape(article.author)}</div><div class="td-author-description">Journaliste à la rédaction depuis dix ans.</div></div></footer></article>
<div class="td-footer-wrapper"><p>© ${escape(article.site.name)} — tous droits réservés</p></div></body></html>`;
}

export function harbourPage(article: DatedArticle, all: DatedArticle[]): string {
  const index = all.indexOf(article);
  const previous = all[index - 1];
  const next = all[index + 1];
  const links = `${previous ? `<div class="nav-previous"><a href="${previous.path}" rel="prev"><p class="meta-nav">Previous post</p><p class="post-title">${escape(previous.title)}</p></a></div>` : ''}${next ? `<div class="nav-next"><a href="${next.path}" rel="next"><p class="meta-nav">Next post</p><p class="post-title">${escape(next.title)}</p></a></div>` : ''}`;
  return `${head(article.site, article.title, `<link rel="alternate" type="application/atom+xml" title="${escape(article.site.name)}" href="/harbour/atom.xml">`)}
<body class="single"><header id="masthead"><p class="site-title"><a href="/harbour/">${escape(article.site.name)}</a></p><nav class="primary-navigation"><a href="/harbour/">Home</a> <a href="/harbour/">Local</a></nav></header>
<main id="main"><article class="post hentry entry"><header class="entry-header"><h1 class="entry-title">${escape(article.title)}</h1></header>
<div class="entry-content">
${paragraphsWithRelated(article, all, 'Read also:', (label) => `<em>${label}</em>`)}
<figure class="wp-block-image"><img src="${article.path}photo.jpg" alt="The harbour, photographed for this story" width="1200" height="800"><figcaption>${escape(article.section)}: a photograph by ${escape(article.author)}</figcaption></figure>
</div>
<footer class="entry-footer"><span class="posted-on">Published <time class="entry-date published" datetime="${offsetIso(article.published)}">${article.published.toDateString()}</time></span><span class="byline">By <a href="/harbour/" rel="author">${escape(article.author)}</a></span><span class="cat-links">Categorized as <a href="/harbour/" rel="category tag">${escape(article.section)}</a></span></footer></article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">${links}</div></nav></main>
<footer id="colophon"><p>Proudly powered by WordPress</p></footer></body></html>`;
}

export function carnetPage(article: DatedArticle, all: DatedArticle[]): string {
  const index = all.indexOf(article);
  const previous = all[index - 1];
  const next = all[index + 1];
  return `${head(article.site, article.title, `<meta property="article:published_time" content="${offsetIso(article.published)}">`)}
<body><div id="page"><div id="header"><h1><a href="/carnet/">${escape(article.site.name)}</a></h1></div>
<div id="content" class="widecolumn"><div class="navigation"><div class="alignleft">${previous ? `&laquo; <a href="${previous.path}" rel="prev">${escape(previous.title)}</a>` : ''}</div><div class="alignright">${next ? `<a href="${next.path}" rel="next">${escape(next.title)}</a> &raquo;` : ''}</div></div>
<div class="post hentry"><h2>${escape(article.title)}</h2><div class="entry">
${paragraphsWithRelated(article, all, 'Voir aussi :', (label) => label)}
<p class="postmetadata alt"><small>Publié par ${escape(article.author)} dans <a href="/carnet/" rel="category tag">${escape(article.section)}</a>.</small></p>
</div></div></div><div id="footer"><p>${escape(article.site.name)} est propulsé par WordPress</p></div></div></body></html>`;
}

export function notesPage(article: DatedArticle, all: DatedArticle[]): string {
  const index = all.indexOf(article);
  const previous = all[index - 1];
  const next = all[index + 1];
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: article.title,
    datePublished: offsetIso(article.published),
    author: { '@type': 'Person', name: article.author },
    articleSection: article.section,
  });
  return `${head(article.site, article.title, `<script type="application/ld+json">${ld}</script><link rel="alternate" type="application/feed+json" title="${escape(article.site.name)}" href="/notes/feed.json">`)}
<body><nav class="site-nav"><a href="/notes/">${escape(article.site.name)}</a></nav>
<main><article><h1>${escape(article.title)}</h1>
${paragraphsWithRelated(article, all, 'Related:', (label) => `<strong>${label}</strong>`)}
</article>
<div class="post-nav">${previous ? `<p><span>Previous post</span> <a href="${previous.path}">${escape(previous.title)}</a></p>` : ''}${next ? `<p><span>Next post</span> <a href="${next.path}">${escape(next.title)}</a></p>` : ''}</div></main></body></html>`;
}

export function siteIndex(site: DemoSite, articles: DatedArticle[], feedLink = ''): string {
  const items = [...articles]
    .reverse()
    .map(
      (article) =>
        `<div class="item"><h3 class="entry-title"><a href="${article.path}">${escape(article.title)}</a></h3><p>${escape(article.paragraphs[0] ?? '')}</p></div>`,
    );
  return `${head(site, site.name, feedLink)}<body><div class="menu"><a href="/${site.id}/">${escape(site.name)}</a></div><main>${items.join('\n')}</main></body></html>`;
}

export function rssFeed(site: DemoSite, articles: DatedArticle[], origin: string): string {
  const items = [...articles]
    .reverse()
    .map(
      (article) =>
        `<item><title>${escape(article.title)}</title><link>${origin}${article.path}</link><dc:creator>${escape(article.author)}</dc:creator><pubDate>${article.published.toUTCString()}</pubDate><description><![CDATA[${article.paragraphs[0] ?? ''}]]></description></item>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${escape(site.name)}</title><link>${origin}/${site.id}/</link><description>Démo kiosque</description>${items.join('')}</channel></rss>`;
}

export function atomFeed(site: DemoSite, articles: DatedArticle[], origin: string): string {
  const entries = [...articles]
    .reverse()
    .map(
      (article) =>
        `<entry><title>${escape(article.title)}</title><link href="${article.path.replace(`/${site.id}/`, '')}"/><id>${origin}${article.path}</id><updated>${offsetIso(article.published)}</updated><author><name>${escape(article.author)}</name></author><summary>${escape(article.paragraphs[0] ?? '')}</summary></entry>`,
    );
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="${origin}/${site.id}/"><title>${escape(site.name)}</title><id>${origin}/${site.id}/</id><updated>${offsetIso(articles.at(-1)?.published ?? new Date())}</updated>${entries.join('')}</feed>`;
}

export function jsonFeed(site: DemoSite, articles: DatedArticle[], origin: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: site.name,
    home_page_url: `${origin}/${site.id}/`,
    items: [...articles].reverse().map((article) => ({
      id: article.path,
      url: `${origin}${article.path}`,
      title: article.title,
      date_published: offsetIso(article.published),
      authors: [{ name: article.author }],
      summary: article.paragraphs[0],
    })),
  });
}
