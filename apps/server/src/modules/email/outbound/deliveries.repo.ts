import { sql, type Transaction } from 'kysely';
import { enqueueReaction } from '../../../platform/events/outbox.ts';

/** The outbox topic of a queued delivery; the sender consumes it right after commit. */
export const EMAIL_DELIVERY_TOPIC = 'email.delivery-queued';

export interface DeliveryRow {
  tenant_id: string;
  id: string;
  mailbox_id: string;
  ticket_id: string;
  message_id: string | null;
  kind: 'reply' | 'auto_ack';
  to_addresses: string[];
  cc_addresses: string[];
  subject: string;
  text_body: string | null;
  html_body: string | null;
  message_id_header: string;
  in_reply_to: string | null;
  references_header: string[];
  status: 'pending' | 'sent' | 'failed' | 'suppressed';
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export type DeliveryInsert = Pick<
  DeliveryRow,
  'mailbox_id' | 'ticket_id' | 'message_id' | 'kind' | 'to_addresses' | 'cc_addresses' | 'subject' | 'text_body' | 'html_body' | 'message_id_header' | 'in_reply_to' | 'references_header'
>;

export function deliveriesRepo(trx: Transaction<any>, tenantId: string) {
  return {
    /** Queues a delivery in the caller's transaction and announces it for after commit. */
    async queue(row: DeliveryInsert): Promise<string> {
      const { rows } = await sql<{ id: string }>`
        insert into email_deliveries (tenant_id, mailbox_id, ticket_id, message_id, kind, to_addresses, cc_addresses, subject,
          text_body, html_body, message_id_header, in_reply_to, references_header)
        values (${tenantId}, ${row.mailbox_id}, ${row.ticket_id}, ${row.message_id}, ${row.kind}, ${row.to_addresses}::text[],
          ${row.cc_addresses}::text[], ${row.subject}, ${row.text_body}, ${row.html_body}, ${row.message_id_header}, ${row.in_reply_to},
          ${row.references_header}::text[])
        returning id::text as id`.execute(trx);
      const id = rows[0]!.id;
      await enqueueReaction(trx, tenantId, EMAIL_DELIVERY_TOPIC, { delivery_id: id });
      return id;
    },

    /** Locks a due, pending delivery; null when another worker has it, it is done, or not due. */
    async claimDue(id: string): Promise<DeliveryRow | null> {
      const { rows } = await sql<DeliveryRow>`select * from email_deliveries
        where tenant_id = ${tenantId} and id = ${id} and status = 'pending' and next_attempt_at <= now()
        for update skip locked`.execute(trx);
      return rows[0] ?? null;
    },

    async sentInLastMinute(mailboxId: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from email_deliveries
        where tenant_id = ${tenantId} and mailbox_id = ${mailboxId} and status = 'sent' and sent_at > now() - interval '1 minute'`.execute(trx);
      return rows[0]?.n ?? 0;
    },

    async acksToInLastHour(mailboxId: string, address: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from email_deliveries
        where tenant_id = ${tenantId} and mailbox_id = ${mailboxId} and kind = 'auto_ack'
          and to_addresses[1] = ${address} and created_at > now() - interval '1 hour'`.execute(trx);
      return rows[0]?.n ?? 0;
    },

    async markSent(id: string): Promise<void> {
      await sql`update email_deliveries set status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = null
        where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    async markFailure(id: string, failure: { error: string; retryAt: Date | null }): Promise<void> {
      await sql`update email_deliveries set attempts = attempts + 1, last_error = ${failure.error},
          status = ${failure.retryAt ? 'pending' : 'failed'}, next_attempt_at = coalesce(${failure.retryAt}, next_attempt_at)
        where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    async defer(id: string, until: Date): Promise<void> {
      await sql`update email_deliveries set next_attempt_at = ${until} where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    async isBounced(address: string): Promise<boolean> {
      const { rows } = await sql`select 1 from email_bounces where tenant_id = ${tenantId} and address = ${address.toLowerCase()}
        and last_bounced_at > now() - interval '30 days'`.execute(trx);
      return rows.length > 0;
    },
  };
}
