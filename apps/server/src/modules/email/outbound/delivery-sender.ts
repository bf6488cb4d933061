import { sql, type Transaction } from 'kysely';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logger/logger.ts';
import type { FileStorage } from '../../../platform/storage/storage.ts';
import { recordMessageDelivery } from '../../tickets/index.ts';
import { mailboxesRepo, type MailboxRow } from '../mailboxes.repo.ts';
import { deliveriesRepo, type DeliveryRow } from './deliveries.repo.ts';
import { createTransporter, smtpErrorText, smtpOptionsFor } from './smtp-transport.ts';

export const MAX_DELIVERY_ATTEMPTS = 8;
/** Minutes before try n+1: 1, 2, 4 ... capped at an hour. */
export const deliveryRetryMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

export type DeliveryResult = 'sent' | 'deferred' | 'failed' | 'not-due';

const formatFrom = (mailbox: MailboxRow, author: string | null) => {
  const name = (author ? `${author} (${mailbox.name})` : mailbox.name).replace(/["\\\r\n]/g, '');
  return { name, address: mailbox.address };
};

/**
 * Sends queued deliveries through the mailbox's SMTP server. The row stays locked while it is
 * sent, so two workers never send it twice; a refusal is kept on the delivery and its message
 * ("sending failed: 550 ..."), retried with back-off, and given up after MAX_DELIVERY_ATTEMPTS
 * or at once for a permanent (5xx) refusal. The per-mailbox rate limit defers, never drops.
 */
export function createDeliverySender(deps: { db: Database; logger: Logger; secrets: SecretBox; storage: FileStorage; instanceSmtpUrl?: string }) {
  const { db, logger } = deps;

  async function sendOne(tenantId: string, deliveryId: string): Promise<DeliveryResult> {
    return db.tenantTx(tenantId, async (trx) => {
      const repo = deliveriesRepo(trx, tenantId);
      const delivery = await repo.claimDue(deliveryId);
      if (!delivery) return 'not-due';
      const mailbox = await mailboxesRepo(trx, tenantId).find(delivery.mailbox_id);
      const options = mailbox && mailbox.outbound_mode === 'smtp' ? smtpOptionsFor(mailbox, deps.secrets, deps.instanceSmtpUrl) : null;
      if (!mailbox || !options) {
        // Nowhere to send it yet: keep it pending (an admin may configure SMTP) and say why.
        const error = !mailbox ? 'the mailbox was deleted' : 'no SMTP server is configured for this mailbox';
        await fail(trx, tenantId, delivery, error, true);
        return 'deferred';
      }
      if ((await repo.sentInLastMinute(mailbox.id)) >= mailbox.send_limit_per_minute) {
        await repo.defer(delivery.id, new Date(Date.now() + 20_000));
        return 'deferred';
      }
      const transporter = createTransporter(options);
      try {
        await transporter.sendMail({
          from: formatFrom(mailbox, delivery.kind === 'reply' ? await authorName(trx, tenantId, delivery.message_id) : null),
          to: delivery.to_addresses,
          cc: delivery.cc_addresses.length > 0 ? delivery.cc_addresses : undefined,
          subject: delivery.subject,
          text: delivery.text_body ?? '',
          html: delivery.html_body ?? undefined,
          messageId: `<${delivery.message_id_header}>`,
          inReplyTo: delivery.in_reply_to ? `<${delivery.in_reply_to}>` : undefined,
          references: delivery.references_header.map((id) => `<${id}>`),
          headers: delivery.kind === 'auto_ack'
            ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'auto_reply' }
            : { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
          attachments: delivery.kind === 'reply' && delivery.message_id ? await attachmentsOf(trx, tenantId, delivery.message_id) : [],
        });
      } catch (error) {
        const failure = smtpErrorText(error);
        const permanent = /^SMTP_5\d\d$/.test(failure.code);
        logger.warn({ tenantId, deliveryId, code: failure.code }, 'email delivery refused');
        await fail(trx, tenantId, delivery, failure.message, !permanent);
        return 'failed';
      } finally {
        transporter.close();
      }
      await repo.markSent(delivery.id);
      if (delivery.message_id) {
        await recordMessageDelivery(trx, tenantId, delivery.message_id, {
          status: 'sent', attempts: delivery.attempts + 1, error: null, sent_at: new Date().toISOString(),
          to: delivery.to_addresses, cc: delivery.cc_addresses,
        });
      }
      return 'sent';
    });
  }

  async function fail(trx: Transaction<any>, tenantId: string, delivery: DeliveryRow, error: string, retryable: boolean): Promise<void> {
    const attempts = delivery.attempts + 1;
    const retryAt = retryable && attempts < MAX_DELIVERY_ATTEMPTS ? new Date(Date.now() + deliveryRetryMinutes(attempts) * 60_000) : null;
    await deliveriesRepo(trx, tenantId).markFailure(delivery.id, { error: error.slice(0, 2000), retryAt });
    if (delivery.message_id) {
      await recordMessageDelivery(trx, tenantId, delivery.message_id, {
        status: retryAt ? 'pending' : 'failed', attempts, error: error.slice(0, 500), sent_at: null,
        to: delivery.to_addresses, cc: delivery.cc_addresses,
      });
    }
  }

  /** Every due delivery of every tenant (the sweep after a restart, SMTP outage or rate limit). */
  async function sendDue(limit = 200): Promise<number> {
    const { rows } = await sql<{ tenant_id: string; id: string }>`select tenant_id::text, id::text from email_deliveries
      where status = 'pending' and next_attempt_at <= now() order by next_attempt_at limit ${limit}`.execute(db.system);
    let sent = 0;
    for (const row of rows) if ((await sendOne(row.tenant_id, row.id)) === 'sent') sent += 1;
    return sent;
  }

  async function authorName(trx: Transaction<any>, tenantId: string, messageId: string | null): Promise<string | null> {
    if (!messageId) return null;
    const { rows } = await sql<{ name: string }>`select u.name from messages m join users u on u.tenant_id = m.tenant_id and u.id = m.author_id
      where m.tenant_id = ${tenantId} and m.id = ${messageId}`.execute(trx);
    return rows[0]?.name ?? null;
  }

  async function attachmentsOf(trx: Transaction<any>, tenantId: string, messageId: string) {
    const { rows } = await sql<{ file_name: string; content_type: string; storage_key: string }>`
      select file_name, content_type, storage_key from attachments where tenant_id = ${tenantId} and message_id = ${messageId} order by id`.execute(trx);
    const files = [];
    for (const row of rows) {
      const stream = await deps.storage.get(row.storage_key);
      if (stream) files.push({ filename: row.file_name, contentType: row.content_type, content: stream });
    }
    return files;
  }

  return { sendOne, sendDue };
}

export type DeliverySender = ReturnType<typeof createDeliverySender>;
