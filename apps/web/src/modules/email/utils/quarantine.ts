import type { InboundEmail, InboundStatus } from '../api/email-api';

/** The statuses the quarantine page filters by, the default first. */
export const QUARANTINE_STATUSES: readonly InboundStatus[] = ['quarantined', 'pending', 'ignored', 'duplicate', 'processed'];

/** Reason codes the server gives that have a translation under ws.email.reasons. */
export const KNOWN_REASONS = [
  'MESSAGE_TOO_LARGE', 'PARSE_FAILED', 'SENDER_NOT_ALLOWED', 'PROCESSING_FAILED', 'AUTO_REPLY', 'BOUNCE', 'MAILING_LIST', 'DUPLICATE',
  'NO_SENDER', 'LOOP', 'MAILBOX_GONE',
] as const;
export type KnownReason = (typeof KNOWN_REASONS)[number];

/**
 * What to show for a reason code: a translation key for the known ones; a code we do not know
 * yet is shown as it is (still better than nothing); no code, nothing.
 */
export function reasonLabel(code: string | null | undefined): { key: `ws.email.reasons.${KnownReason}` } | { text: string } | null {
  if (!code) return null;
  return (KNOWN_REASONS as readonly string[]).includes(code) ? { key: `ws.email.reasons.${code as KnownReason}` } : { text: code };
}

/** `?status=` from the address bar: one of the statuses, else the default. */
export function statusFromParam(value: string | null | undefined): InboundStatus {
  return (QUARANTINE_STATUSES as readonly string[]).includes(value ?? '') ? (value as InboundStatus) : 'quarantined';
}

/** Retry is for mail that did not become anything: quarantined, or ignored as automatic by mistake. */
export const canRetry = (row: Pick<InboundEmail, 'status'>) => row.status === 'quarantined' || row.status === 'ignored';

/**
 * A ticket can be made from mail that has none yet. Oversized mail (headers only) included: a
 * ticket with the sender and subject lets an agent ask for the message another way.
 */
export const canMakeTicket = (row: Pick<InboundEmail, 'status' | 'ticket_id'>) =>
  !row.ticket_id && (row.status === 'quarantined' || row.status === 'ignored');

/** A row replaced by the server's newer answer, in a page of rows (after retry or create-ticket). */
export function replaceRow<T extends { id: string }>(rows: readonly T[], next: T): T[] {
  return rows.map((row) => (row.id === next.id ? next : row));
}

/** Who may see and act on the quarantine (the server's `email:quarantine` permission). */
export const QUARANTINE_ROLES: readonly string[] = ['owner', 'admin', 'supervisor', 'agent'];
