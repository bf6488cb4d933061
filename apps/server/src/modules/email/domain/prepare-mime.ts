import { Splitter } from '@zone-eu/mailsplit';
import type { SplitterChunk } from '@zone-eu/mailsplit';
import { decodeBytes, isAscii, normalizeLabel } from './charset.ts';
import { transferDecode } from './transfer-encoding.ts';

export interface PreparedMime {
  /** the message with every body text part in UTF-8; the input itself when nothing changed */
  raw: Buffer;
  /** attachment names sent as raw 8-bit bytes, read with our charset sniff, by IMAP part id */
  fileNames: Map<string, string>;
}

/**
 * Rewrites every body text part (text/plain and text/html that is not an attachment) of a raw
 * message as UTF-8, decoded with our charset policy (charset.ts), and leaves every other byte
 * as it was. mailparser then reads only UTF-8 text, so its own charset handling (which refuses
 * UTF-7, reads unlabelled 8-bit text as UTF-8 and GB2312 as GBK) never decides what a customer
 * wrote. Uses the same splitter as mailparser, with the same options, so both see one tree.
 * It also reads attachment names that a client wrote as raw GBK bytes (mailparser sees one
 * latin1 character per byte there) and hands them back by part id.
 */
export async function prepareMime(raw: Buffer): Promise<PreparedMime> {
  const chunks = await split(raw);
  const out: Buffer[] = [];
  const fileNames = new Map<string, string>();
  let changed = false;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (chunk.type !== 'node') {
      out.push(chunk.value);
      continue;
    }
    if (!isBodyText(chunk)) {
      const headers = chunk.getHeaders();
      const name = chunk.filename ? eightBitName(chunk.filename, headers) : null;
      if (name) fileNames.set(partId(chunk), name);
      out.push(headers);
      continue;
    }
    const body: Buffer[] = [];
    while (i + 1 < chunks.length && chunks[i + 1].type === 'body' && (chunks[i + 1] as { node: MimeNode }).node === chunk) {
      body.push((chunks[i + 1] as { value: Buffer }).value);
      i++;
    }
    const encoded = Buffer.concat(body);
    const bytes = transferDecode(encoded, chunk.encoding || '');
    if (!needsRewrite(bytes, chunk.charset || null)) {
      out.push(chunk.getHeaders(), encoded);
      continue;
    }
    changed = true;
    chunk.setCharset('utf-8');
    (chunk.headers as unknown as { update(key: string, value: string): void }).update('Content-Transfer-Encoding', 'base64');
    out.push(chunk.getHeaders(), base64Lines(Buffer.from(decodeBytes(bytes, chunk.charset || null), 'utf8')));
  }
  return { raw: changed ? Buffer.concat(out) : raw, fileNames };
}

type MimeNode = Extract<SplitterChunk, { type: 'node' }>;

async function split(raw: Buffer): Promise<SplitterChunk[]> {
  // ignoreEmbedded: an attached message stays one opaque part, as parse.ts asks mailparser.
  const splitter = new Splitter({ ignoreEmbedded: true });
  splitter.end(raw);
  const chunks: SplitterChunk[] = [];
  for await (const chunk of splitter as AsyncIterable<SplitterChunk>) chunks.push(chunk);
  return chunks;
}

/** mailparser's part id: the IMAP part number without its TEXT markers. */
function partId(node: MimeNode): string {
  return (node.partNr || []).filter((nr: number | 'TEXT') => typeof nr === 'number').join('.');
}

/**
 * A name from a header block holding raw 8-bit bytes, when those bytes reached us as latin1
 * characters (valid UTF-8 is already read as such by the splitter).
 */
function eightBitName(name: string, headerBytes: Buffer): string | null {
  if (isAscii(headerBytes) || !/[\x80-\xff]/.test(name) || /[^\x00-\xff]/.test(name)) return null;
  const decoded = decodeBytes(Buffer.from(name, 'latin1'), null);
  return decoded.includes('\uFFFD') ? null : decoded;
}

function isBodyText(node: MimeNode): boolean {
  if (node.multipart) return false;
  const type = node.contentType || 'text/plain';
  if (type !== 'text/plain' && type !== 'text/html') return false;
  // mailparser's rule: a text part is body text unless its disposition says otherwise.
  return !node.disposition || node.disposition === 'inline';
}

/** UTF-8 (or ASCII) bytes under a UTF-8, ASCII or missing label are left alone. */
function needsRewrite(bytes: Buffer, charset: string | null): boolean {
  const label = normalizeLabel(charset);
  const utf8Label = label === null || label === 'utf-8' || label === 'utf8' || label === 'us-ascii' || label === 'ascii';
  if (!utf8Label) return !(isAscii(bytes) && ASCII_COMPATIBLE.test(label));
  if (isAscii(bytes)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

// Labels whose ASCII bytes mean ASCII (not UTF-7, ISO-2022-*, HZ, UTF-16/32).
const ASCII_COMPATIBLE = /^(?:iso-8859-|windows-|cp\d|gb18030|big5|euc-|shift_jis|koi8|tis-620|iso-8859)/;

function base64Lines(bytes: Buffer): Buffer {
  const encoded = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  // The line break before the next boundary belongs to the boundary, so the body ends with one.
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}
