import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { replyTokenMessageId } from '../domain/threading.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';
import { autoAckContent, composeBody, messageIdDomain, type MailLocale } from './compose.ts';
import { deliveriesRepo } from './deliveries.repo.ts';

/**
 * Acknowledges a new email ticket to its requester, in the same transaction as the ticket.
 * Never for auto-generated mail (the processor does not get here for it), at most N per sender
 * per hour per mailbox, and never to an address that bounced lately: no mail loops.
 */
export async function queueAutoAck(
  trx: Transaction<any>,
  tenantId: string,
  input: {
    mailbox: MailboxRow;
    ticket: { id: string; number: string | number; subject: string; requester_id: string };
    requesterAddress: string;
    replyToken: string;
    inReplyTo: string | null;
  },
): Promise<string | null> {
  const { mailbox } = input;
  if (!mailbox.auto_ack_enabled || mailbox.auto_ack_per_sender_hour === 0) return null;
  const repo = deliveriesRepo(trx, tenantId);
  const address = input.requesterAddress.toLowerCase();
  if (await repo.isBounced(address)) return null;
  if ((await repo.acksToInLastHour(mailbox.id, address)) >= mailbox.auto_ack_per_sender_hour) return null;
  const locale = await localeOf(trx, tenantId, input.ticket.requester_id);
  const content = autoAckContent(locale, { subject: input.ticket.subject, number: input.ticket.number, mailboxName: mailbox.name });
  const body = composeBody({ text: content.text, html: null, signature: locale === 'zh-CN' ? mailbox.signature_zh : mailbox.signature_en, author: null });
  return repo.queue({
    mailbox_id: mailbox.id,
    ticket_id: input.ticket.id,
    message_id: null,
    kind: 'auto_ack',
    to_addresses: [address],
    cc_addresses: [],
    subject: content.subject,
    text_body: body.text,
    html_body: body.html,
    message_id_header: replyTokenMessageId(input.replyToken, `ack${randomBytes(6).toString('hex')}`, messageIdDomain(mailbox.address)),
    in_reply_to: input.inReplyTo,
    references_header: input.inReplyTo ? [input.inReplyTo] : [],
  });
}

/** The person's language, else the workspace's default. */
export async function localeOf(trx: Transaction<any>, tenantId: string, userId: string): Promise<MailLocale> {
  const { rows } = await sql<{ locale: MailLocale }>`select coalesce(u.locale, t.default_locale) as locale
    from users u join tenants t on t.id = u.tenant_id where u.tenant_id = ${tenantId} and u.id = ${userId}`.execute(trx);
  return rows[0]?.locale ?? 'en';
}
