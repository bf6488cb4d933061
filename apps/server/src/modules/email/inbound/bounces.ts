import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql, type Transaction } from 'kysely';
import type { FileStorage } from '../../../platform/storage/storage.ts';
import { lockTicket, recordMessageDelivery, registerChannelUploads, replyInTicket } from '../../tickets/index.ts';
import type { Bounce } from '../domain/classify.ts';
import type { ParsedEmail } from '../domain/parse.ts';
import { replyTokenFrom } from '../domain/threading.ts';
import type { InboundRow } from './inbound.repo.ts';

/**
 * A bounce (a DSN for one of our replies): the delivery is marked failed with the remote
 * server's words, the bounced addresses are flagged, and the bounce itself is attached to the
 * ticket whose reply bounced as an internal note. It never opens a ticket or gets an answer.
 * Returns the ticket it was attached to, if one was found.
 */
export async function recordBounce(
  trx: Transaction<any>,
  tenantId: string,
  input: { inbound: InboundRow; parsed: ParsedEmail; bounce: Bounce | null; storage: FileStorage; flagged: BouncedAddresses },
): Promise<string | null> {
  const bounce = input.bounce ?? { originalMessageIds: [], recipients: [], status: null, diagnostic: null };
  const reason = [bounce.status, bounce.diagnostic].filter(Boolean).join(' ') || input.parsed.subject;
  for (const recipient of bounce.recipients.slice(0, 20)) input.flagged.add(recipient, bounce.status, bounce.diagnostic);

  const ids = [...bounce.originalMessageIds, ...input.parsed.inReplyTo, ...input.parsed.references];
  if (ids.length === 0) return null;
  const { rows } = await sql<{ id: string; ticket_id: string; message_id: string | null; attempts: number }>`
    select id, ticket_id, message_id, attempts from email_deliveries
    where tenant_id = ${tenantId} and message_id_header = any(${ids}::text[]) order by id desc limit 1`.execute(trx);
  const delivery = rows[0];
  let ticketId = delivery ? String(delivery.ticket_id) : null;
  if (!ticketId) {
    const token = replyTokenFrom(ids);
    const found = token
      ? await sql<{ ticket_id: string }>`select ticket_id from ticket_email_threads where tenant_id = ${tenantId} and reply_token = ${token}`.execute(trx)
      : null;
    ticketId = found?.rows[0] ? String(found.rows[0].ticket_id) : null;
  }
  if (!ticketId) return null;

  if (delivery) {
    await sql`update email_deliveries set status = 'failed', last_error = ${`bounced: ${reason}`.slice(0, 2000)}
      where tenant_id = ${tenantId} and id = ${delivery.id}`.execute(trx);
    if (delivery.message_id) {
      await recordMessageDelivery(trx, tenantId, String(delivery.message_id), {
        status: 'failed', attempts: delivery.attempts, error: `bounced: ${reason}`.slice(0, 500), sent_at: null,
      });
    }
  }

  const ticket = await lockTicket(trx, tenantId, ticketId);
  if (!ticket || ticket.status_category === 'closed') return ticketId;
  const key = `${tenantId}/bounces/${randomBytes(20).toString('hex')}`;
  await input.storage.put(key, Readable.from([input.inbound.raw]));
  const uploads = await registerChannelUploads(trx, tenantId, ticket.requester_id, [
    { fileName: 'bounce.eml', contentType: 'message/rfc822', content: input.inbound.raw, storageKey: key },
  ]);
  const recipients = bounce.recipients.join(', ') || 'the recipient';
  await replyInTicket(trx, tenantId, ticket, {
    author: { actorType: 'system', actorId: null, via: 'email' },
    byCustomer: false,
    submitterId: null,
    now: new Date(),
    channelUploads: uploads,
    message: {
      public: false,
      body: `Mail to ${recipients} bounced: ${reason}\n邮件退信：${recipients}（${reason}）`,
      uploaderId: ticket.requester_id,
      authorId: null,
      metadata: { email: { bounce: { recipients: bounce.recipients, status: bounce.status, diagnostic: bounce.diagnostic }, inbound_id: input.inbound.id } },
    },
  });
  return ticketId;
}

type Flag = { address: string; status: string | null; diagnostic: string | null };

/**
 * The addresses the bounces of one transaction flag, written together when it ends, in address
 * order. Written as each bounce came, two batches flagging the same two addresses in opposite
 * order deadlocked. `mark`/`rollbackTo` follow a savepoint, so a bounce rolled back flags nothing.
 */
export function bouncedAddresses() {
  let flags: Flag[] = [];
  return {
    add(address: string, status: string | null, diagnostic: string | null) {
      flags.push({ address: address.toLowerCase(), status, diagnostic });
    },
    mark: (): number => flags.length,
    rollbackTo(mark: number) {
      flags = flags.slice(0, mark);
    },
    async flush(trx: Transaction<any>, tenantId: string): Promise<void> {
      if (flags.length === 0) return;
      // One row per address: its count of bounces here, and the words of its last one.
      const byAddress = new Map<string, Flag & { count: number }>();
      for (const flag of flags) byAddress.set(flag.address, { ...flag, count: (byAddress.get(flag.address)?.count ?? 0) + 1 });
      const rows = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
      flags = [];
      await sql`insert into email_bounces (tenant_id, address, bounce_count, last_status, last_diagnostic)
        select ${tenantId}, f.address, f.count, f.status, f.diagnostic
        from unnest(${rows.map((r) => r.address)}::text[], ${rows.map((r) => r.count)}::int[],
          ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.diagnostic)}::text[]) with ordinality as f(address, count, status, diagnostic, n)
        order by f.n
        on conflict (tenant_id, address) do update set bounce_count = email_bounces.bounce_count + excluded.bounce_count,
          last_status = excluded.last_status, last_diagnostic = excluded.last_diagnostic, last_bounced_at = now()`.execute(trx);
    },
  };
}

export type BouncedAddresses = ReturnType<typeof bouncedAddresses>;
