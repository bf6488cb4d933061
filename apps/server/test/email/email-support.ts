import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { startBackgroundRoles, type RunningBackground } from '../../src/app/worker.ts';
import { receiveInbound, startSmtpListener, type SmtpListener } from '../../src/modules/email/index.ts';
import type { FileStorage } from '../../src/platform/storage/storage.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { startMailSink, type MailSink } from '../helpers/mail-sink.ts';
import { eventually } from '../platform/jobs-support.ts';

export interface EmailStack {
  t: TestApp;
  tenant: Awaited<ReturnType<typeof createTenantWithRoles>>;
  smtp: SmtpListener;
  sink: MailSink;
  background: RunningBackground;
  mailbox: Record<string, any>;
  /** Sends a raw RFC 5322 message to the listener, as a real MTA would. */
  deliver: (raw: string | Buffer, envelope?: { from?: string; to?: string[] }) => Promise<void>;
  api: (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, token?: string) => Promise<{ status: number; body: any }>;
  /** Waits until the inbound message with this Message-ID is no longer pending, and returns it. */
  inboundByMessageId: (messageId: string) => Promise<Record<string, any>>;
  close: () => Promise<void>;
}

/** The API, the worker (reactions), the SMTP listener and an SMTP sink the mailbox sends through. */
export async function startEmailStack(options: { mailbox?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<EmailStack> {
  const t = await createTestApp(options.env);
  const tenant = await createTenantWithRoles(t.ctx.db);
  const sink = await startMailSink();
  const smtp = await startSmtpListener({ db: t.ctx.db, logger: t.ctx.logger, port: 0, host: '127.0.0.1', maxBytes: 150 * 1024 * 1024 });
  const background = await startBackgroundRoles(t.ctx, { worker: true, scheduler: false });
  const api: EmailStack['api'] = async (method, url, body, token = tenant.tokens.admin) => {
    const response = await t.app.inject({ method, url, payload: body as object, headers: bearer(token) });
    return { status: response.statusCode, body: response.body ? safeJson(response.body) : null };
  };
  const created = await api('POST', '/api/v1/mailboxes', {
    address: `support-${tenant.tenant.id}@acme.test`,
    name: 'ACME 客服',
    signature_zh: 'ACME 客服中心',
    signature_en: 'ACME Support',
    outbound: { host: '127.0.0.1', port: sink.port, secure: false },
    ...options.mailbox,
  });
  if (created.status !== 201) throw new Error(`mailbox: ${created.status} ${JSON.stringify(created.body)}`);
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
  return {
    t, tenant, smtp, sink, background, mailbox: created.body, api,
    deliver: async (raw, envelope = {}) => {
      await client.sendMail({
        envelope: { from: envelope.from ?? 'sender@example.com', to: envelope.to ?? [created.body.address] },
        raw,
      });
    },
    inboundByMessageId: (messageId) =>
      eventually(async () => {
        const { rows } = await sql<Record<string, any>>`select id::text, status, kind, reason_code, error, ticket_id::text, message_ref_id::text
          from inbound_emails where tenant_id = ${tenant.tenant.id} and message_id = ${messageId} order by id desc limit 1`.execute(t.ctx.db.system);
        return rows[0] && rows[0].status !== 'pending' ? rows[0] : null;
      }),
    close: async () => {
      client.close();
      await background.stop();
      await smtp.close();
      await sink.close();
      await t.close();
    },
  };
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A plain RFC 5322 message (CRLF line ends) with the given headers and UTF-8 text body. */
export function rawMail(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', 'Content-Transfer-Encoding': '8bit', ...headers })
    .map(([name, value]) => `${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** `Subject: =?UTF-8?B?...?=` for non-ASCII subjects, as mail clients write them. */
export const encodedSubject = (subject: string) => `=?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`;

/** Attachment storage in memory that refuses any file whose bytes say POISON (a disk that fails). */
export function poisonRefusingStorage(): FileStorage {
  const files = new Map<string, Buffer>();
  return {
    put: async (key, stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream as Readable) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      if (bytes.toString('utf8').includes('POISON')) throw new Error('disk refused the attachment');
      files.set(key, bytes);
      return { size: bytes.length };
    },
    get: async (key) => (files.has(key) ? Readable.from([files.get(key)!]) : null),
    delete: async (key) => {
      files.delete(key);
    },
  };
}

/** A message with a text part and one attachment, poison.txt, holding `attachment`. */
export function mailWithAttachment(headers: { from: string; to: string; subject: string; messageId: string }, body: string, attachment: string): string {
  return [
    `From: ${headers.from}`, `To: ${headers.to}`, `Subject: ${headers.subject}`, `Message-ID: ${headers.messageId}`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', body,
    '--b', 'Content-Type: text/plain; name="poison.txt"', 'Content-Disposition: attachment; filename="poison.txt"', '', attachment, '--b--', '',
  ].join('\r\n');
}

/**
 * Locks an inbound row as another node's batch would, until `release`; resolves once it is held.
 * `done` settles when the holding transaction has ended.
 */
export async function holdInboundRow(db: Database, id: string): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = db.systemTx(async (trx) => {
    await sql`select id from inbound_emails where id = ${id} for update`.execute(trx);
    locked();
    await held;
  });
  await Promise.race([isLocked, done]);
  return { release, done };
}

/**
 * A tenant with a mailbox and ways to store mail to it as the listener does (pending, for a
 * pump or a processing thread to take), and to read its inbound rows.
 */
export async function pendingMailTenant(t: TestApp, label: string) {
  const tenant = await createTenantWithRoles(t.ctx.db);
  const tenantId = tenant.tenant.id;
  const address = `${label}-${tenantId}@acme.test`;
  const created = await t.app.inject({
    method: 'POST', url: '/api/v1/mailboxes', headers: bearer(tenant.tokens.admin),
    payload: { address, name: label, auto_ack_enabled: false, outbound: { mode: 'disabled' } },
  });
  if (created.statusCode !== 201) throw new Error(`mailbox: ${created.statusCode} ${created.body}`);
  const mailboxId = created.json().id as string;
  const messageId = (n: number) => `<${label}-${n}-${tenantId}@example.cn>`;
  const storeRaw = async (raw: string, from: string) =>
    (await receiveInbound(t.ctx.db, tenantId, {
      mailbox_id: mailboxId, source: 'smtp', envelope_from: from, envelope_to: [address],
      size_bytes: Buffer.byteLength(raw), raw: Buffer.from(raw), truncated: false, maxBytes: 25 * 1024 * 1024,
    }))!;
  const store = (n: number, headers: Record<string, string> = {}) =>
    storeRaw(rawMail({ From: `buyer${n}@example.cn`, To: address, Subject: `${label} ${n}`, 'Message-ID': messageId(n), ...headers }, `第 ${n} 封`), `buyer${n}@example.cn`);
  const storePoison = (n: number) =>
    storeRaw(mailWithAttachment({ from: `buyer${n}@example.cn`, to: address, subject: `${label} ${n}`, messageId: messageId(n) }, `第 ${n} 封`, 'POISON'), `buyer${n}@example.cn`);
  const rows = async () =>
    (await sql<{ id: string; status: string; reason_code: string | null; attempts: number; retry_at: Date | null; ticket_id: string | null }>`
      select id::text, status, reason_code, attempts, retry_at, ticket_id::text from inbound_emails where tenant_id = ${tenantId} order by id`.execute(t.ctx.db.system)).rows;
  return { tenantId, store, storePoison, messageId, rows };
}
