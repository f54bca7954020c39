import { attr, type Document, elementsByTag, rawTextOf } from './dom.js';
import { isWebUrl } from '../text/url.js';

type JsonObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(?:\w+)?(?:Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report)$/;

/** The JSON-LD objects of a page, with @graph flattened and @id references resolvable. */
export class JsonLd {
  readonly objects: JsonObject[] = [];
  private readonly byId = new Map<string, JsonObject>();

  constructor(document: Document) {
    for (const script of elementsByTag(document, 'script').filter(
      (element) => attr(element, 'type')?.toLowerCase() === 'application/ld+json',
    )) {
      let data: unknown;
      try {
        data = JSON.parse(
          // The script's own text: textOf leaves scripts out.
          rawTextOf(script)
            .trim()
            .replace(/^<!--|-->$/g, ''),
        );
      } catch {
        continue; // Broken JSON-LD is common; the page's other metadata still works.
      }
      this.collect(data, 0);
    }
  }

  private collect(value: unknown, depth: number): void {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, depth + 1);
      return;
    }
    const object = value as JsonObject;
    if (Array.isArray(object['@graph'])) this.collect(object['@graph'], depth + 1);
    if (object['@type'] !== undefined) this.objects.push(object);
    if (typeof object['@id'] === 'string') this.byId.set(object['@id'], object);
  }

  resolve(value: unknown): JsonObject | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const object = value as JsonObject;
    const id = object['@id'];
    if (typeof id === 'string' && Object.keys(object).length === 1) return this.byId.get(id) ?? object;
    return object;
  }

  ofType(pattern: RegExp): JsonObject[] {
    return this.objects.filter((object) => types(object).some((type) => pattern.test(type)));
  }

  article(): JsonObject | undefined {
    return this.ofType(ARTICLE_TYPES)[0];
  }

  /** Names of a Person/Organization value (string, object, @id ref or array of them). */
  names(value: unknown): string[] {
    const list = Array.isArray(value) ? value : [value];
    const out: string[] = [];
    for (const item of list) {
      if (typeof item === 'string') out.push(item);
      else {
        const name = this.resolve(item)?.['name'];
        if (typeof name === 'string') out.push(name);
      }
    }
    return out.filter((name) => name.trim() && !isWebUrl(name));
  }
}

export function types(object: JsonObject): string[] {
  const type = object['@type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((item): item is string => typeof item === 'string');
  return [];
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
