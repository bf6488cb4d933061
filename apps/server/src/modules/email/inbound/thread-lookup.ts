import { sql, type Transaction } from 'kysely';
import { ticketIdByNumber } from '../../tickets/index.ts';
import { replyTokenFrom, ticketNumberFromSubject } from '../domain/threading.ts';
import type { EmailThreadJournal } from './thread-journal.ts';

export type ThreadedBy = 'reply_token' | 'message_id' | 'subject_tag';

/**
 * Which ticket an inbound mail continues, in layers (PRODUCT.md §2):
 * 1. our reply token in In-Reply-To/References (survives subject edits and forwarding chains);
 * 2. any In-Reply-To/References id we have seen or sent;
 * 3. a `[#1024]` subject tag, only from someone already on that ticket (requester, CC,
 *    follower, or staff), since clients such as QQMail drop the headers but keep the subject.
 * The threads and Message-IDs this transaction made and has not written yet are in `journal`.
 */
export async function findThread(
  trx: Transaction<any>,
  tenantId: string,
  mail: { inReplyTo: string[]; references: string[]; subject: string; senderId: string; senderIsStaff: boolean },
  journal: EmailThreadJournal,
): Promise<{ ticketId: string; by: ThreadedBy } | null> {
  const ids = [...mail.inReplyTo, ...[...mail.references].reverse()];
  const token = replyTokenFrom(ids);
  const journaled = token ? journal.ticketForToken(token) : null;
  if (journaled) return { ticketId: journaled, by: 'reply_token' };
  if (token) {
    const { rows } = await sql<{ ticket_id: string }>`select ticket_id from ticket_email_threads
      where tenant_id = ${tenantId} and reply_token = ${token}`.execute(trx);
    if (rows[0]) return { ticketId: String(rows[0].ticket_id), by: 'reply_token' };
  }
  // Written by this transaction: newer than any in the table.
  const landed = journal.ticketForMessageIds(ids);
  if (landed) return { ticketId: landed, by: 'message_id' };
  if (ids.length > 0) {
    const { rows } = await sql<{ ticket_id: string }>`select ticket_id from email_message_refs
      where tenant_id = ${tenantId} and message_id_header = any(${ids.slice(0, 100)}::text[])
      order by created_at desc limit 1`.execute(trx);
    if (rows[0]) return { ticketId: String(rows[0].ticket_id), by: 'message_id' };
  }
  const number = ticketNumberFromSubject(mail.subject);
  if (number !== null) {
    const ticketId = await ticketIdByNumber(trx, tenantId, number);
    if (ticketId && (mail.senderIsStaff || (await isParticipant(trx, tenantId, ticketId, mail.senderId)))) {
      return { ticketId, by: 'subject_tag' };
    }
  }
  return null;
}

async function isParticipant(trx: Transaction<any>, tenantId: string, ticketId: string, userId: string): Promise<boolean> {
  const { rows } = await sql`select 1 from tickets where tenant_id = ${tenantId} and id = ${ticketId} and requester_id = ${userId}
    union all select 1 from ticket_ccs where tenant_id = ${tenantId} and ticket_id = ${ticketId} and user_id = ${userId}
    union all select 1 from ticket_followers where tenant_id = ${tenantId} and ticket_id = ${ticketId} and user_id = ${userId}
    limit 1`.execute(trx);
  return rows.length > 0;
}

/** Remembers a Message-ID and where it landed (first writer wins). */
export async function rememberMessageId(
  trx: Transaction<any>,
  tenantId: string,
  ref: { messageIdHeader: string; ticketId: string; messageId: string | null; direction: 'in' | 'out' },
): Promise<void> {
  await sql`insert into email_message_refs (tenant_id, message_id_header, ticket_id, message_id, direction)
    values (${tenantId}, ${ref.messageIdHeader}, ${ref.ticketId}, ${ref.messageId}, ${ref.direction})
    on conflict do nothing`.execute(trx);
}

export async function emailThreadOf(trx: Transaction<any>, tenantId: string, ticketId: string): Promise<{ reply_token: string; mailbox_id: string } | null> {
  const { rows } = await sql<{ reply_token: string; mailbox_id: string }>`select reply_token, mailbox_id::text as mailbox_id
    from ticket_email_threads where tenant_id = ${tenantId} and ticket_id = ${ticketId}`.execute(trx);
  return rows[0] ?? null;
}
