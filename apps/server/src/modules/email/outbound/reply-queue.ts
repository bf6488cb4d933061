import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { recordMessageDelivery } from '../../tickets/index.ts';
import { replyTokenMessageId } from '../domain/threading.ts';
import { mailboxesRepo } from '../mailboxes.repo.ts';
import { emailThreadOf, rememberMessageId } from '../inbound/thread-lookup.ts';
import { composeBody, messageIdDomain, replySubject } from './compose.ts';
import { deliveriesRepo } from './deliveries.repo.ts';
import { localeOf } from './auto-ack.ts';

interface ReplyFacts {
  message_id: string;
  public: boolean;
  body: string;
  body_html: string | null;
  author_id: string | null;
  author_role: string | null;
  author_name: string | null;
  ticket_id: string;
  number: string;
  subject: string;
  requester_id: string;
  requester_email: string | null;
}

/**
 * A public reply by staff on an email ticket becomes a delivery to the requester and the CCs,
 * from the ticket's mailbox, threaded with In-Reply-To/References and our reply token.
 * Internal notes and the customer's own messages are never sent. Returns the delivery id.
 */
export async function queueReplyDelivery(trx: Transaction<any>, tenantId: string, messageId: string): Promise<string | null> {
  // Each row by its key, in this order: spelled as lateral lookups so the planner cannot start
  // from the requester's other tickets (it did, on estimates of one row each, reading them all).
  const { rows } = await sql<ReplyFacts>`
    select m.id as message_id, m.public, m.body, m.body_html, m.author_id, a.role as author_role, a.name as author_name,
      t.id as ticket_id, t.number, t.subject, t.requester_id, r.email as requester_email
    from messages m
    cross join lateral (select id, number, subject, requester_id from tickets where tenant_id = m.tenant_id and id = m.ticket_id limit 1) t
    left join lateral (select email from users where tenant_id = m.tenant_id and id = t.requester_id limit 1) r on true
    left join lateral (select role, name from users where tenant_id = m.tenant_id and id = m.author_id limit 1) a on true
    where m.tenant_id = ${tenantId} and m.id = ${messageId}`.execute(trx);
  const facts = rows[0];
  if (!facts || !facts.public || !facts.author_id || facts.author_role === 'customer') return null;
  const thread = await emailThreadOf(trx, tenantId, facts.ticket_id);
  if (!thread) return null;
  const mailbox = await mailboxesRepo(trx, tenantId).find(thread.mailbox_id);
  if (!mailbox) return null;
  const repo = deliveriesRepo(trx, tenantId);

  const to = facts.requester_email ? [facts.requester_email.toLowerCase()] : [];
  const cc = await ccAddresses(trx, tenantId, facts.ticket_id, [facts.author_id, facts.requester_id]);
  const recipients = { to, cc };
  if (to.length === 0 || mailbox.outbound_mode === 'disabled') {
    const reason = to.length === 0 ? 'the requester has no email address' : 'outbound mail is disabled for this mailbox';
    await recordMessageDelivery(trx, tenantId, facts.message_id, { status: 'suppressed', attempts: 0, error: reason, sent_at: null, ...recipients });
    return null;
  }

  const refs = await ticketMessageIds(trx, tenantId, facts.ticket_id);
  const locale = await localeOf(trx, tenantId, facts.requester_id);
  const body = composeBody({
    text: facts.body, html: facts.body_html, author: facts.author_name,
    signature: locale === 'zh-CN' ? mailbox.signature_zh : mailbox.signature_en,
  });
  const messageIdHeader = replyTokenMessageId(thread.reply_token, `m${facts.message_id}${randomBytes(3).toString('hex')}`, messageIdDomain(mailbox.address));
  const id = await repo.queue({
    mailbox_id: mailbox.id,
    ticket_id: facts.ticket_id,
    message_id: facts.message_id,
    kind: 'reply',
    to_addresses: to,
    cc_addresses: cc,
    subject: replySubject(facts.subject, facts.number),
    text_body: body.text,
    html_body: body.html,
    message_id_header: messageIdHeader,
    in_reply_to: refs.lastInbound,
    references_header: refs.all,
  });
  await rememberMessageId(trx, tenantId, { messageIdHeader, ticketId: facts.ticket_id, messageId: facts.message_id, direction: 'out' });
  await recordMessageDelivery(trx, tenantId, facts.message_id, { status: 'pending', attempts: 0, error: null, sent_at: null, ...recipients });
  return id;
}

async function ccAddresses(trx: Transaction<any>, tenantId: string, ticketId: string, exclude: string[]): Promise<string[]> {
  const { rows } = await sql<{ email: string }>`select lower(u.email) as email from ticket_ccs c
    join users u on u.tenant_id = c.tenant_id and u.id = c.user_id
    where c.tenant_id = ${tenantId} and c.ticket_id = ${ticketId} and u.email is not null and u.active
      and not (u.id = any(${exclude}::bigint[]))
    order by c.user_id limit 50`.execute(trx);
  return rows.map((row) => row.email);
}

/** The ticket's mail ids, oldest first (References), and the customer's latest (In-Reply-To). */
async function ticketMessageIds(trx: Transaction<any>, tenantId: string, ticketId: string): Promise<{ all: string[]; lastInbound: string | null }> {
  const { rows } = await sql<{ message_id_header: string; direction: string }>`select message_id_header, direction from email_message_refs
    where tenant_id = ${tenantId} and ticket_id = ${ticketId} order by created_at desc limit 20`.execute(trx);
  const ordered = rows.reverse();
  const inbound = ordered.filter((row) => row.direction === 'in');
  return { all: ordered.map((row) => row.message_id_header), lastInbound: inbound.at(-1)?.message_id_header ?? null };
}
