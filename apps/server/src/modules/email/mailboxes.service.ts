import type { z } from 'zod';
import type { MailboxCreateBody, MailboxUpdateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Database } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/pg-errors.ts';
import { conflict, invalid, notFound } from '../../platform/errors/app-error.ts';
import { recordAudit } from '../identity/index.ts';
import { testImapConnection } from './imap/imap-fetch.ts';
import { mailboxesRepo, type MailboxColumns, type MailboxRow } from './mailboxes.repo.ts';
import { createTransporter, smtpErrorText, smtpOptionsFor } from './outbound/smtp-transport.ts';

type CreateBody = z.output<typeof MailboxCreateBody>;
type UpdateBody = z.output<typeof MailboxUpdateBody>;

const mailboxNotFound = () => notFound('MAILBOX_NOT_FOUND', 'The mailbox');
const addressTaken = () => conflict('MAILBOX_ADDRESS_TAKEN', 'This address already belongs to a mailbox');

/** The API body as columns: passwords sealed (`null` clears one, omitted keeps it). */
function toColumns(body: UpdateBody, secrets: SecretBox): MailboxColumns {
  const { imap, outbound, ...plain } = body;
  const seal = (password: string | null | undefined) => (password === undefined ? undefined : password === null || password === '' ? null : secrets.seal(password));
  return {
    ...plain,
    address: plain.address?.trim(),
    max_message_bytes: plain.max_message_bytes === undefined ? undefined : String(plain.max_message_bytes),
    imap_enabled: imap?.enabled,
    imap_host: imap?.host,
    imap_port: imap?.port,
    imap_secure: imap?.secure,
    imap_user: imap?.user,
    imap_password_enc: seal(imap?.password),
    imap_folder: imap?.folder,
    imap_poll_seconds: imap?.poll_seconds,
    outbound_mode: outbound?.mode,
    smtp_host: outbound?.host,
    smtp_port: outbound?.port,
    smtp_secure: outbound?.secure,
    smtp_user: outbound?.user,
    smtp_password_enc: seal(outbound?.password),
  };
}

/** Audit without secrets: a password change shows as "changed", never its value. */
function auditable(body: UpdateBody): Record<string, unknown> {
  const scrub = (part?: { password?: string | null }) => (part?.password === undefined ? part : { ...part, password: '[changed]' });
  return { ...body, imap: scrub(body.imap), outbound: scrub(body.outbound) };
}

function checkImapComplete(row: MailboxRow): void {
  if (!row.imap_enabled) return;
  const missing = (['imap_host', 'imap_user', 'imap_password_enc'] as const).filter((key) => !row[key]);
  if (missing.length > 0) {
    throw invalid('MAILBOX_IMAP_INCOMPLETE', 'IMAP needs a host, a user and a password before it can be enabled', missing.map((key) => ({
      path: `body.imap.${key.replace('imap_', '').replace('_enc', '')}`,
      message: 'required when IMAP is enabled',
    })));
  }
}

/** Mailboxes: the addresses customers write to, how mail comes in and goes out. */
export function createMailboxesService(deps: { db: Database; secrets: SecretBox; instanceSmtpUrl?: string }) {
  const { db, secrets } = deps;

  async function write(actor: Actor, work: () => Promise<MailboxRow>): Promise<MailboxRow> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error) === 'mailboxes_address_key') throw addressTaken();
      throw error;
    }
  }

  async function checkGroup(trx: Parameters<Parameters<Database['tenantTx']>[1]>[0], tenantId: string, groupId: string | null | undefined) {
    if (groupId && !(await mailboxesRepo(trx, tenantId).groupExists(groupId))) {
      throw invalid('VALIDATION_FAILED', 'The mailbox is not valid', [{ path: 'body.default_group_id', message: 'no group with this id' }]);
    }
  }

  return {
    async list(actor: Actor) {
      authorize(actor, 'mailboxes:read');
      return db.tenantTx(actor.tenantId, (trx) => mailboxesRepo(trx, actor.tenantId).list());
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'mailboxes:read');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const repo = mailboxesRepo(trx, actor.tenantId);
        const row = await repo.find(id);
        if (!row) throw mailboxNotFound();
        return { ...row, quarantined: await repo.quarantinedCount(id) };
      });
    },

    async create(actor: Actor, body: CreateBody) {
      authorize(actor, 'mailboxes:write');
      return write(actor, () =>
        db.tenantTx(actor.tenantId, async (trx) => {
          await checkGroup(trx, actor.tenantId, body.default_group_id);
          const row = await mailboxesRepo(trx, actor.tenantId).insert(toColumns(body, secrets));
          checkImapComplete(row);
          await recordAudit(trx, actor, { action: 'mailbox.created', targetType: 'mailbox', targetId: row.id, changes: auditable(body) });
          return { ...row, quarantined: 0 };
        }),
      );
    },

    async update(actor: Actor, id: string, body: UpdateBody) {
      authorize(actor, 'mailboxes:write');
      return write(actor, () =>
        db.tenantTx(actor.tenantId, async (trx) => {
          const repo = mailboxesRepo(trx, actor.tenantId);
          if (!(await repo.find(id, true))) throw mailboxNotFound();
          await checkGroup(trx, actor.tenantId, body.default_group_id);
          const row = (await repo.update(id, toColumns(body, secrets)))!;
          checkImapComplete(row);
          await recordAudit(trx, actor, { action: 'mailbox.updated', targetType: 'mailbox', targetId: id, changes: auditable(body) });
          return { ...row, quarantined: await repo.quarantinedCount(id) };
        }),
      );
    },

    async remove(actor: Actor, id: string) {
      authorize(actor, 'mailboxes:write');
      await db.tenantTx(actor.tenantId, async (trx) => {
        if (!(await mailboxesRepo(trx, actor.tenantId).remove(id))) throw mailboxNotFound();
        await recordAudit(trx, actor, { action: 'mailbox.deleted', targetType: 'mailbox', targetId: id });
      });
    },

    /** Connects to the real server with the stored settings and reports its own answer. */
    async test(actor: Actor, id: string, target: 'imap' | 'smtp') {
      authorize(actor, 'mailboxes:write');
      const row = await db.tenantTx(actor.tenantId, (trx) => mailboxesRepo(trx, actor.tenantId).find(id));
      if (!row) throw mailboxNotFound();
      if (target === 'imap') {
        if (!row.imap_host || !row.imap_user) return { target, ok: false, code: 'MAILBOX_IMAP_INCOMPLETE', message: 'IMAP host and user are not set' };
        const result = await testImapConnection({
          host: row.imap_host,
          port: row.imap_port ?? (row.imap_secure ? 993 : 143),
          secure: row.imap_secure,
          user: row.imap_user,
          password: row.imap_password_enc ? secrets.open(row.imap_password_enc) : '',
          folder: row.imap_folder,
        });
        return result.ok
          ? { target, ok: true, code: null, message: `${result.greeting ?? 'Connected'} (${result.messages} messages in ${row.imap_folder})` }
          : { target, ok: false, code: result.code, message: result.message };
      }
      const options = smtpOptionsFor(row, secrets, deps.instanceSmtpUrl);
      if (!options) return { target, ok: false, code: 'MAILBOX_SMTP_INCOMPLETE', message: 'No SMTP host is set and the instance has no SMTP_URL' };
      const transporter = createTransporter(options);
      try {
        await transporter.verify();
        return { target, ok: true, code: null, message: 'The SMTP server accepted the connection' + (row.smtp_user ? ' and the credentials' : '') };
      } catch (error) {
        const failure = smtpErrorText(error);
        return { target, ok: false, code: failure.code, message: failure.message };
      } finally {
        transporter.close();
      }
    },
  };
}

export type MailboxesService = ReturnType<typeof createMailboxesService>;
