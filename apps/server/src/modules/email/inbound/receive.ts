import type { Database } from '../../../platform/db/database.ts';
import { parseEmail } from '../domain/parse.ts';
import { storeInbound, type InboundInsert, type InboundStoreItem } from './inbound.repo.ts';
import { rawMessageId } from './raw-headers.ts';

export const TOO_LARGE = 'MESSAGE_TOO_LARGE';

export type ReceivedMessage = Omit<InboundInsert, 'message_id' | 'status' | 'reason_code' | 'error'> & { maxBytes: number };

/**
 * What storing a received message writes: the raw with its Message-ID, pending processing; an
 * oversized one keeps its headers and goes straight to the quarantine with a reason (listed by
 * the sender and subject read from them).
 */
export async function inboundStoreItem(tenantId: string, message: ReceivedMessage): Promise<InboundStoreItem> {
  const { maxBytes, ...row } = message;
  const tooLarge = row.truncated || row.size_bytes > maxBytes;
  const summary = tooLarge ? await parseEmail(row.raw).then((mail) => ({ from: mail.from?.address ?? null, subject: mail.subject || null }), () => null) : null;
  return {
    tenantId,
    row: {
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
  };
}

/**
 * Stores an inbound message raw, before anything else is done with it: once this returns, the
 * message is durable and will be processed (a pending row is the inbound pump's work). Returns null
 * for an IMAP message stored before (same UIDVALIDITY and UID).
 *
 * One statement on the owner connection, committed synchronously: the tenant was resolved from
 * the mailbox (itself an owner lookup, since the listener serves every tenant) and is written
 * explicitly; a transaction as the app role would add three round trips to every message.
 */
export async function receiveInbound(db: Database, tenantId: string, message: ReceivedMessage): Promise<string | null> {
  const [id] = await storeInbound(db.system, [await inboundStoreItem(tenantId, message)]);
  return id ?? null;
}
