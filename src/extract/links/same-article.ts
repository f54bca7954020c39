/**
 * Whether an address is another page of the same article or list (page 2 of 3, comments page
 * 2), told by the address alone: a page marker ("/2/", "?page=2", "-p2.html", "/seite-2",
 * "_story_1.html") on what is otherwise the page's own address. Such a link is pagination,
 * never the next article.
 */
export function isOtherPageOfSame(candidate: string, pageUrl: string): boolean {
  const other = withoutPageMarker(candidate);
  const self = withoutPageMarker(pageUrl);
  if (!other || !self) return false;
  if (!other.marked && !self.marked) return false;
  // Same address once the marker is gone, or at least the same last words (a paginated copy may
  // live under another folder, /Mind-Matters/slug → /ideas/slug?page=2, or be read from another host).
  return other.key === self.key || (other.slug !== '' && other.slug === self.slug);
}

const QUERY_PAGE = /^(?:page|paged|pg|p|seite|pagina|strona|start|comments?_?page|cpage)$/i;

interface Unmarked {
  key: string;
  slug: string;
  marked: boolean;
}

function withoutPageMarker(address: string): Unmarked | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  let marked = false;
  for (const key of [...url.searchParams.keys()]) {
    if (QUERY_PAGE.test(key) && /^\d{1,3}$/.test(url.searchParams.get(key) ?? '')) {
      url.searchParams.delete(key);
      marked = true;
    }
  }
  let path = url.pathname.replace(/\/+$/, '');
  const unmarked = path
    // /slug/2, /slug/page/2, /slug/seite-2
    .replace(/\/(?:(?:page|seite|pagina|página|strona|part|teil)[-/]?)?\d{1,3}$/i, '')
    // slug-p2.html, slug_2.html, slug_story_1.html, slug-2.htm (a number of one to three digits)
    .replace(/(?:[-_](?:p|page|seite|teil))?[-_]\d{1,3}(\.s?html?|\.php|\.aspx?)$/i, '$1')
    .replace(/-p\d{1,3}(\.s?html?)$/i, '$1');
  if (unmarked !== path) {
    marked = true;
    path = unmarked;
  }
  const slug = (path.split('/').pop() ?? '').replace(/\.\w+$/, '');
  return { key: `${url.host.toLowerCase()}${path}${url.search}`, slug: slug.length >= 8 ? slug : '', marked };
}
