import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reactionConsumers } from '../../src/app/worker.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createMailJobs, createMailSender, createSmtpTransport, MAX_MAIL_ATTEMPTS } from '../../src/platform/mail/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { startMailSink, type MailSink } from '../helpers/mail-sink.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;
const logger = createLogger('silent');
const context = { logger, attempt: 1 };

describe('mail outbox delivery over SMTP', () => {
  let t: TestApp;
  let w: World;
  let sink: MailSink;
  let n = 0;
  beforeAll(async () => {
    sink = await startMailSink();
    t = await createTestApp({ SWITCHBOARD_PUBLIC_URL: 'http://desk.test', SMTP_URL: sink.url, MAIL_FROM: 'Desk <desk@example.com>' });
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function inviteSomeone(locale: 'en' | 'zh-CN' = 'en') {
    const email = `mail-${++n}-${Date.now()}@example.com`;
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/invitations', headers: bearer(w.tokens.owner), payload: { name: `Person ${n}`, email, locale } });
    expect(response.statusCode).toBe(201);
    const { rows } = await sql<{ id: string; status: string }>`select id::text, status from mail_outbox where to_address = ${email}`.execute(t.ctx.db.system);
    return { email, mailId: rows[0].id };
  }
  const statusOf = async (id: string) =>
    (await sql<{ status: string; attempts: number; last_error: string | null; message_id: string | null }>`
      select status, attempts, last_error, message_id from mail_outbox where id = ${id}`.execute(t.ctx.db.system)).rows[0];

  it('the reaction sends the queued mail to the SMTP server, and a second run does nothing', async () => {
    const consumer = reactionConsumers(t.ctx).find((c) => c.name === 'mail.send')!;
    const { email, mailId } = await inviteSomeone('zh-CN');
    const event = { tenantId: w.tenant.id, topic: 'mail.queued', payload: { mail_id: mailId }, key: `outbox:${mailId}` };
    const before = sink.received.length;
    expect(await consumer.handle(event)).toBe('done');
    const mail = await sink.waitFor(email, { after: before });
    expect(mail.from).toBe('desk@example.com');
    expect(mail.subject).toContain('邀请您加入');
    expect(mail.text).toMatch(/http:\/\/desk\.test\/accept-invite\?token=[A-Za-z0-9_-]{20,}/);
    expect(await statusOf(mailId)).toMatchObject({ status: 'sent', attempts: 1 });

    expect(await consumer.handle(event)).toBe('skipped');
    const { sweep } = createMailJobs(t.ctx);
    expect(await sweep.handler({}, context)).toBe('skipped');
    expect(sink.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('two workers racing for one mail send it once', async () => {
    const sender = createMailSender({ db: t.ctx.db, logger, transport: createSmtpTransport(sink.url), from: 'desk@example.com' });
    const { email, mailId } = await inviteSomeone();
    const results = await Promise.all([sender.sendOne(w.tenant.id, mailId), sender.sendOne(w.tenant.id, mailId), sender.sendDue()]);
    await sink.waitFor(email);
    expect(results.filter((r) => r === 'sent' || r === 1)).toHaveLength(1);
    expect(sink.received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('without SMTP_URL the mail stays pending (logged, not sent), and the sweep sends it once configured', async () => {
    const unconfigured = createMailSender({ db: t.ctx.db, logger, transport: undefined, from: 'desk@example.com' });
    const { email, mailId } = await inviteSomeone();
    expect(await unconfigured.sendOne(w.tenant.id, mailId)).toBe('not-configured');
    expect(await unconfigured.sendDue()).toBe(0);
    expect(await statusOf(mailId)).toMatchObject({ status: 'pending', attempts: 0 });

    const { sweep } = createMailJobs(t.ctx);
    expect(await sweep.handler({}, context)).toBe('done');
    await sink.waitFor(email);
    expect((await statusOf(mailId)).status).toBe('sent');
    expect(await sweep.handler({}, context)).toBe('skipped');
  });

  it('a refusing server: the mail is retried later with back-off, and marked failed after the last attempt', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const port = await new Promise<number>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve((refusing.server.address() as { port: number }).port)));
    try {
      const sender = createMailSender({ db: t.ctx.db, logger, transport: createSmtpTransport(`smtp://127.0.0.1:${port}`), from: 'desk@example.com' });
      const { mailId } = await inviteSomeone();
      expect(await sender.sendOne(w.tenant.id, mailId)).toBe('refused');
      const after = await statusOf(mailId);
      expect(after).toMatchObject({ status: 'pending', attempts: 1 });
      expect(after.last_error).toMatch(/550|unavailable/);
      const due = await sql<{ later: boolean }>`select next_attempt_at > now() as later from mail_outbox where id = ${mailId}`.execute(t.ctx.db.system);
      expect(due.rows[0].later).toBe(true);

      await sql`update mail_outbox set attempts = ${MAX_MAIL_ATTEMPTS - 1} where id = ${mailId}`.execute(t.ctx.db.system);
      expect(await sender.sendOne(w.tenant.id, mailId)).toBe('refused');
      expect((await statusOf(mailId)).status).toBe('failed');
      expect(await sender.sendOne(w.tenant.id, mailId)).toBe('not-due');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('prunes old sent mail, keeps pending mail', async () => {
    const { mailId } = await inviteSomeone();
    await sql`update mail_outbox set status = 'sent', created_at = now() - interval '30 days' where id = ${mailId}`.execute(t.ctx.db.system);
    const { prune } = createMailJobs(t.ctx);
    expect(await prune.handler({}, context)).toBe('done');
    expect(await statusOf(mailId)).toBeUndefined();
    expect(await prune.handler({}, context)).toBe('skipped');
  });
});
