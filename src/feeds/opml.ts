import { generateOpml, parseOpml } from 'feedsmith';
import { parseDocument } from 'htmlparser2';
import { KiosqueError } from '../errors.js';
import type { SourceEntry } from './types.js';
import { cleanInline, stripControls } from '../text/sanitize.js';
import { withoutDoctype } from './xml-feed.js';
import { webUrl } from '../text/url.js';

type Outline = Record<string, unknown> & { text?: string; xmlUrl?: string; htmlUrl?: string; title?: string; outlines?: Outline[] };

/** Attributes with a meaning of their own in a source entry; every other one is kept in `attributes`. */
const OWN = new Set(['text', 'xmlUrl', 'htmlUrl', 'outlines']);
/** An XML attribute name (letters, digits, _ . : -, not starting with a digit, dot or hyphen). */
const XML_NAME = /^[\p{L}_:][\p{L}\p{N}_.:-]*$/u;

/** Every attribute name used on an outline, so feedsmith keeps the ones it does not know (other readers add their own). */
function outlineAttributeNames(xml: string): string[] {
  const names = new Set<string>();
  const visit = (node: { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }) => {
    if (node.name === 'outline' && node.attribs) for (const name of Object.keys(node.attribs)) names.add(name);
    for (const child of node.children ?? []) visit(child as typeof node);
  };
  visit(parseDocument(xml, { xmlMode: true }));
  return [...names];
}

function asString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toUTCString();
  // Outline attributes are strings, numbers or booleans; anything else is not an attribute to keep.
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * The feeds of an OPML file as sources, in document order. Folders (outlines
 * without a feed) become the sources' group, nested folders a path; attributes
 * kiosque does not use are kept for export.
 */
export function sourcesFromOpml(text: string): { title: string | undefined; sources: SourceEntry[] } {
  const xml = withoutDoctype(text.replace(/^\uFEFF/, '').trimStart());
  let document: ReturnType<typeof parseOpml>;
  try {
    document = parseOpml(xml, { extraOutlineAttributes: outlineAttributeNames(xml) });
  } catch (error) {
    throw new KiosqueError('BAD_FEED', 'This file is not an OPML subscription list.', { cause: error });
  }
  const sources: SourceEntry[] = [];
  const seen = new Set<string>();
  const walk = (outlines: Outline[] | undefined, group: string[]) => {
    for (const outline of outlines ?? []) {
      // Addresses as the URL parser writes them: a control character in a path is percent-encoded, one in a host
      // makes the address invalid; the raw attribute, whatever it holds, is never what is stored.
      const xmlUrl = webUrl(outline.xmlUrl);
      if (xmlUrl) {
        if (seen.has(xmlUrl)) continue;
        seen.add(xmlUrl);
        const title = cleanInline(outline.text ?? outline.title ?? '') || undefined;
        const htmlUrl = webUrl(outline.htmlUrl);
        const attributes: Record<string, string> = {};
        for (const [name, value] of Object.entries(outline)) {
          const kept = asString(value);
          if (OWN.has(name) || kept === undefined) continue;
          if (name === 'title' && kept === outline.text) continue;
          // Kept attributes are stored and printed by `sources list --json`, names included: clean both, and
          // keep only names that are XML names once cleaned, so that export writes a well-formed file.
          const cleanName = stripControls(name);
          if (!XML_NAME.test(cleanName)) continue;
          attributes[cleanName] = stripControls(kept);
        }
        sources.push({
          url: xmlUrl,
          ...(title ? { title } : {}),
          ...(group.length ? { group } : {}),
          ...(htmlUrl ? { htmlUrl } : {}),
          ...(Object.keys(attributes).length ? { attributes } : {}),
        });
      } else if (outline.outlines?.length) {
        const name = cleanInline(outline.text ?? outline.title ?? '');
        walk(outline.outlines, name ? [...group, name] : group);
      }
    }
  };
  walk(document.body?.outlines, []);
  const title = document.head?.title === undefined ? undefined : cleanInline(document.head.title) || undefined;
  return { title, sources };
}

/** Sources as OPML 2.0, folders rebuilt from the groups, kept attributes written back. */
export function sourcesToOpml(sources: SourceEntry[], title = 'kiosque sources'): string {
  const root: Outline[] = [];
  const folders = new Map<string, Outline>();
  const folderFor = (group: string[]): Outline[] => {
    let children = root;
    for (let depth = 0; depth < group.length; depth++) {
      const key = JSON.stringify(group.slice(0, depth + 1));
      let folder = folders.get(key);
      if (!folder) {
        folder = { text: group[depth] ?? '', outlines: [] };
        folders.set(key, folder);
        children.push(folder);
      }
      children = folder.outlines as Outline[];
    }
    return children;
  };
  const extra = new Set<string>();
  for (const source of sources) {
    const attributes: Record<string, unknown> = { ...source.attributes };
    for (const name of Object.keys(attributes)) extra.add(name);
    folderFor(source.group ?? []).push({
      // kiosque's own sources say they are feeds; imported ones keep exactly what they had.
      ...(source.attributes ? {} : { type: 'rss' }),
      ...attributes,
      text: source.title ?? source.url,
      xmlUrl: source.url,
      ...(source.htmlUrl ? { htmlUrl: source.htmlUrl } : {}),
    });
  }
  return generateOpml({ head: { title }, body: { outlines: root } }, { extraOutlineAttributes: [...extra] }) + '\n';
}
