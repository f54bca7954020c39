// Which elements are blocks, apart from src/html/dom.ts: reading a feed's HTML as text (src/html/text.ts)
// needs only this, so a reload of feeds loads no css-select.
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'ul',
  'caption',
  'center',
  'summary',
  'body',
  'html',
]);

/** Whether an element of this (lower-case) name is a block: its edges part words when read as text. */
export function isBlockName(name: string): boolean {
  return BLOCK_TAGS.has(name);
}

/** Elements whose content is never read as text (code, styles, fallbacks and templates a browser does not show). */
export const UNREAD_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template']);
