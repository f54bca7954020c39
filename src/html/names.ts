/**
 * Tag and attribute names read from a page, lower-cased, one string per name for every page read:
 * a name is looked up by its characters in the page, so that the 160,000 "<li>" of a 5 MB page
 * make no string of their own (the tokenizer's slice, then its lower-cased copy, were a good part
 * of the garbage of reading a page), and the attributes' names come already internalized, as
 * object keys are (no look-up in V8's string table for each attribute stored).
 */
export class NameTable {
  /** Names by a hash of their lower-cased characters. */
  private buckets = new Map<number, string[]>();
  private size = 0;

  /** The name written in `html` from `start` to `end`, lower-cased as String.toLowerCase does. */
  read(html: string, start: number, end: number): string {
    let hash = end - start;
    for (let i = start; i < end; i++) {
      let c = html.charCodeAt(i);
      // Outside ASCII, lower-casing is Unicode's (it may change a name's length): left to the engine.
      if (c >= 0x80) return html.slice(start, end).toLowerCase();
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const bucket = this.buckets.get(hash);
    if (bucket !== undefined) {
      for (const name of bucket) if (sameName(name, html, start, end)) return name;
    }
    const name = internalized(html.slice(start, end).toLowerCase());
    // Kept for every page read after: bounded, so that pages of made-up names cannot grow it for ever,
    // and a few to a hash, so that names made to share one (the hash is no secret) cannot make each
    // look-up a walk of thousands: past that, such a name is a string of its own, as before the table.
    if (this.size < MAX_NAMES && (bucket === undefined || bucket.length < MAX_PER_HASH)) {
      this.size++;
      if (bucket === undefined) this.buckets.set(hash, [name]);
      else bucket.push(name);
    }
    return name;
  }
}

const MAX_NAMES = 20_000;
const MAX_PER_HASH = 8;

/** Whether `name` (lower-cased ASCII) is what `html` holds from `start` to `end`, case aside. */
function sameName(name: string, html: string, start: number, end: number): boolean {
  if (name.length !== end - start) return false;
  for (let i = start, j = 0; i < end; i++, j++) {
    let c = html.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== name.charCodeAt(j)) return false;
  }
  return true;
}

/** The engine's own copy of a string, as property keys are kept: compared by address, stored as a key without a look-up. */
function internalized(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}
