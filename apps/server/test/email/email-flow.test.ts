import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, createUser } from '../helpers/factories.ts';
import { eventually } from '../platform/jobs-support.ts';
import { encodedSubject, rawMail, startEmailStack, type EmailStack } from './email-support.ts';

/**
 * The email channel end to end over real SMTP: a customer's mail through the built-in listener
 * becomes a ticket with an acknowledgement; the agent's reply goes out threaded; the customer's
 * answer (with or without headers) lands on the same ticket; auto-mail and bounces never open one.
 */
describe('email end to end', () => {
  let s: EmailStack;
  const customer = 'li.lei@example.cn';
  let ticketId: string;
  let ticketNumber: number;
  let replyMessageId: string;

  beforeAll(async () => {
    s = await startEmailStack();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('turns a Chinese mail into a ticket for the sender, with CCs, and acknowledges it once', async () => {
    await s.deliver(
      rawMail(
        {
          From: `=?UTF-8?B?${Buffer.from('李雷').toString('base64')}?= <${customer}>`,
          To: s.mailbox.address,
          Cc: 'han.meimei@example.cn',
          Subject: encodedSubject('我的物流一直延迟'),
          'Message-ID': '<first-1@example.cn>',
          Date: new Date().toUTCString(),
        },
        '你好，我的订单物流一直延迟，已经一周了。\n\n李雷',
      ),
      { from: customer },
    );
    const inbound = await s.inboundByMessageId('first-1@example.cn');
    expect(inbound).toMatchObject({ status: 'processed', kind: 'normal' });
    ticketId = inbound.ticket_id;

    const ticket = (await s.api('GET', `/api/v1/tickets/${ticketId}`)).body;
    ticketNumber = ticket.number;
    expect(ticket).toMatchObject({ subject: '我的物流一直延迟', via: 'email', status: 'new' });
    const requester = (await s.api('GET', `/api/v1/users/${ticket.requester_id}`)).body;
    expect(requester).toMatchObject({ email: customer, name: '李雷', role: 'customer' });
    expect(ticket.cc_ids).toHaveLength(1);

    const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
    expect(messages[0].body).toContain('物流一直延迟');
    expect(messages[0].email).toMatchObject({ subject: '我的物流一直延迟', inbound_id: inbound.id });

    const ack = await s.sink.waitFor(customer);
    expect(ack.subject).toContain(`[#${ticketNumber}]`);
    expect(ack.raw).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(ack.text).toContain(`#${ticketNumber}`);
  });

  it('sends a public reply from the mailbox, threaded and tagged, to the requester and the CCs; never a note', async () => {
    const before = s.sink.received.length;
    const ticket = (await s.api('GET', `/api/v1/tickets/${ticketId}`)).body;
    const note = await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: '内部备注：查一下快递单号', public: false }, s.tenant.tokens.agent);
    expect(note.status).toBe(201);
    const reply = await s.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: '您好，我们已联系快递公司，今天会更新。', public: true }, s.tenant.tokens.agent);
    expect(reply.status).toBe(201);

    const mail = await s.sink.waitFor(customer, { after: before });
    const head = mail.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
    replyMessageId = /^Message-ID: <([^>]+)>/im.exec(head)![1]!;
    expect(mail.to).toEqual(expect.arrayContaining([customer, 'han.meimei@example.cn']));
    expect(mail.subject).toBe(`Re: 我的物流一直延迟 [#${ticket.number}]`);
    expect(head).toMatch(/^In-Reply-To: <first-1@example\.cn>/im);
    expect(head).toMatch(/^References: .*<first-1@example\.cn>/im);
    expect(head).toMatch(new RegExp(`^From: .*<${s.mailbox.address}>`, 'im'));
    expect(mail.text).toContain('请在此行上方回复');
    expect(mail.text).toContain('我们已联系快递公司');
    expect(mail.text).not.toContain('内部备注');
    expect(s.sink.received.slice(before).some((m) => m.text.includes('内部备注'))).toBe(false);

    await eventually(async () => {
      const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
      return messages.find((m: any) => m.id === reply.body.id)?.email?.delivery?.status === 'sent';
    });
  });

  it("threads the customer's answer by In-Reply-To, folds the quote, and reopens a pending ticket", async () => {
    const ticket = (await s.api('GET', `/api/v1/tickets/${ticketId}`)).body;
    const pending = await s.t.app.inject({
      method: 'PATCH', url: `/api/v1/tickets/${ticketId}`, payload: { status: 'pending' },
      headers: { authorization: `Bearer ${s.tenant.tokens.agent}`, 'if-match': `"${ticket.version}"` },
    });
    expect(pending.statusCode).toBe(200);
    await s.deliver(
      rawMail(
        {
          From: customer, To: s.mailbox.address, Cc: 'han.meimei@example.cn, wang.wu@example.cn', Subject: encodedSubject('回复：我的物流一直延迟'),
          'Message-ID': '<answer-2@example.cn>', 'In-Reply-To': `<${replyMessageId}>`, References: `<first-1@example.cn> <${replyMessageId}>`,
        },
        '收到了，谢谢！\n\n------------------ 原始邮件 ------------------\n发件人: "ACME 客服" <support@acme.test>\n您好，我们已联系快递公司。',
      ),
      { from: customer },
    );
    const inbound = await s.inboundByMessageId('answer-2@example.cn');
    expect(inbound).toMatchObject({ status: 'processed', ticket_id: ticketId });
    const after = (await s.api('GET', `/api/v1/tickets/${ticketId}`)).body;
    expect(after.status).toBe('open');
    // Reply-all brought someone new: they are a CC now (the one already there is not doubled).
    expect(after.cc_ids).toHaveLength(2);
    // The reopening and the new CC are one change of the ticket (one version, one event).
    expect(after.version).toBe(ticket.version + 2);
    const events = (await s.api('GET', `/api/v1/tickets/${ticketId}/events`)).body.data;
    const updated = events.filter((event: any) => event.type === 'ticket.updated').at(-1);
    expect(Object.keys(updated.changes).sort()).toEqual(['cc_ids', 'status_category', 'status_id']);
    const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
    const answer = messages.at(-1);
    expect(answer.body).toContain('收到了');
    expect(answer.body).not.toContain('原始邮件');
    expect(answer.email.quoted_text).toContain('原始邮件');
  });

  it('threads a reply that lost its headers (QQMail) by the subject tag from a known participant only', async () => {
    await s.deliver(
      rawMail({ From: customer, To: s.mailbox.address, Subject: encodedSubject(`回复：我的物流一直延迟 [#${ticketNumber}]`), 'Message-ID': '<qq-3@example.cn>' }, '还有一个问题'),
      { from: customer },
    );
    expect(await s.inboundByMessageId('qq-3@example.cn')).toMatchObject({ status: 'processed', ticket_id: ticketId });

    await s.deliver(
      rawMail({ From: 'stranger@example.net', To: s.mailbox.address, Subject: `Re: [#${ticketNumber}] hello`, 'Message-ID': '<stranger-4@example.net>' }, 'hi'),
      { from: 'stranger@example.net' },
    );
    const stranger = await s.inboundByMessageId('stranger-4@example.net');
    expect(stranger.status).toBe('processed');
    expect(stranger.ticket_id).not.toBe(ticketId);
  });

  it('never opens a ticket or answers for out-of-office and list mail', async () => {
    const before = s.sink.received.length;
    await s.deliver(
      rawMail({ From: 'away@example.com', To: s.mailbox.address, Subject: 'Automatic reply: hello', 'Auto-Submitted': 'auto-replied', 'Message-ID': '<ooo-5@example.com>' }, 'I am away'),
      { from: 'away@example.com' },
    );
    await s.deliver(
      rawMail({ From: 'news@example.com', To: s.mailbox.address, Subject: 'Weekly news', 'List-Id': '<news.example.com>', Precedence: 'list', 'Message-ID': '<list-6@example.com>' }, 'news'),
      { from: 'news@example.com' },
    );
    expect(await s.inboundByMessageId('ooo-5@example.com')).toMatchObject({ status: 'ignored', kind: 'auto_reply', reason_code: 'AUTO_REPLY', ticket_id: null });
    expect(await s.inboundByMessageId('list-6@example.com')).toMatchObject({ status: 'ignored', kind: 'list', ticket_id: null });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(s.sink.received.slice(before).filter((m) => m.to.includes('away@example.com') || m.to.includes('news@example.com'))).toHaveLength(0);
  });

  it('keeps the second copy of a Message-ID as a duplicate', async () => {
    const mail = rawMail({ From: 'dup@example.com', To: s.mailbox.address, Subject: 'Twice', 'Message-ID': '<dup-7@example.com>' }, 'same');
    await s.deliver(mail, { from: 'dup@example.com' });
    const first = await s.inboundByMessageId('dup-7@example.com');
    await s.deliver(mail, { from: 'dup@example.com' });
    const second = await eventually(async () => {
      const { rows } = await sql<Record<string, any>>`select status, ticket_id::text from inbound_emails
        where message_id = 'dup-7@example.com' and status <> 'pending' order by id`.execute(s.t.ctx.db.system);
      return rows.length === 2 ? rows[1] : null;
    });
    expect(second).toMatchObject({ status: 'duplicate', ticket_id: first.ticket_id });
  });

  it('attaches a bounce of our reply to its ticket, flags the address and marks the delivery failed', async () => {
    const boundary = 'dsn-boundary';
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.cn>',
      `To: ${s.mailbox.address}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce-8@mx.example.cn>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'This is the mail system. Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.cn',
      '',
      `Final-Recipient: rfc822; ${customer}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${replyMessageId}>`,
      `To: ${customer}`,
      'Subject: Re: hello',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await s.deliver(dsn, { from: '' });
    const inbound = await s.inboundByMessageId('bounce-8@mx.example.cn');
    expect(inbound).toMatchObject({ status: 'ignored', kind: 'bounce', ticket_id: ticketId });
    const messages = (await s.api('GET', `/api/v1/tickets/${ticketId}/messages`)).body.data;
    const note = messages.at(-1);
    expect(note.public).toBe(false);
    expect(note.body).toContain('5.1.1');
    expect(note.attachments[0].file_name).toBe('bounce.eml');
    const { rows } = await sql`select address from email_bounces where tenant_id = ${s.tenant.tenant.id}`.execute(s.t.ctx.db.system);
    expect(rows).toEqual([{ address: customer }]);
  });

  it('refuses unknown recipients at RCPT time and oversized mail with 552, quarantining its headers', async () => {
    await expect(s.deliver(rawMail({ From: 'x@example.com', To: 'nobody@acme.test', Subject: 'x' }, 'x'), { to: ['nobody@acme.test'] })).rejects.toThrow(/550/);
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { max_message_bytes: 4096 });
    const big = rawMail({ From: 'big@example.com', To: s.mailbox.address, Subject: 'Huge', 'Message-ID': '<big-9@example.com>' }, 'x'.repeat(20_000));
    await expect(s.deliver(big, { from: 'big@example.com' })).rejects.toThrow(/552/);
    await s.api('PATCH', `/api/v1/mailboxes/${s.mailbox.id}`, { max_message_bytes: 25 * 1024 * 1024 });
    const list = (await s.api('GET', '/api/v1/inbound-emails?status=quarantined', undefined, s.tenant.tokens.agent)).body.data;
    const item = list.find((row: any) => row.message_id === 'big-9@example.com');
    expect(item).toMatchObject({ reason_code: 'MESSAGE_TOO_LARGE', truncated: true, from_address: 'big@example.com', subject: 'Huge', mailbox_address: s.mailbox.address });
    const retried = await s.api('POST', `/api/v1/inbound-emails/${item.id}/retry`, undefined, s.tenant.tokens.agent);
    expect(retried.body).toMatchObject({ status: 'quarantined', reason_code: 'MESSAGE_TOO_LARGE' });
    const raw = await s.t.app.inject({ method: 'GET', url: item.raw_url, headers: { authorization: `Bearer ${s.tenant.tokens.agent}` } });
    // An agent who sees only some tickets cannot list inbound mail, which may belong to any of
    // them, nor read a message on no ticket of theirs (it does not exist for them).
    const restricted = await createUser(s.t.ctx.db, s.tenant.tenant.id, { ticketAccess: 'groups' });
    const restrictedToken = await createToken(s.t.ctx.db, s.tenant.tenant.id, restricted.id, 'admin');
    expect((await s.api('GET', item.raw_url, undefined, restrictedToken)).status).toBe(404);
    expect((await s.api('GET', '/api/v1/inbound-emails', undefined, restrictedToken)).status).toBe(403);
    expect(raw.headers['content-type']).toContain('message/rfc822');
    expect(raw.body).toContain('Subject: Huge');

    const converted = await s.api('POST', `/api/v1/inbound-emails/${item.id}/create-ticket`, undefined, s.tenant.tokens.agent);
    expect(converted.status).toBe(200);
    expect((await s.api('GET', `/api/v1/tickets/${converted.body.ticket_id}`)).body.subject).toBe('Huge');
    // Once the message is on a ticket they see, its "original" link works for them too.
    expect((await s.api('GET', item.raw_url, undefined, restrictedToken)).status).toBe(404);
    const version = String((await s.api('GET', `/api/v1/tickets/${converted.body.ticket_id}`)).body.version);
    const assigned = await s.t.app.inject({
      method: 'PATCH', url: `/api/v1/tickets/${converted.body.ticket_id}`,
      headers: { authorization: `Bearer ${s.tenant.tokens.admin}`, 'if-match': version }, payload: { assignee_id: restricted.id },
    });
    expect(assigned.statusCode).toBe(200);
    const own = await s.t.app.inject({ method: 'GET', url: item.raw_url, headers: { authorization: `Bearer ${restrictedToken}` } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Subject: Huge');
  });

  it('opens a linked follow-up when the customer writes to a closed ticket', async () => {
    await sql`update tickets set status_category = 'closed', closed_at = now(),
        status_id = (select id from ticket_statuses s where s.tenant_id = tickets.tenant_id and s.category = 'closed' order by id limit 1)
      where tenant_id = ${s.tenant.tenant.id} and id = ${ticketId}`.execute(s.t.ctx.db.system);
    await s.deliver(
      rawMail({ From: customer, To: s.mailbox.address, Subject: 'Re: 物流', 'Message-ID': '<late-10@example.cn>', 'In-Reply-To': `<${replyMessageId}>` }, '又延迟了'),
      { from: customer },
    );
    const inbound = await s.inboundByMessageId('late-10@example.cn');
    expect(inbound.status).toBe('processed');
    expect(inbound.ticket_id).not.toBe(ticketId);
    const events = (await s.api('GET', `/api/v1/tickets/${ticketId}/events`)).body.data;
    expect(events.some((event: any) => event.type === 'ticket.follow_up_created' && event.data.follow_up_id === inbound.ticket_id)).toBe(true);
  });
});
