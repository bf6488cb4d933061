import { isAscii } from 'node:buffer';
import { simpleParser, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import { AppError } from '../../../platform/errors/app-error.ts';
import { parseAddressList, type EmailAddress } from './addresses.ts';
import { decodeBytes } from './charset.ts';
import { bodyOffset, headerMap, messageIds, readHeaderBlock, type RawHeader } from './header-block.ts';
import { htmlToPlainText } from './html-text.ts';
import { toParsedAttachments, type ParsedAttachment } from './parsed-attachments.ts';
import { prepareMime, type PreparedMime } from './prepare-mime.ts';

export type { EmailAddress } from './addresses.ts';
export type { ParsedAttachment } from './parsed-attachments.ts';

export interface ParsedEmail {
  /** without <>; null when absent */
  messageId: string | null;
  /** ids without <> */
  inReplyTo: string[];
  /** ids without <>, in order */
  references: string[];
  /** decoded, '' when absent */
  subject: string;
  from: EmailAddress | null;
  replyTo: EmailAddress[];
  to: EmailAddress[];
  cc: EmailAddress[];
  date: Date | null;
  /** decoded plain text; derived from the HTML when the mail is HTML-only */
  text: string;
  /** decoded HTML as sent, not sanitised (the caller sanitises) */
  html: string | null;
  /** inline cid images (inline: true) and attached messages (.eml) included */
  attachments: ParsedAttachment[];
  /** lower-cased header names -> decoded values, every occurrence, top-level headers only */
  headers: Record<string, string[]>;
}

const PARSER_OPTIONS: SimpleParserOptions = {
  // cid: links stay for the caller, who maps them to stored attachments.
  keepCidLinks: true,
  skipImageLinks: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  // We convert HTML-only mail ourselves, with settings fit for reading (html-text.ts).
  skipHtmlToText: true,
  // A DSN's machine-readable part and an attached message stay parts, for classify.ts.
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  checksumAlgo: false,
};

/**
 * Parses a raw message. Never throws for malformed content: a broken MIME structure still
 * gives headers and whatever text can be read. Throws only for an empty input.
 */
export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  if (!raw || raw.length === 0) throw new AppError('EMAIL_EMPTY', 400, 'The message is empty');
  const rawHeaders = readHeaderBlock(raw);
  const body = await readBody(raw, rawHeaders);
  const values = (name: string) => rawHeaders.filter((header) => header.name === name).map((header) => header.raw);
  const headers = headerMap(rawHeaders);
  return {
    messageId: messageIds(headers['message-id']?.slice(0, 1) ?? [])[0] ?? null,
    inReplyTo: messageIds(headers['in-reply-to'] ?? []),
    references: messageIds(headers.references ?? []),
    subject: headers.subject?.[0] ?? '',
    // A message without From still names someone in Sender, when it has one.
    from: parseAddressList(values('from'))[0] ?? parseAddressList(values('sender'))[0] ?? null,
    replyTo: parseAddressList(values('reply-to')),
    to: parseAddressList(values('to')),
    cc: parseAddressList(values('cc')),
    date: parseDate(headers.date?.[0]),
    ...body,
    headers,
  };
}

type Body = Pick<ParsedEmail, 'text' | 'html' | 'attachments'>;

async function readBody(raw: Buffer, rawHeaders: RawHeader[]): Promise<Body> {
  // Most mail is ASCII on the wire and labelled UTF-8 or ASCII: mailparser reads it right
  // without our rewrite. Only a U+FFFD in the result (UTF-8 label over other bytes) sends it
  // through prepareMime after all.
  if (!mayNeedCharsetWork(raw)) {
    const quick = await bodyFrom(raw, raw, new Map(), rawHeaders);
    if (!`${quick.text}${quick.html ?? ''}`.includes('\uFFFD')) return quick;
  }
  let prepared: PreparedMime = { raw, fileNames: new Map() };
  try {
    prepared = await prepareMime(raw);
  } catch {
    // a structure the splitter rejects: mailparser gets the message as it came
  }
  return bodyFrom(raw, prepared.raw, prepared.fileNames, rawHeaders);
}

async function bodyFrom(raw: Buffer, source: Buffer, fileNames: Map<string, string>, rawHeaders: RawHeader[]): Promise<Body> {
  let mail: ParsedMail | null = null;
  for (const input of source === raw ? [raw] : [source, raw]) {
    try {
      mail = await simpleParser(input, PARSER_OPTIONS);
      break;
    } catch {
      // try the original next, then fall back to the bare body below
    }
  }
  const html = mail && typeof mail.html === 'string' && mail.html.trim() ? mail.html : null;
  let text = mail?.text?.trim() ? mail.text : '';
  if (!text && html) text = htmlToPlainText(html);
  const attachments = mail ? toParsedAttachments(mail.attachments, html, fileNames) : [];
  // Nothing readable came out (a multipart without a usable boundary, a parser failure):
  // the body as text, so a person can still read what was sent.
  if (!text && !html && attachments.length === 0) text = bareBody(raw, rawHeaders);
  return { text: text.replace(/\r\n?/g, '\n').trimEnd(), html, attachments };
}

/** 8-bit bytes anywhere, or a charset label other than UTF-8 or ASCII. */
function mayNeedCharsetWork(raw: Buffer): boolean {
  if (!isAscii(raw)) return true;
  for (const match of raw.toString('latin1').matchAll(/charset\s*=\s*["']?([^"';\s]*)/gi)) {
    if (!/^(?:utf-?8|us-ascii|ascii)$/i.test(match[1])) return true;
  }
  return false;
}

function bareBody(raw: Buffer, rawHeaders: RawHeader[]): string {
  const contentType = rawHeaders.find((header) => header.name === 'content-type')?.raw ?? '';
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? null;
  return decodeBytes(raw.subarray(bodyOffset(raw)), charset).trim();
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim());
  return Number.isNaN(date.getTime()) ? null : date;
}
