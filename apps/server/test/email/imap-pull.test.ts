import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailModule } from '../../src/modules/email/index.ts';
import { startDovecot, type DovecotServer } from '../helpers/dovecot.ts';
import { eventually } from '../platform/jobs-support.ts';
import { rawMail, startEmailStack, type EmailStack } from './email-support.ts';

/**
 * IMAP pull against a real Dovecot: the poll stores each message raw and moves the cursor, the
 * processor makes tickets; a poll interrupted before its cursor was saved (a crash) re-fetches
 * without storing or ticketing anything twice. The connection test reports the server's words.
 */
describe('IMAP pull', () => {
  let s: EmailStack;
  let dovecot: DovecotServer;
  let mailboxId: string;
  const user = 'desk@imap.test';
  const password = 'imap-password-1';

  const ticketsCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from tickets where tenant_id = ${s.tenant.tenant.id}`.execute(s.t.ctx.db.system)).rows[0]!.n);
  const inboundRows = async () =>
    (await sql<{ imap_uid: string; status: string }>`select imap_uid::text, status from inbound_emails
      where tenant_id = ${s.tenant.tenant.id} and source = 'imap' order by imap_uid`.execute(s.t.ctx.db.system)).rows;
  const poll = () => createEmailModule(s.t.ctx).poller.poll(s.tenant.tenant.id, mailboxId);

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user, password }] });
    s = await startEmailStack();
    const created = await s.api('POST', '/api/v1/mailboxes', {
      address: `pull-${s.tenant.tenant.id}@imap.test`,
      name: 'Pull',
      smtp_inbound: false,
      imap: { enabled: true, host: '127.0.0.1', port: dovecot.port, secure: false, user, password, folder: 'INBOX', poll_seconds: 60 },
      auto_ack_enabled: false,
    });
    expect(created.status).toBe(201);
    expect(created.body.imap).toMatchObject({ enabled: true, password_set: true });
    expect(JSON.stringify(created.body)).not.toContain(password);
    mailboxId = created.body.id;
  });
  afterAll(async () => {
    await s?.close();
    await dovecot?.stop();
  });

  it('stores the password sealed, never in the API or the audit log', async () => {
    const { rows } = await sql<{ imap_password_enc: string }>`select imap_password_enc from mailboxes where id = ${mailboxId}`.execute(s.t.ctx.db.system);
    expect(rows[0]!.imap_password_enc).toMatch(/^v1\./);
    expect(rows[0]!.imap_password_enc).not.toContain(password);
    const audit = await sql<{ changes: unknown }>`select changes from audit_log where target_type = 'mailbox' and target_id = ${mailboxId}`.execute(s.t.ctx.db.system);
    expect(JSON.stringify(audit.rows)).not.toContain(password);
  });

  it("reports the real server's answer from the connection test", async () => {
    const ok = await s.api('POST', `/api/v1/mailboxes/${mailboxId}/test`, { target: 'imap' });
    expect(ok.body).toMatchObject({ target: 'imap', ok: true, code: null });
    const wrong = await s.api('POST', '/api/v1/mailboxes', {
      address: `wrong-${s.tenant.tenant.id}@imap.test`, name: 'Wrong',
      imap: { host: '127.0.0.1', port: dovecot.port, secure: false, user, password: 'not-the-password' },
    });
    const failed = await s.api('POST', `/api/v1/mailboxes/${wrong.body.id}/test`, { target: 'imap' });
    expect(failed.body).toMatchObject({ ok: false, code: 'IMAP_AUTH_FAILED' });
    expect(failed.body.message).toMatch(/auth/i);
    const smtp = await s.api('PATCH', `/api/v1/mailboxes/${wrong.body.id}`, { outbound: { host: '127.0.0.1', port: 1, secure: false } });
    expect(smtp.status).toBe(200);
    const refused = await s.api('POST', `/api/v1/mailboxes/${wrong.body.id}/test`, { target: 'smtp' });
    expect(refused.body).toMatchObject({ ok: false, code: 'SMTP_CONNECT_FAILED' });
    expect(refused.body.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses to enable IMAP without its settings, and a second mailbox on a taken address', async () => {
    const incomplete = await s.api('POST', '/api/v1/mailboxes', { address: `x-${s.tenant.tenant.id}@imap.test`, name: 'X', imap: { enabled: true } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.code).toBe('MAILBOX_IMAP_INCOMPLETE');
    const taken = await s.api('POST', '/api/v1/mailboxes', { address: s.mailbox.address.toUpperCase(), name: 'Again' });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('MAILBOX_ADDRESS_TAKEN');
    const bad = await s.api('POST', '/api/v1/mailboxes', { address: 'not-an-address', name: 'Bad', max_message_bytes: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['body.address', 'body.max_message_bytes']));
  });

  it('pulls new messages into tickets, once each, and picks up only what is new on the next poll', async () => {
    for (const n of [1, 2, 3]) {
      await dovecot.append(user, 'INBOX', Buffer.from(rawMail({ From: `buyer${n}@example.com`, To: 'desk@imap.test', Subject: `IMAP 问题 ${n}`, 'Message-ID': `<imap-${n}@example.com>` }, `第 ${n} 封`)));
    }
    expect(await poll()).toEqual({ fetched: 3 });
    await eventually(async () => (await inboundRows()).every((row) => row.status === 'processed') && (await ticketsCount()) === 3);
    expect(await poll()).toEqual({ fetched: 0 });

    await dovecot.append(user, 'INBOX', Buffer.from(rawMail({ From: 'buyer4@example.com', To: 'desk@imap.test', Subject: 'IMAP 问题 4', 'Message-ID': '<imap-4@example.com>' }, '第 4 封')));
    expect(await poll()).toEqual({ fetched: 1 });
    await eventually(async () => (await ticketsCount()) === 4);
    const { rows } = await sql<{ imap_last_uid: string; imap_last_error: string | null }>`select imap_last_uid::text, imap_last_error from mailboxes where id = ${mailboxId}`.execute(s.t.ctx.db.system);
    expect(rows[0]).toEqual({ imap_last_uid: '4', imap_last_error: null });
  });

  it('neither loses nor duplicates after a crash that lost the cursor', async () => {
    // As if the process died after storing messages but before the cursor was written.
    await sql`update mailboxes set imap_last_uid = 1 where id = ${mailboxId}`.execute(s.t.ctx.db.system);
    await dovecot.append(user, 'INBOX', Buffer.from(rawMail({ From: 'buyer5@example.com', To: 'desk@imap.test', Subject: 'IMAP 问题 5', 'Message-ID': '<imap-5@example.com>' }, '第 5 封')));
    await poll();
    await eventually(async () => (await ticketsCount()) === 5);
    expect((await inboundRows()).map((row) => row.imap_uid)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('records a failing server on the mailbox and carries on', async () => {
    await s.api('PATCH', `/api/v1/mailboxes/${mailboxId}`, { imap: { password: 'changed-wrong' } });
    expect(await poll()).toEqual({ fetched: 0 });
    const mailbox = (await s.api('GET', `/api/v1/mailboxes/${mailboxId}`)).body;
    expect(mailbox.imap.last_error).toMatch(/IMAP_AUTH_FAILED/);
  });
});
