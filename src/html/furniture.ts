/**
 * The vocabulary of page furniture: what, in a news or blog page, is not the
 * text a reader came for (menus, share bars, ads, promos, comment threads,
 * author boxes, related-post rails, pagers), by tag, ARIA role, class / id and
 * whole line of text. The article extractor and the headline finder for sites
 * without a feed read these same words; a new theme's furniture is taught here,
 * once, and measured on every corpus (npm run bench).
 *
 * Class and id patterns are matched against `classAndId(element)` (both
 * lower-cased, space-separated; empty when the element has neither).
 */

/** Elements that never hold article text: scripts, embeds, form controls, media players. */
export const NEVER_TEXT_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'button',
  'input',
  'select',
  'textarea',
  'link',
  'meta',
  'object',
  'embed',
  'canvas',
  'dialog',
  'label',
  'option',
  'math',
  'video',
  'audio',
]);

/** Page furniture by its tag, unless a (badly built) page wraps its article in one. */
export const FURNITURE_TAGS: ReadonlySet<string> = new Set(['form', 'nav', 'aside', 'footer']);

/** ARIA roles of landmarks and widgets that are not the article. */
export const FURNITURE_ROLES: ReadonlySet<string> = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'menu',
  'menubar',
  'alert',
  'alertdialog',
  'dialog',
  'search',
]);

/** Class / id of a container that is unlikely to be the article (removed before scoring unless CONTENT_HINT also matches). */
export const UNLIKELY_CONTAINER =
  /-ad-|\bads?\b|adsbygoogle|advert|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|cookie|consent|newsletter|subscribe|promo|author-box|author-bio|masthead|(?:^|\s)(?:site-|page-)?header(?:\s|$)|navbar|toolbar|login|signup|td-a-rec|outbrain|taboola|trending|most-?popular|recirc|modal|overlay|paywall/;

/** Class / id words that may name the article's own container, which keep an UNLIKELY_CONTAINER match in. */
export const CONTENT_HINT = /and|article|body|column|content|main|shadow|story|entry|post-|text/;

/** Class / id words that raise a container's score as the article body. */
export const POSITIVE_CLASS = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose/;

/** Class / id words that lower a container's score as the article body. */
export const NEGATIVE_CLASS =
  /-ad-|hidden|\bhid\b|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption|byline|author|credit/;

/** Inside the chosen body: class / id of parts that are furniture, not text (unless ARTICLE_BODY_CLASS matches). */
export const FURNITURE_CLASS =
  /\b(?:td-a-rec|adsbygoogle|advert\w*|ad-container|ad-slot|ad-wrapper|share\w*|sharing|social\w*|sharedaddy|related\w*|jp-relatedposts|yarpp-related|author-box\w*|author-bio|about-author|newsletter\w*|subscribe\w*|promo\w*|tags|tag-links|post-tags|td-post-source-tags|wp-caption-text|caption|credit|figcaption|comments?|respond|page-links|post-navigation|content-nav|trackbacks?|pingbacks?|td-post-next-prev|inline-related|read-more|postmetadata|post-meta|entry-meta|embed-\w*|print\w*|noprint|sr-only|visually-hidden|screen-reader-text)\b/;

/** The article body's own class, which a FURNITURE_CLASS word inside it (e.g. "share-content") does not cancel. */
export const ARTICLE_BODY_CLASS = /\b(?:article|entry|post)-(?:content|body)\b/;

/** Inside the chosen body: elements skipped with what they hold (pictures and captions, asides, page chrome). */
export const SKIPPED_TAGS: ReadonlySet<string> = new Set([
  'figure',
  'figcaption',
  'img',
  'picture',
  'aside',
  'nav',
  'footer',
  'header',
  'button',
  'form',
  'hr',
]);

/** A blockquote holding a social-network post embed, not a quotation. */
export const SOCIAL_EMBED_CLASS = /twitter|instagram|tiktok/;

/** Whole lines that a page leaves inside the text but no reader wants. */
export const FURNITURE_LINE =
  /^(?:-?\s*(?:publicité|advertisement|advertisment|anzeige|publicidad|pubblicità|publicitate|sponsored|werbung)\s*-?|share this:?|partager(?: cet article)?\s*:?|continue reading|lire la suite|read more|sign up.*newsletter.*|click here.*|\(?photo\s*:.*)$/i;

/**
 * A whole short line of the body that is the site's copyright notice, not the article's text
 * (class 7; bylines and date stamps are kept: people marking article text keep them as often as not).
 */
export const COPYRIGHT_LINE = /^(?:(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\.?)$/iu;

/** Class / id of the pager of a paginated article or list, whose "next" is the next page, not the next article. */
export const PAGINATION_CLASS = /\b(?:page-links|pagination|pager|page-nav|pagenav|wp-pagenavi|nav-links-pages)\b/;

/** Tags of page chrome whose links are never a site's headlines. */
export const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'aside', 'footer', 'header']);

/** Class / id of page chrome whose links are never a site's headlines (menus, sidebars, pagers, share bars). */
export const CHROME_CLASS =
  /\b(?:sidebar|widget|footer|menu|nav|breadcrumb|crumbs|pagination|page-nav|pager|social|share|cookie|td-ss-main-sidebar|td_block_social_counter)\b/;

/**
 * Class / id of a box of further reading by its name (related posts, "même sujet", similar
 * posts, see also, suggested reading). A hint only: what the box's own heading says decides
 * (src/extract/related/named-boxes.ts), since themes reuse these names for latest-posts and tag lists.
 */
export const RELATED_BOX_CLASS =
  /(?:^|[^a-z])(?:related|relatedposts|yarpp|jp-relatedposts|meme[-_]?sujet|similar|see-?also|read-?also|lire-?aussi|suggest(?:ed)?[-_]?reading)(?:[^a-z]|$)/;

/** Class / id of sponsored-content and recommendation-network widgets (Taboola, Outbrain…), never the site's own further reading. */
export const SPONSORED_WIDGET_CLASS = /taboola|\btrc_|outbrain|\bob-widget|zergnet|revcontent|\bmgid|sponsor|partner|promoted/;

/** Class / id of the site's bars and menus (a top bar's "related" dropdown is a site-wide promo, not this article's further reading). */
export const MENU_BAR_CLASS =
  /(?:^|[^a-z])(?:topbar|top-bar|navbar|nav-bar|main-nav|site-nav|menu|mega-?menu|masthead|site-header|global-header|breadcrumbs?)(?:[^a-z]|$)/;

/** Class / id of a block of latest, popular, section, author or promotional links: a "related" list inside one is not this article's further reading. */
export const NOT_RELATED_BLOCK_CLASS =
  /(?:^|[^a-z])(?:latest|recent|newest|popular|most-?(?:read|viewed|shared|popular|commented)|trending|top-?stories|more-from|author|promo|comments?)(?:[^a-z]|$)/;

/** Class / id of a paywall's prompt or container (Piano, Poool, metered walls, "subscriber only" blocks). */
export const PAYWALL_CLASS =
  /paywall|pay-wall|piano|poool|tp-modal|tp-container|subscriber-?only|subscribers-?only|premium-?(?:wall|banner|block|prompt|content-?cta)|regwall|reg-wall|meter(?:ed)?-?(?:wall|prompt)|article-?locked|locked-?content|abo-?teaser|paid-?content-?(?:cta|prompt)/;

/** Class / id of a consent manager's wall or banner (Didomi, OneTrust, Cookiebot, Sourcepoint, Quantcast, Usercentrics, TrustArc, IAB CMPs). */
export const CONSENT_MANAGER_CLASS =
  /didomi|onetrust|cookiebot|cybotcookiebot|sp_message|qc-cmp|cmpbox|cmp-?(?:container|wrapper|banner|dialog)|usercentrics|fc-consent|truste|trustarc|iubenda|consent-?(?:wall|banner|modal|manager|overlay|dialog|popup)|cookie-?(?:wall|consent|banner|notice|modal)|gdpr-?(?:wall|consent|banner|modal)|privacy-?wall/;
