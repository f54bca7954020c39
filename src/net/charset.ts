import { isAscii, isUtf8 } from 'node:buffer';
import type WhatwgEncoding from 'whatwg-encoding';

/** A body decoded to text, and the encoding it was read in. */
export interface DecodedBody {
  text: string;
  /** WHATWG name of the encoding used, e.g. "UTF-8", "windows-1252". */
  charset: string;
}

const SNIFF_BYTES = 4096;

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return match?.[1];
}

/** The charset a document declares about itself in its first bytes. */
export function sniffDeclaredCharset(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1];
  const metaCharset = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return metaCharset?.[1];
}

/**
 * The WHATWG labels of UTF-8 (tests/net.test.ts decodes under every UTF-8 label of whatwg-encoding's
 * table). Most of the web is UTF-8, and Node decodes it correctly itself: whatwg-encoding
 * and iconv-lite's tables load only for a page in another encoding.
 */
const UTF8_LABELS = new Set(['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']);

let encodings: Promise<typeof WhatwgEncoding> | undefined;
function loadEncodings(): Promise<typeof WhatwgEncoding> {
  encodings ??= import('whatwg-encoding').then((module) => module.default);
  return encodings;
}

async function knownEncoding(label: string | undefined): Promise<string | undefined> {
  if (!label) return undefined;
  if (UTF8_LABELS.has(label.trim().toLowerCase())) return 'UTF-8';
  const whatwgEncoding = await loadEncodings();
  const name = whatwgEncoding.labelToName(label);
  return name && whatwgEncoding.isSupported(name) ? name : undefined;
}

function bomEncoding(bytes: Uint8Array): 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'UTF-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'UTF-16BE';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'UTF-16LE';
  return undefined;
}

async function decodeAs(bytes: Uint8Array, charset: string): Promise<string> {
  // Node's own decoder is right for UTF-8 (BOM dropped, bad bytes replaced), not for windows-1252.
  if (charset === 'UTF-8') return new TextDecoder('utf-8').decode(bytes);
  return (await loadEncodings()).decode(bytes, charset);
}

/**
 * Decodes a response body the way a browser would (WHATWG Encoding): BOM first,
 * then the HTTP `charset`, then a `<meta charset>` / `http-equiv` or an XML
 * prolog found in the first bytes, else UTF-8. Labels go through the WHATWG
 * label table, so "iso-8859-1" and "latin1" decode as windows-1252, and the
 * decoder (iconv-lite) maps 0x80–0x9F to ’ € œ … rather than to C1 controls.
 */
export async function decodeBody(bytes: Uint8Array, contentType?: string): Promise<DecodedBody> {
  const bom = bomEncoding(bytes);
  let charset = bom ?? (await knownEncoding(charsetFromContentType(contentType)));
  if (!charset) {
    // ASCII-compatible sniff: declarations are plain ASCII in every encoding we support.
    const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
    charset = await knownEncoding(sniffDeclaredCharset(head));
    // A page that claims UTF-16 in a <meta> is in fact ASCII-compatible (HTML spec).
    if (charset === 'UTF-16LE' || charset === 'UTF-16BE') charset = 'UTF-8';
  }
  charset ??= 'UTF-8';
  if (charset !== 'UTF-8' && readsAsUtf8(bytes, charset)) charset = 'UTF-8';
  const text = await decodeAs(bytes, charset);
  if (charset === 'UTF-8' && !bom && looksMislabelled(text)) {
    // Said (or taken to be) UTF-8, but not one multi-byte character in it decodes: an old
    // windows-1252 page under a wrong label, the commonest mislabel on the web.
    return { text: await decodeAs(bytes, 'windows-1252'), charset: 'windows-1252' };
  }
  return { text, charset };
}

/**
 * The body's charset now, its text on first use: a feed whose reading is kept with it (a warm start)
 * is never decoded at all. Decided without decoding for the commonest body, valid UTF-8 said or taken
 * to be UTF-8 (no mislabel possible: nothing would decode to U+FFFD); any other is decoded now, as
 * decodeBody does, to the same text and charset.
 */
export async function decodeLater(bytes: Uint8Array, contentType?: string): Promise<{ charset: string; text: () => string }> {
  if (!bomEncoding(bytes) && isUtf8(bytes) && indexOfReplacement(bytes) < 0) {
    let charset = await knownEncoding(charsetFromContentType(contentType));
    if (!charset) {
      const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
      charset = await knownEncoding(sniffDeclaredCharset(head));
      if (charset === 'UTF-16LE' || charset === 'UTF-16BE') charset = 'UTF-8';
    }
    if ((charset ?? 'UTF-8') === 'UTF-8') {
      let text: string | undefined;
      return { charset: 'UTF-8', text: () => (text ??= new TextDecoder('utf-8').decode(bytes)) };
    }
  }
  const decoded = await decodeBody(bytes, contentType);
  return { charset: decoded.charset, text: () => decoded.text };
}

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');
const indexOfReplacement = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(REPLACEMENT);

/**
 * Declared in a legacy ASCII-compatible encoding (windows-1252, GBK, Shift_JIS...), yet every byte
 * reads as UTF-8 and some characters take several bytes: a page re-encoded as UTF-8 under its old
 * label (a site moved to a UTF-8 database, a server's default charset, a page saved by a tool). Text
 * really in a legacy encoding almost never forms valid UTF-8 sequences (é in windows-1252 is one
 * byte, 0xE9, which UTF-8 must follow by two continuation bytes), so the bytes outrank the label.
 */
function readsAsUtf8(bytes: Uint8Array, charset: string): boolean {
  if (charset === 'UTF-16LE' || charset === 'UTF-16BE') return false;
  return !isAscii(bytes) && isUtf8(bytes);
}

/** Replacement characters and no correctly decoded non-ASCII text at all. */
function looksMislabelled(text: string): boolean {
  if (!text.includes('\uFFFD')) return false;
  return !/[^\u0000-\u007F\uFFFD]/.test(text);
}

/**
 * Where decodeBody took a body's encoding from, in words, for `kiosque doctor`: decided by the same
 * steps in the same order (byte order mark, the HTTP header, a declaration in the document, the
 * UTF-8 default, and the windows-1252 fallback for a page mislabelled as UTF-8).
 */
export async function charsetOrigin(bytes: Uint8Array, contentType: string | undefined, decoded: DecodedBody): Promise<string> {
  if (bomEncoding(bytes)) return 'a byte order mark';
  const header = charsetFromContentType(contentType);
  const head = Buffer.from(bytes.subarray(0, SNIFF_BYTES)).toString('latin1');
  const declared = sniffDeclaredCharset(head);
  const known = await knownEncoding(declared);
  const said = (await knownEncoding(header)) ?? known ?? 'UTF-8';
  if (decoded.charset === 'windows-1252' && said === 'UTF-8')
    return 'a fallback: declared or taken as UTF-8, but no character decoded as UTF-8';
  if (decoded.charset === 'UTF-8' && said !== 'UTF-8' && said !== 'UTF-16LE' && said !== 'UTF-16BE')
    return `the bytes: declared "${header ?? declared}", but every byte reads as UTF-8`;
  if (await knownEncoding(header)) return `the HTTP Content-Type header (charset=${header})`;
  if (known && decoded.charset === known) return `a declaration in the page (${declared})`;
  if (known && decoded.charset === 'UTF-8') return `a declaration in the page (${declared}), read as UTF-8 as the HTML standard says`;
  return header || declared
    ? `the UTF-8 default (the declared "${header ?? declared}" is not a known encoding)`
    : 'the UTF-8 default (nothing declared)';
}
