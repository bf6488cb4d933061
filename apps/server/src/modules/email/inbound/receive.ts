import type { Database } from '../../../platform/db/database.ts';
import { parseEmail } from '../domain/parse.ts';
import { inboundRepo, type InboundInsert } from './inbound.repo.ts';
import { rawMessageId } from './raw-headers.ts';

/** The outbox topic of a stored inbound message; the processor consumes it. */
export const EMAIL_RECEIVED_TOPIC = 'email.received';

export const TOO_LARGE = 'MESSAGE_TOO_LARGE';

/**
 * Stores an inbound message raw, before anything else is done with it, and announces it in the
 * same statement: once this returns, the message is durable and will be processed. An
 * oversized message keeps its headers and goes straight to the quarantine with a reason.
 * Returns null for an IMAP message stored before (same UIDVALIDITY and UID).
 *
 * One statement on the owner connection, committed synchronously: the tenant was resolved from
 * the mailbox (itself an owner lookup, since the listener serves every tenant) and is written
 * explicitly; a transaction as the app role would add three round trips to every message.
 */
export async function receiveInbound(
  db: Database,
  tenantId: string,
  message: Omit<InboundInsert, 'message_id' | 'status' | 'reason_code' | 'error'> & { maxBytes: number },
): Promise<string | null> {
  const { maxBytes, ...row } = message;
  const tooLarge = row.truncated || row.size_bytes > maxBytes;
  // A quarantined message is listed by sender and subject: read them from the headers kept.
  const summary = tooLarge ? await parseEmail(row.raw).then((mail) => ({ from: mail.from?.address ?? null, subject: mail.subject || null }), () => null) : null;
  return inboundRepo(db.system, tenantId).insert(
    {
      ...row,
      message_id: rawMessageId(row.raw),
      truncated: tooLarge || row.truncated,
      ...(tooLarge
        ? {
            status: 'quarantined' as const, reason_code: TOO_LARGE, error: `The message is ${row.size_bytes} bytes; this mailbox accepts at most ${maxBytes}`,
            from_address: summary?.from ?? row.envelope_from ?? null, subject: summary?.subject?.slice(0, 1000) ?? null,
          }
        : {}),
    },
    tooLarge ? {} : { announce: EMAIL_RECEIVED_TOPIC },
  );
}
