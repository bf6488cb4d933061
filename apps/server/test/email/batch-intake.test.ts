import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveInbound } from '../../src/modules/email/index.ts';
import { createInboundProcessor } from '../../src/modules/email/inbound/process-inbound.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { holdInboundRow, mailWithAttachment, poisonRefusingStorage, rawMail } from './email-support.ts';

/**
 * Inbound mail in batches (the inbound pump hands the processor up to ten stored messages at once):
 * one transaction for all of them, and a batch that fails leaves every message as it was, for
 * the messages to be processed one by one.
 */
describe('inbound batch processing', () => {
  let t: TestApp;
  let tenantId: string;
  let mailboxId: string;
  let address: string;
  let adminToken: string;
  /** Attachment storage that refuses files whose bytes say POISON. */
  const storage = poisonRefusingStorage();

  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenantWithRoles(t.ctx.db);
    tenantId = tenant.tenant.id;
    adminToken = tenant.tokens.admin;
    address = `batch-${tenantId}@acme.test`;
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/mailboxes', headers: bearer(tenant.tokens.admin),
      payload: { address, name: 'Batch', auto_ack_enabled: false, outbound: { mode: 'disabled' } },
    });
    expect(created.statusCode).toBe(201);
    mailboxId = created.json().id;
  });
  afterAll(async () => {
    await t.close();
  });

  // Stored as the listener stores them; no worker runs here, so they stay pending until processed below.
  const store = async (n: number, attachment?: string) => {
    const text = rawMail({ From: `顾客${n} <buyer${n}@example.cn>`, To: address, Subject: `批量 ${n}`, 'Message-ID': `<batch-${n}-${tenantId}@example.cn>` }, `第 ${n} 封`);
    const raw = attachment
      ? mailWithAttachment({ from: `buyer${n}@example.cn`, to: address, subject: `批量 ${n}`, messageId: `<batch-${n}-${tenantId}@example.cn>` }, `第 ${n} 封`, attachment)
      : text;
    const id = await receiveInbound(t.ctx.db, tenantId, {
      mailbox_id: mailboxId, source: 'smtp', envelope_from: `buyer${n}@example.cn`, envelope_to: [address],
      size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
    });
    return id!;
  };
  const storeReply = async (n: number, inReplyTo: number) => {
    const raw = rawMail(
      { From: `顾客${inReplyTo} <buyer${inReplyTo}@example.cn>`, To: address, Subject: `Re: 批量 ${inReplyTo}`, 'Message-ID': `<batch-${n}-${tenantId}@example.cn>`, 'In-Reply-To': `<batch-${inReplyTo}-${tenantId}@example.cn>` },
      '补充一句',
    );
    return (await receiveInbound(t.ctx.db, tenantId, {
      mailbox_id: mailboxId, source: 'smtp', envelope_from: `buyer${inReplyTo}@example.cn`, envelope_to: [address],
      size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
    }))!;
  };
  const statuses = async (ids: string[]) =>
    (await sql<{ id: string; status: string; ticket_id: string | null; attempts: number; retry_at: Date | null }>`select id::text, status, ticket_id::text, attempts, retry_at
      from inbound_emails where tenant_id = ${tenantId} and id = any(${ids}::bigint[]) order by inbound_emails.id`.execute(t.ctx.db.system)).rows;

  it('turns a batch of messages into their tickets in one call', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const ids = [await store(1), await store(2), await store(3)];
    expect(await processor.processBatch(tenantId, ids)).toBe(3);
    const rows = await statuses(ids);
    expect(rows.map((row) => row.status)).toEqual(['processed', 'processed', 'processed']);
    expect(new Set(rows.map((row) => row.ticket_id)).size).toBe(3);
    // A batch delivered again (a retried job) finds nothing left to do.
    expect(await processor.processBatch(tenantId, ids)).toBe(0);
  });

  it('settles a batch\'s messages at its end, and sees within it what it settled: a reply joins its ticket, a resent message is a duplicate', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const tickets = async () => Number((await sql<{ n: string }>`select count(*) as n from tickets where tenant_id = ${tenantId}`.execute(t.ctx.db.system)).rows[0]!.n);
    const before = await tickets();
    const first = await store(13);
    const reply = await storeReply(14, 13);
    const resent = await store(13);
    expect(await processor.processBatch(tenantId, [first, reply, resent])).toBe(3);
    const rows = await statuses([first, reply, resent]);
    expect(rows.map((row) => row.status)).toEqual(['processed', 'processed', 'duplicate']);
    expect(new Set(rows.map((row) => row.ticket_id))).toEqual(new Set([rows[0]!.ticket_id]));
    const { rows: messages } = await sql<{ n: string }>`select count(*) as n from messages where tenant_id = ${tenantId} and ticket_id = ${rows[0]!.ticket_id}`.execute(t.ctx.db.system);
    expect(messages[0]!.n).toBe('2');
    expect(await tickets()).toBe(before + 1);
    // Written at the batch's end: one thread for the ticket, and the Message-IDs of both mails on it.
    const { rows: threads } = await sql<{ n: string }>`select count(*) as n from ticket_email_threads where tenant_id = ${tenantId} and ticket_id = ${rows[0]!.ticket_id}`.execute(t.ctx.db.system);
    expect(threads[0]!.n).toBe('1');
    const { rows: refs } = await sql<{ message_id_header: string; ticket_id: string }>`select message_id_header, ticket_id::text from email_message_refs
      where tenant_id = ${tenantId} and message_id_header like ${`batch-1_-${tenantId}@%`} order by message_id_header`.execute(t.ctx.db.system);
    expect(refs).toEqual([13, 14].map((n) => ({ message_id_header: `batch-${n}-${tenantId}@example.cn`, ticket_id: rows[0]!.ticket_id })));
  });

  // A delivery report for mail to `recipients` (none of it ours: it attaches to no ticket).
  const storeBounce = async (n: number, recipients: string[]) => {
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.cn>', `To: ${address}`, 'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <bounce-${n}-${tenantId}@mx.example.cn>`, 'Auto-Submitted: auto-replied', 'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '',
      '--r', 'Content-Type: text/plain', '', 'Your message could not be delivered.',
      '--r', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.cn', '',
      ...recipients.flatMap((to) => [`Final-Recipient: rfc822; ${to}`, 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '']),
      '--r--', '',
    ].join('\r\n');
    return (await receiveInbound(t.ctx.db, tenantId, {
      mailbox_id: mailboxId, source: 'smtp', envelope_from: '', envelope_to: [address],
      size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
    }))!;
  };

  it('flags bounced addresses once per bounce, however the bounces are batched, and side by side without a deadlock', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const [a, b] = [`gone-a-${tenantId}@example.cn`, `gone-b-${tenantId}@example.cn`];
    // Two batches flagging the same two addresses in opposite order, at once.
    const batches = [[await storeBounce(1, [a, b]), await storeBounce(2, [b, a])], [await storeBounce(3, [b, a]), await storeBounce(4, [a, b])]];
    expect(await Promise.all(batches.map((ids) => processor.processBatch(tenantId, ids)))).toEqual([2, 2]);
    // And one more bounce for one of them, alone.
    await processor.process(tenantId, await storeBounce(5, [a.toUpperCase()]));
    const { rows } = await sql<{ address: string; bounce_count: number; last_status: string }>`select address, bounce_count, last_status
      from email_bounces where tenant_id = ${tenantId} order by address`.execute(t.ctx.db.system);
    expect(rows).toEqual([{ address: a, bounce_count: 5, last_status: '5.1.1' }, { address: b, bounce_count: 4, last_status: '5.1.1' }]);
    expect((await statuses(batches.flat())).map((row) => row.status)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
  });

  it('processes the message a reply answers first when the reply comes up first, so both share a ticket', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const first = await store(7);
    const reply = await storeReply(8, 7);
    expect(await processor.processBatch(tenantId, [reply])).toBe(1);
    const rows = await statuses([first, reply]);
    expect(rows.map((row) => row.status)).toEqual(['processed', 'processed']);
    expect(rows[1]!.ticket_id).toBe(rows[0]!.ticket_id);
    expect(await processor.processBatch(tenantId, [first])).toBe(0);
  });

  it('defers a reply whose first message another batch holds, instead of waiting for it', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const first = await store(9);
    const reply = await storeReply(10, 9);
    const holder = await holdInboundRow(t.ctx.db, first);
    expect(await processor.processBatch(tenantId, [reply])).toBe(1);
    holder.release();
    await holder.done;
    // Left pending and due, for the pump's next turn (see inbound-pump.test.ts).
    expect((await statuses([first, reply])).map((row) => [row.status, row.attempts, row.retry_at])).toEqual([['pending', 0, null], ['pending', 0, null]]);
    // Its next turn, after the first message: one ticket for both.
    await processor.processBatch(tenantId, [first]);
    await processor.processBatch(tenantId, [reply]);
    const rows = await statuses([first, reply]);
    expect(rows.map((row) => row.status)).toEqual(['processed', 'processed']);
    expect(rows[1]!.ticket_id).toBe(rows[0]!.ticket_id);
  });

  it('goes on without the message a reply answers when that one fails', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const first = await store(11, 'POISON');
    const reply = await storeReply(12, 11);
    expect(await processor.processBatch(tenantId, [reply])).toBe(1);
    const rows = await statuses([first, reply]);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['pending', 0],
      ['processed', 1],
    ]);
    expect(rows[1]!.ticket_id).not.toBeNull();
  });

  it('rolls a failing batch back whole; one by one, only the bad message fails', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const ticketCount = async () =>
      (await sql<{ n: string }>`select count(*) as n from tickets where tenant_id = ${tenantId}`.execute(t.ctx.db.system)).rows[0]!.n;
    const before = await ticketCount();
    const ids = [await store(4), await store(5, 'POISON'), await store(6)];
    await expect(processor.processBatch(tenantId, ids)).rejects.toThrow(/disk refused/);
    expect((await statuses(ids)).map((row) => row.status)).toEqual(['pending', 'pending', 'pending']);
    expect(await ticketCount()).toBe(before);

    expect(await processor.process(tenantId, ids[0]!)).toBe('done');
    await expect(processor.process(tenantId, ids[1]!)).rejects.toThrow(/disk refused/);
    expect(await processor.process(tenantId, ids[2]!)).toBe('done');
    const after = await statuses(ids);
    expect(after.map((row) => row.status)).toEqual(['processed', 'pending', 'processed']);
    expect(after[1]!.attempts).toBe(1);
  });

  it('creates a batch\'s new people ahead of it: side-by-side batches with the same new people finish, and an auto-reply\'s sender is nobody', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const people = ['ahead-a', 'ahead-b', 'ahead-c'].map((name) => `${name}-${tenantId}@example.cn`);
    const storeRaw = async (from: string, headers: Record<string, string>, tag: string) => {
      const raw = rawMail({ From: from, To: address, Subject: `提前 ${tag}`, 'Message-ID': `<ahead-${tag}-${tenantId}@example.cn>`, ...headers }, `提前 ${tag}`);
      return (await receiveInbound(t.ctx.db, tenantId, {
        mailbox_id: mailboxId, source: 'smtp', envelope_from: from, envelope_to: [address],
        size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
      }))!;
    };
    // Each batch: every person writes, with the other two on Cc; the second batch in the opposite order.
    const batch = async (order: string[], tag: string) => {
      const ids: string[] = [];
      for (const [i, from] of order.entries()) ids.push(await storeRaw(from, { Cc: order.filter((other) => other !== from).join(', ') }, `${tag}${i}`));
      return ids;
    };
    const first = await batch(people, 'x');
    const second = await batch([...people].reverse(), 'y');
    const autoReply = await storeRaw(`away-${tenantId}@example.cn`, { 'Auto-Submitted': 'auto-replied' }, 'auto');
    await Promise.all([processor.processBatch(tenantId, [...first, autoReply]), processor.processBatch(tenantId, second)]);

    expect((await statuses([...first, ...second])).map((row) => row.status)).toEqual(Array(6).fill('processed'));
    expect((await statuses([autoReply]))[0]!.status).toBe('ignored');
    const { rows } = await sql<{ email: string; n: number }>`select lower(email) as email, count(*)::int as n from users
      where tenant_id = ${tenantId} and lower(email) like ${`%-${tenantId}@example.cn`} group by 1 order by 1`.execute(t.ctx.db.system);
    expect(rows).toEqual(people.map((email) => ({ email, n: 1 })));
    const ccs = await sql<{ n: number }>`select count(*)::int as n from ticket_ccs c join inbound_emails e on e.tenant_id = c.tenant_id and e.ticket_id = c.ticket_id
      where e.tenant_id = ${tenantId} and e.id = any(${first}::bigint[])`.execute(t.ctx.db.system);
    expect(ccs.rows[0]!.n).toBe(6);
  });

  it('ignores IMAP mail from outside the allowed sender domains, and makes nobody of its sender', async () => {
    const processor = createInboundProcessor({ db: t.ctx.db, storage, logger: t.ctx.logger });
    const fenced = `fenced-${tenantId}@acme.test`;
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/mailboxes', headers: bearer(adminToken),
      payload: { address: fenced, name: 'Fenced', allowed_sender_domains: ['partner.example'], auto_ack_enabled: false, outbound: { mode: 'disabled' } },
    });
    expect(created.statusCode).toBe(201);
    const pull = async (from: string, tag: string) => {
      const raw = rawMail({ From: from, To: fenced, Cc: `cc-${tag}-${tenantId}@example.cn`, Subject: `围栏 ${tag}`, 'Message-ID': `<fenced-${tag}-${tenantId}@example.cn>` }, '你好');
      return (await receiveInbound(t.ctx.db, tenantId, {
        mailbox_id: created.json().id, source: 'imap', envelope_from: null, envelope_to: [fenced], imap_uid_validity: '1', imap_uid: tag === 'out' ? 1 : 2,
        size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
      }))!;
    };
    const outside = await pull(`stranger-${tenantId}@elsewhere.example`, 'out');
    const inside = await pull(`friend-${tenantId}@partner.example`, 'in');
    await processor.processBatch(tenantId, [outside, inside]);
    expect((await statuses([outside, inside])).map((row) => row.status)).toEqual(['ignored', 'processed']);
    const { rows } = await sql<{ email: string }>`select lower(email) as email from users where tenant_id = ${tenantId}
      and (lower(email) like ${`%-out-${tenantId}@example.cn`} or lower(email) like ${`stranger-${tenantId}@%`} or lower(email) like ${`friend-${tenantId}@%`}
        or lower(email) like ${`%-in-${tenantId}@example.cn`}) order by 1`.execute(t.ctx.db.system);
    expect(rows.map((row) => row.email)).toEqual([`cc-in-${tenantId}@example.cn`, `friend-${tenantId}@partner.example`]);
  });
});
