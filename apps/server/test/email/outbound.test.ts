import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailModule } from '../../src/modules/email/index.ts';
import { eventually } from '../platform/jobs-support.ts';
import { uploadFile } from '../helpers/ticket-factories.ts';
import { rawMail, startEmailStack, type EmailStack } from './email-support.ts';

/** An SMTP server that refuses every recipient with `reply` (e.g. "550 5.1.1 User unknown"). */
async function startRefusingServer(code: number, text: string): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(text), { responseCode: code }));
    },
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Outbound: failures are kept on the message with the server's words and retried (transient) or
 * given up (permanent); acknowledgements are rate-limited per sender; an agent's forward opens
 * a ticket for the original sender; a bounced address gets no acknowledgement.
 */
describe('email outbound and special inbound', () => {
  let s: EmailStack;
  let refusing: Awaited<ReturnType<typeof startRefusingServer>>;

  beforeAll(async () => {
    s = await startEmailStack({ mailbox: { auto_ack_per_sender_hour: 2 } });
    refusing = await startRefusingServer(550, '5.1.1 <gone@example.com>: Recipient address rejected: User unknown');
  });
  afterAll(async () => {
    await s?.close();
    await refusing?.close();
  });

  const ticketFrom = async (from: string, messageId: string, subject = 'Help') => {
    await s.deliver(rawMail({ From: from, To: s.mailbox.address, Subject: subject, 'Message-ID': `<${messageId}>` }, 'please help'), { from });
    return (await s.inboundByMessageId(messageId)).ticket_id as string;
  };

  it('acknowledges at most N new tickets per sender per hour', async () => {
    const before = s.sink.received.length;
    for (const n of [1, 2, 3]) await ticketFrom('busy@example.com', `busy-${n}@example.com`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const acks = s.sink.received.slice(before).filter((mail) => mail.to.includes('busy@example.com'));
    expect(acks).toHaveLength(2);
  });

  it('shows a permanent refusal on the message and gives up; a transient one stays pending with its error', async () => {
    const ticketId = await ticketFrom('gone@example.com', 'gone-1@example.com');
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { outbound: { host: '127.0.0.1', port: refusing.port } });
    const reply = await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Hello', public: true }, s.tenant.tokens.agent);
    const delivery = await eventually(async () => {
      const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
      const state = messages.find((m: any) => m.id === reply.body.id)?.email?.delivery;
      return state?.status === 'failed' ? state : null;
    });
    expect(delivery.error).toContain('550');
    expect(delivery.attempts).toBe(1);

    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { outbound: { host: '127.0.0.1', port: 1 } });
    const second = await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Again', public: true }, s.tenant.tokens.agent);
    const pending = await eventually(async () => {
      const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
      const state = messages.find((m: any) => m.id === second.body.id)?.email?.delivery;
      return state?.error ? state : null;
    });
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.error).toMatch(/ECONNREFUSED/);

    // The server is back: the retry (the sweep, once due) sends it.
    const before = s.sink.received.length;
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { outbound: { host: '127.0.0.1', port: s.sink.port } });
    await sql`update email_deliveries set next_attempt_at = now() where message_id = ${second.body.id}`.execute(s.t.ctx.db.system);
    expect(await createEmailModule(s.t.ctx).sender.sendDue()).toBeGreaterThanOrEqual(1);
    const mail = await s.sink.waitFor('gone@example.com', { after: before });
    expect(mail.text).toContain('Again');
  });

  it('sends a reply with its attachments, and holds mail beyond the per-minute limit until it is due', async () => {
    const ticketId = await ticketFrom('files@example.com', 'files-1@example.com');
    await s.sink.waitFor('files@example.com'); // the acknowledgement
    const upload = await uploadFile(s.t.app, s.tenant.tokens.agent, '发票.pdf', 'application/pdf', Buffer.from('%PDF-1.4 invoice'));
    let before = s.sink.received.length;
    await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: '发票见附件', public: true, attachment_tokens: [upload.token] }, s.tenant.tokens.agent);
    const mail = await s.sink.waitFor('files@example.com', { after: before });
    expect(mail.raw).toMatch(/Content-Type: application\/pdf/i);
    expect(mail.raw).toContain(Buffer.from('%PDF-1.4 invoice').toString('base64').slice(0, 20));

    // More than a mail this minute already: the next one waits, pending, for a later minute.
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { send_limit_per_minute: 1 });
    before = s.sink.received.length;
    const held = await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'held back', public: true }, s.tenant.tokens.agent);
    const waiting = await eventually(async () => {
      const { rows } = await sql<{ status: string; attempts: number }>`select status, attempts from email_deliveries
        where message_id = ${held.body.id} and next_attempt_at > now()`.execute(s.t.ctx.db.system);
      return rows[0];
    });
    expect(waiting).toEqual({ status: 'pending', attempts: 0 });
    expect(s.sink.received.length).toBe(before);
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { send_limit_per_minute: 60 });
    await sql`update email_deliveries set next_attempt_at = now() where message_id = ${held.body.id}`.execute(s.t.ctx.db.system);
    await createEmailModule(s.t.ctx).sender.sendDue();
    expect((await s.sink.waitFor('files@example.com', { after: before })).text).toContain('held back');
  });

  it("opens a forwarded mail from an agent as the original sender's ticket", async () => {
    const agentEmail = (await s.api('GET', `/api/v1/users/${s.tenant.users.agent.id}`)).body.email;
    const body = [
      'FYI, customer called too.',
      '',
      '---------- Forwarded message ---------',
      'From: 王芳 <wang.fang@example.cn>',
      'Date: Mon, 23 Nov 2026 09:00:00 +0800',
      'Subject: 退款申请',
      `To: ${agentEmail}`,
      '',
      '我想申请退款，订单号 12345。',
    ].join('\n');
    await s.deliver(rawMail({ From: agentEmail, To: s.mailbox.address, Subject: 'Fwd: 退款申请', 'Message-ID': '<fwd-1@example.com>' }, body), { from: agentEmail });
    const inbound = await s.inboundByMessageId('fwd-1@example.com');
    const ticket = (await s.api('GET', `/api/v1/tickets/${inbound.ticket_id}`)).body;
    expect(ticket.subject).toBe('退款申请');
    expect(ticket.submitter_id).toBe(s.tenant.users.agent.id);
    const requester = (await s.api('GET', `/api/v1/users/${ticket.requester_id}`)).body;
    expect(requester).toMatchObject({ email: 'wang.fang@example.cn', name: '王芳' });
  });

  it('sends no acknowledgement to an address that bounced', async () => {
    await sql`insert into email_bounces (tenant_id, address) values (${s.tenant.tenant.id}, 'bounced@example.com')`.execute(s.t.ctx.db.system);
    const before = s.sink.received.length;
    await ticketFrom('bounced@example.com', 'bounced-1@example.com');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(s.sink.received.slice(before).filter((mail) => mail.to.includes('bounced@example.com'))).toHaveLength(0);
  });

  it('keeps inline images and attachments, pointing cid: images at the stored file', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const boundary = 'rel-boundary';
    const raw = [
      'From: pic@example.com', `To: ${s.mailbox.address}`, 'Subject: Screenshot', 'Message-ID: <pic-1@example.com>', 'MIME-Version: 1.0',
      `Content-Type: multipart/related; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/html; charset=utf-8', '', '<p>See <img src="cid:shot@example.com" alt="shot"></p>',
      `--${boundary}`, 'Content-Type: image/png; name="shot.png"', 'Content-Transfer-Encoding: base64', 'Content-ID: <shot@example.com>',
      'Content-Disposition: inline; filename="shot.png"', '', png.toString('base64'),
      `--${boundary}--`, '',
    ].join('\r\n');
    await s.deliver(raw, { from: 'pic@example.com' });
    const inbound = await s.inboundByMessageId('pic-1@example.com');
    const [message] = (await s.api('GET', `/api/v1/tickets/${inbound.ticket_id}/messages`)).body.data;
    expect(message.attachments).toHaveLength(1);
    expect(message.html_body).toContain(`src="${message.attachments[0].url}"`);
    const file = await s.t.app.inject({ method: 'GET', url: message.attachments[0].url, headers: { authorization: `Bearer ${s.tenant.tokens.agent}` } });
    expect(file.rawPayload.equals(png)).toBe(true);
  });
});
