/**
 * Threading keys (PRODUCT.md §2): the reply token we put in our Message-IDs, the `[#1024]`
 * subject tag, and subjects compared without their Re:/回复: prefixes.
 */
export { forwardedOriginal, type ForwardedOriginal } from './forwarded.ts';

// '[#1024]', also with full-width brackets and spaces a client may add: '［# 1024］'.
const TAG = /[[［]\s*#\s*(\d{1,15})\s*[\]］]/;
const TAGS = new RegExp(TAG.source, 'g');

/** The ticket number of the first `[#1024]` tag anywhere in the subject, or null. */
export function ticketNumberFromSubject(subject: string): number | null {
  const match = TAG.exec(subject ?? '');
  if (!match) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

export function subjectTag(number: number | string): string {
  return `[#${String(number).trim()}]`;
}

// Reply and forward prefixes in the languages our customers' clients write, with an optional
// counter (`Re[2]:`, `RE(3):`) and an ASCII or full-width colon.
const PREFIX = /^\s*(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|回复|回覆|答复|答覆|转发|轉寄|转寄|轉發)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;
const FORWARD = /^\s*(?:fwd?|wg|转发|轉寄|转寄|轉發)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/i;

/** The subject without reply/forward prefixes (repeated, in any order) and ticket tags. */
export function normalizeSubject(subject: string): string {
  let rest = (subject ?? '').replace(TAGS, ' ');
  for (;;) {
    const next = rest.replace(PREFIX, '');
    if (next === rest) break;
    rest = next;
  }
  return rest.replace(/\s+/g, ' ').trim();
}

/** A subject that starts (after any ticket tags) with Fwd:, FW:, 转发: and the like. */
export function isForwardSubject(subject: string): boolean {
  return FORWARD.test((subject ?? '').replace(TAGS, ' '));
}

/**
 * Our outgoing Message-ID, without the angle brackets: `sb.{token}.{unique}@{domain}`.
 * A reply carries it back in In-Reply-To/References even when the subject was rewritten.
 */
export function replyTokenMessageId(token: string, unique: string, domain: string): string {
  return `sb.${token}.${unique}@${domain}`;
}

const TOKEN_ID = /^<?sb\.([A-Za-z0-9_-]{16,40})\.[^@\s]+@[^\s>]+>?$/;

/** The reply token of the first of our Message-IDs among the ids given (In-Reply-To first). */
export function replyTokenFrom(messageIds: string[]): string | null {
  for (const id of messageIds ?? []) {
    const match = TOKEN_ID.exec(id.trim());
    if (match) return match[1];
  }
  return null;
}
