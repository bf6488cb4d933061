import { decodeBytes } from './charset.ts';
import { decodeEncodedWords } from './encoded-words.ts';

/**
 * The top-level header block, read by us rather than by mailparser: raw 8-bit headers (GBK
 * straight from a Chinese client) keep their bytes here, and we decode them with our policy.
 */
export interface RawHeader {
  /** lower-cased field name */
  name: string;
  /** unfolded value as bytes-in-a-string (latin1), 8-bit bytes and encoded words untouched */
  raw: string;
}

/** Where the header block ends: the offset of the body, or the length when there is none. */
export function bodyOffset(raw: Buffer): number {
  if (raw[0] === 0x0a) return 1;
  if (raw[0] === 0x0d && raw[1] === 0x0a) return 2;
  const crlf = raw.indexOf('\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf === -1 && lf === -1) return raw.length;
  if (lf === -1 || (crlf !== -1 && crlf < lf)) return crlf + 3;
  return lf + 2;
}

export function readHeaderBlock(raw: Buffer): RawHeader[] {
  const block = raw.subarray(0, bodyOffset(raw)).toString('latin1');
  const headers: RawHeader[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const current = headers.at(-1);
    if (/^[ \t]/.test(line)) {
      // Folding: the line break goes, the whitespace stays (RFC 5322 §2.2.3).
      if (current) current.raw += line;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    // Not a field (an mbox "From " line, garbage): a name is printable ASCII without spaces.
    if (!/^[!-9;-~]+$/.test(name)) continue;
    headers.push({ name: name.toLowerCase(), raw: line.slice(colon + 1).replace(/^[ \t]+/, '') });
  }
  return headers;
}

/** Raw header bytes (latin1 string) to text: 8-bit bytes by our charset sniff, words left. */
export function decodeRawBytes(raw: string): string {
  return /[\x80-\xff]/.test(raw) ? decodeBytes(Buffer.from(raw, 'latin1'), null) : raw;
}

/** A header value as a person reads it: 8-bit bytes and RFC 2047 words decoded, unfolded. */
export function headerText(raw: string): string {
  return decodeEncodedWords(decodeRawBytes(raw)).replace(/[\r\n]+/g, '').trim();
}

export function headerMap(headers: RawHeader[]): Record<string, string[]> {
  const map: Record<string, string[]> = Object.create(null);
  for (const header of headers) (map[header.name] ??= []).push(headerText(header.raw));
  return map;
}

/** Message ids from Message-ID, In-Reply-To or References values, without <>, in order. */
export function messageIds(values: string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => m[1]);
    // Some clients drop the brackets; then any token that looks like an id counts.
    const found = bracketed.length ? bracketed : value.split(/[\s,]+/).filter((token) => token.includes('@'));
    for (const id of found) {
      const clean = id.replace(/\s+/g, '').replace(/^<|>$/g, '');
      if (clean && !ids.includes(clean)) ids.push(clean);
    }
  }
  return ids;
}
