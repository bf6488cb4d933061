import { decodeBytes } from './charset.ts';
import { bodyOffset, readHeaderBlock, type RawHeader } from './header-block.ts';
import { htmlToPlainText } from './html-text.ts';
import { transferDecode } from './transfer-encoding.ts';

/**
 * A small synchronous MIME reader for the messages *inside* a message (an attached .eml, the
 * original of a bounce): their headers and readable text, without a second full parse.
 * It reads what well-formed mail holds; anything stranger simply yields less text.
 */
export interface InnerMessage {
  headers: RawHeader[];
  text: string;
}

export function readInnerMessage(raw: Buffer): InnerMessage {
  const headers = readHeaderBlock(raw);
  return { headers, text: textOf(headers, raw.subarray(bodyOffset(raw)), 0).trim() };
}

/** A structured header value (`text/plain; charset="gbk"`) split into its value and params. */
export function structuredValue(raw: string | undefined): { value: string; params: Record<string, string> } {
  const [value = '', ...rest] = (raw ?? '').split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { value: value.trim().toLowerCase(), params };
}

function textOf(headers: RawHeader[], body: Buffer, depth: number): string {
  const first = (name: string) => headers.find((header) => header.name === name)?.raw;
  const type = structuredValue(first('content-type') || 'text/plain');
  const disposition = structuredValue(first('content-disposition')).value;
  if (type.value.startsWith('multipart/')) {
    if (depth > 8 || !type.params.boundary) return '';
    const parts = splitParts(body, type.params.boundary).map((part) => ({
      headers: readHeaderBlock(part),
      body: part.subarray(bodyOffset(part)),
    }));
    if (type.value === 'multipart/alternative') {
      // The plain alternative when there is one, else whatever reads.
      const plain = parts.find((part) => structuredValue(part.headers.find((h) => h.name === 'content-type')?.raw).value === 'text/plain');
      const chosen = plain ? [plain] : parts;
      for (const part of chosen) {
        const text = textOf(part.headers, part.body, depth + 1);
        if (text.trim()) return text;
      }
      return '';
    }
    return parts
      .map((part) => textOf(part.headers, part.body, depth + 1))
      .filter((text) => text.trim())
      .join('\n\n');
  }
  if (disposition === 'attachment' || (type.value !== 'text/plain' && type.value !== 'text/html')) return '';
  const encoding = first('content-transfer-encoding') ?? '';
  const text = decodeBytes(transferDecode(body, encoding), type.params.charset ?? null).replace(/\r\n?/g, '\n');
  return type.value === 'text/html' ? htmlToPlainText(text) : text;
}

function splitParts(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let current: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(delimiter)) {
      if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
      const closing = line.slice(delimiter.length).startsWith('--');
      current = closing ? null : [];
      if (closing) break;
      continue;
    }
    current?.push(line);
  }
  // A message cut off before its closing delimiter still gives its last part.
  if (current) parts.push(Buffer.from(current.join('\r\n'), 'latin1'));
  return parts;
}
