import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger/logger.ts';
import type { MailTransport } from './mail-transport.ts';

/** After this many refused attempts a mail is marked failed and left alone. */
export const MAX_MAIL_ATTEMPTS = 8;

interface MailRow {
  tenant_id: string;
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attempts: number;
}

export type SendResult = 'sent' | 'not-due' | 'not-configured' | 'refused';

/** Minutes to wait after the n-th refused attempt: 1, 2, 4... capped at an hour. */
export const retryDelayMinutes = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1));

/**
 * Sends queued mail. Each row is locked (FOR UPDATE SKIP LOCKED) while it is sent and marked
 * in the same transaction, so two workers never send one row, and a row already sent is left
 * alone: running the job twice does no harm. A crash between the SMTP answer and the commit can
 * send a mail twice (at least once, never lost).
 */
export function createMailSender(deps: { db: Database; logger: Logger; transport: MailTransport | undefined; from: string }) {
  const log = deps.logger.child({ component: 'mail' });

  async function deliver(trx: Transaction<any>, row: MailRow): Promise<SendResult> {
    if (!deps.transport) {
      log.info({ mailId: row.id, kind: row.kind }, 'mail is not configured (SMTP_URL unset): the mail stays queued');
      return 'not-configured';
    }
    try {
      const info = await deps.transport.send({
        from: deps.from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
      });
      await sql`update mail_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = ${info.messageId},
        last_error = null where tenant_id = ${row.tenant_id} and id = ${row.id}`.execute(trx);
      log.info({ mailId: row.id, kind: row.kind }, 'mail sent');
      return 'sent';
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message.slice(0, 500) : 'send failed';
      const status = attempts >= MAX_MAIL_ATTEMPTS ? 'failed' : 'pending';
      await sql`update mail_outbox set attempts = ${attempts}, last_error = ${message}, status = ${status},
        next_attempt_at = now() + make_interval(mins => ${retryDelayMinutes(attempts)})
        where tenant_id = ${row.tenant_id} and id = ${row.id}`.execute(trx);
      log.warn({ mailId: row.id, kind: row.kind, attempts, err: message }, 'mail refused by the SMTP server');
      return 'refused';
    }
  }

  return {
    /** Sends one queued mail now (the reaction to its queueing), unless it is sent or locked. */
    sendOne: (tenantId: string, id: string): Promise<SendResult> =>
      deps.db.systemTx(async (trx) => {
        const { rows } = await sql<MailRow>`select tenant_id::text, id::text, kind, to_address, subject, text_body, html_body, attempts
          from mail_outbox where tenant_id = ${tenantId} and id = ${id} and status = 'pending'
          for update skip locked`.execute(trx);
        return rows[0] ? deliver(trx, rows[0]) : 'not-due';
      }),

    /** Sends up to `limit` due mails of any tenant, one transaction each; returns how many were sent. */
    async sendDue(limit = 50): Promise<number> {
      if (!deps.transport) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from mail_outbox where status = 'pending'`.execute(deps.db.system);
        if (rows[0].n > 0) log.info({ pending: rows[0].n }, 'mail is not configured (SMTP_URL unset): mails stay queued');
        return 0;
      }
      let sent = 0;
      for (let i = 0; i < limit; i++) {
        const result = await deps.db.systemTx(async (trx) => {
          const { rows } = await sql<MailRow>`select tenant_id::text, id::text, kind, to_address, subject, text_body, html_body, attempts
            from mail_outbox where status = 'pending' and next_attempt_at <= now()
            order by next_attempt_at, id limit 1 for update skip locked`.execute(trx);
          return rows[0] ? deliver(trx, rows[0]) : undefined;
        });
        if (result === undefined) break;
        if (result === 'sent') sent += 1;
      }
      return sent;
    },

    /** Removes sent and failed mails older than `days` (their links have long expired). */
    async prune(days = 14): Promise<number> {
      const result = await sql`delete from mail_outbox where status <> 'pending' and created_at < now() - make_interval(days => ${days})`.execute(
        deps.db.system,
      );
      return Number(result.numAffectedRows ?? 0);
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
