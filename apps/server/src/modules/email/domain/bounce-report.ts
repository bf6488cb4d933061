import { cleanAddress } from './addresses.ts';
import { decodeBytes } from './charset.ts';
import { messageIds, readHeaderBlock } from './header-block.ts';
import type { ParsedEmail } from './parse.ts';

export interface Bounce {
  /** ids (without <>) of the message that bounced: ours, so the reply can be found */
  originalMessageIds: string[];
  /** the addresses that failed, lower-cased */
  recipients: string[];
  /** enhanced status code ('5.1.1'), or null */
  status: string | null;
  /** the remote server's words ('550 5.1.1 <x@y>: Recipient address rejected'), or null */
  diagnostic: string | null;
}

export interface DeliveryReport {
  /** true when some recipient failed (Action: failed, or a 5.x.x status) */
  failed: boolean;
  /** the first Action written ('failed', 'delayed', ...), or null */
  action: string | null;
  bounce: Bounce;
}

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);

/** The machine-readable part of an RFC 3464 DSN, when the mail has one. */
export function deliveryReport(email: ParsedEmail): DeliveryReport | null {
  const part = email.attachments.find((attachment) => STATUS_TYPES.has(attachment.contentType));
  if (!part) return null;
  const blocks = fieldBlocks(decodeBytes(part.content, 'utf-8'));
  // The first block is about the message, the rest one per recipient.
  const recipients = blocks.slice(1).filter((block) => block['final-recipient'] || block['original-recipient']);
  const failing = recipients.filter((block) => isFailure(block));
  const chosen = failing.length ? failing : recipients;
  const first = chosen[0] ?? {};
  return {
    failed: failing.length > 0,
    action: recipients.find((block) => block.action)?.action?.toLowerCase() ?? null,
    bounce: {
      originalMessageIds: originalMessageIds(email),
      recipients: unique(chosen.map((block) => addressField(block['final-recipient'] ?? block['original-recipient']))),
      status: /\d\.\d{1,3}\.\d{1,3}/.exec(first.status ?? '')?.[0] ?? null,
      diagnostic: diagnosticText(first['diagnostic-code']),
    },
  };
}

/** Best effort for bounces without a DSN part (qmail, old Exim, Chinese providers' notices). */
export function bounceFromText(email: ParsedEmail): Bounce {
  const text = email.text ?? '';
  const failed = (email.headers['x-failed-recipients'] ?? []).flatMap((value) => value.split(/[,\s]+/));
  const bracketed = [...text.matchAll(/^\s*<([^<>\s]+@[^<>\s]+)>\s*:/gm)].map((m) => m[1]);
  const finalRecipients = [...text.matchAll(/^\s*Final-Recipient:\s*[^;]*;\s*(\S+)/gim)].map((m) => m[1]);
  const named = [...text.matchAll(/(?:收件人|收信人|(?:failed |original )?recipients?(?: address)?)\s*[:：]\s*<?([^\s<>;,]+@[^\s<>;,]+)>?/gi)].map((m) => m[1]);
  const diagnosticLine = text.split('\n').find((line) => /\b[45]\d\d[ -]/.test(line) && /[A-Za-z\u4e00-\u9fff]{3}/.test(line));
  return {
    originalMessageIds: originalMessageIds(email),
    recipients: unique([...failed, ...finalRecipients, ...bracketed, ...named].map((value) => cleanAddress(value))),
    status: /\b[45]\.\d{1,3}\.\d{1,3}\b/.exec(text)?.[0] ?? null,
    diagnostic: diagnosticLine ? diagnosticLine.trim().slice(0, 500) : null,
  };
}

/** Message-IDs of the returned original: its attached message or headers, else quoted lines. */
function originalMessageIds(email: ParsedEmail): string[] {
  const ids: string[] = [];
  for (const attachment of email.attachments) {
    if (!ORIGINAL_TYPES.has(attachment.contentType)) continue;
    const headers = readHeaderBlock(attachment.content).filter((header) => header.name === 'message-id');
    ids.push(...messageIds(headers.map((header) => header.raw)));
  }
  if (!ids.length) {
    const quoted = [...(email.text ?? '').matchAll(/^\s*>?\s*Message-ID:\s*(<[^>\n]+>)/gim)].map((m) => m[1]);
    ids.push(...messageIds(quoted));
  }
  return [...new Set(ids)];
}

type Fields = Record<string, string>;

/** Header-style field blocks separated by blank lines, names lower-cased, folding undone. */
function fieldBlocks(text: string): Fields[] {
  const blocks: Fields[] = [];
  let current: Fields = {};
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!line.trim()) {
      if (Object.keys(current).length) blocks.push(current);
      current = {};
      last = null;
      continue;
    }
    if (/^[ \t]/.test(line) && last) {
      current[last] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    current[last] ??= line.slice(colon + 1).trim();
  }
  if (Object.keys(current).length) blocks.push(current);
  return blocks;
}

function isFailure(block: Fields): boolean {
  const action = (block.action ?? '').toLowerCase();
  return action === 'failed' || (!action && /^5\./.test((block.status ?? '').trim()));
}

/** `rfc822; user@example.com` to the address. */
function addressField(value: string | undefined): string | null {
  if (!value) return null;
  const semicolon = value.indexOf(';');
  return cleanAddress(semicolon >= 0 ? value.slice(semicolon + 1) : value);
}

/** `smtp; 550 5.1.1 ...` to `550 5.1.1 ...`. */
function diagnosticText(value: string | undefined): string | null {
  if (!value) return null;
  const text = value.replace(/^\s*[A-Za-z-]+\s*;\s*/, '').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 500) : null;
}

function unique(values: Array<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => !!value))];
}
