import { sql } from 'kysely';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logger/logger.ts';
import { fetchNewMessages, FetchInterruptedError, type FetchOutcome } from '../imap/imap-fetch.ts';
import { mailboxesRepo } from '../mailboxes.repo.ts';
import { headerBlock } from './raw-headers.ts';
import { receiveInbound } from './receive.ts';

/**
 * One IMAP poll of one mailbox (a job; pg-boss runs several mailboxes in parallel). Each message
 * is stored raw before the cursor moves past it, and the store is idempotent by
 * (UIDVALIDITY, UID): a crash mid-fetch loses nothing and stores nothing twice.
 */
export function createImapPoller(deps: { db: Database; logger: Logger; secrets: SecretBox }) {
  const { db, logger } = deps;

  async function poll(tenantId: string, mailboxId: string): Promise<{ fetched: number } | null> {
    const mailbox = await db.tenantTx(tenantId, (trx) => mailboxesRepo(trx, tenantId).find(mailboxId));
    if (!mailbox || !mailbox.active || !mailbox.imap_enabled || !mailbox.imap_host || !mailbox.imap_user) return null;
    const maxBytes = Number(mailbox.max_message_bytes);
    let stored = { uidValidity: mailbox.imap_uid_validity, lastUid: Number(mailbox.imap_last_uid) };
    const saveCursor = (cursor: { uidValidity: string | null; lastUid: number }, error: string | null) =>
      db.tenantTx(tenantId, (trx) => mailboxesRepo(trx, tenantId).savePoll(mailboxId, { uidValidity: cursor.uidValidity, lastUid: cursor.lastUid, error }));

    let outcome: FetchOutcome;
    try {
      outcome = await fetchNewMessages(
        {
          host: mailbox.imap_host,
          port: mailbox.imap_port ?? (mailbox.imap_secure ? 993 : 143),
          secure: mailbox.imap_secure,
          user: mailbox.imap_user,
          password: mailbox.imap_password_enc ? deps.secrets.open(mailbox.imap_password_enc) : '',
          folder: mailbox.imap_folder,
        },
        stored,
        async (message) => {
          const raw = message.source ?? (message.headers ? Buffer.from(headerBlock(message.headers), 'latin1') : Buffer.alloc(0));
          await receiveInbound(db, tenantId, {
            mailbox_id: mailboxId,
            source: 'imap',
            envelope_from: null,
            envelope_to: [mailbox.address],
            imap_uid_validity: message.uidValidity,
            imap_uid: message.uid,
            size_bytes: message.size,
            raw,
            truncated: message.source === null,
            maxBytes,
          });
          // The cursor follows every stored message, so a crash re-fetches at most one (deduplicated).
          stored = { uidValidity: message.uidValidity, lastUid: message.uid };
          await saveCursor(stored, null);
        },
        { maxBytes, logger },
      );
    } catch (error) {
      const cause = error instanceof FetchInterruptedError ? error.cause : error;
      const text = cause instanceof Error ? `${(cause as { code?: string }).code ?? 'ERROR'}: ${cause.message}` : String(cause);
      await saveCursor(stored, text.slice(0, 1000));
      logger.warn({ tenantId, mailboxId, err: cause }, 'imap poll failed');
      return { fetched: 0 };
    }
    await saveCursor(outcome.cursor, null);
    if (outcome.fetched > 0) logger.info({ tenantId, mailboxId, fetched: outcome.fetched }, 'imap messages stored');
    return { fetched: outcome.fetched + outcome.skippedTooLarge };
  }

  /**
   * Mailboxes whose poll interval has passed, in every tenant, marked as polled now so the next
   * minute's tick does not start a second poll of a mailbox still being fetched.
   */
  async function claimDue(): Promise<{ tenant_id: string; id: string }[]> {
    const { rows } = await sql<{ tenant_id: string; id: string }>`update mailboxes set imap_last_polled_at = now()
      where (tenant_id, id) in (
        select tenant_id, id from mailboxes
        where active and imap_enabled and imap_host is not null
          and (imap_last_polled_at is null or imap_last_polled_at + make_interval(secs => imap_poll_seconds) <= now() + interval '5 seconds')
        order by imap_last_polled_at nulls first limit 500 for update skip locked)
      returning tenant_id::text, id::text`.execute(db.system);
    return rows;
  }

  return { poll, claimDue };
}
