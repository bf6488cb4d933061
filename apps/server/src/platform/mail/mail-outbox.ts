import { sql, type Transaction } from 'kysely';
import { enqueueReaction } from '../events/outbox.ts';

/** The outbox topic a queued mail is announced on; the mail consumer sends it. */
export const MAIL_QUEUED_TOPIC = 'mail.queued';

export interface OutgoingMail {
  /** What the mail is for ('invitation', 'magic_link'...), for logs and housekeeping. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/**
 * Queues a mail in the caller's transaction: the mail exists exactly when the change that
 * asks for it commits, and is sent after commit by the mail job (never inside the request).
 */
export async function queueMail(trx: Transaction<any>, tenantId: string, mail: OutgoingMail): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into mail_outbox (tenant_id, kind, to_address, subject, text_body, html_body)
    values (${tenantId}, ${mail.kind}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null})
    returning id::text as id`.execute(trx);
  const id = rows[0].id;
  await enqueueReaction(trx, tenantId, MAIL_QUEUED_TOPIC, { mail_id: id });
  return id;
}
