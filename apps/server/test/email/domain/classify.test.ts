import { describe, expect, it } from 'vitest';
import { classifyEmail } from '../../../src/modules/email/domain/classify.ts';
import { parseEmail } from '../../../src/modules/email/domain/parse.ts';
import { CORPUS, corpusFile } from '../../fixtures/mail/corpus.ts';

/** A small message with the given headers (From and Subject unless given). */
async function mail(headers: string, body = 'Hello, a question about my order.') {
  const lines = headers.trim().split('\n');
  if (!lines.some((line) => /^from:/i.test(line))) lines.push('From: Customer <customer@example.com>');
  if (!lines.some((line) => /^subject:/i.test(line))) lines.push('Subject: Question');
  return parseEmail(Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}\r\n`));
}

describe('classifyEmail over the corpus', () => {
  it.each(CORPUS.map((entry) => [entry.file, entry.kind] as const))('%s is %s', async (file, kind) => {
    expect(classifyEmail(await parseEmail(corpusFile(file))).kind).toBe(kind);
  });
});

describe('classifyEmail: auto-replies', () => {
  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted: auto-replied'],
    ['Auto-Submitted: auto-generated', 'auto-submitted: auto-generated'],
    ['Auto-Submitted: Auto-Notified', 'auto-submitted: auto-notified'],
    ['X-Autoreply: yes', 'x-autoreply: yes'],
    ['X-Autorespond: Out of office', 'x-autorespond: out of office'],
    ['X-Auto-Response-Suppress: All', 'x-auto-response-suppress: all'],
    ['X-Auto-Response-Suppress: OOF', 'x-auto-response-suppress: oof'],
    ['X-Auto-Response-Suppress: DR, AutoReply', 'x-auto-response-suppress: dr, autoreply'],
    ['Precedence: auto_reply', 'precedence: auto_reply'],
    ['Return-Path: <>', 'return-path: <>'],
    ['X-Autoreply-From: a@example.com', 'x-autoreply-from: a@example.com'],
  ])('%s', async (header, reason) => {
    expect(classifyEmail(await mail(header))).toEqual({ kind: 'auto_reply', reason, bounce: null });
  });

  it.each([
    ['Auto-Submitted: no'],
    ['Auto-Submitted: No (a person wrote this)'],
    ['X-Autoreply: no'],
    ['X-Auto-Response-Suppress: DR, RN, NRN'],
    ['Return-Path: <customer@example.com>'],
  ])('a person\'s mail with %s stays normal', async (header) => {
    expect(classifyEmail(await mail(header)).kind).toBe('normal');
  });

  it('treats an empty envelope sender as machine mail', async () => {
    expect(classifyEmail(await mail(''), { mailFrom: '' })).toMatchObject({ kind: 'auto_reply', reason: 'return-path: <>' });
    expect(classifyEmail(await mail(''), { mailFrom: '<>' }).kind).toBe('auto_reply');
    expect(classifyEmail(await mail(''), { mailFrom: 'customer@example.com' }).kind).toBe('normal');
    expect(classifyEmail(await mail(''), { mailFrom: null }).kind).toBe('normal');
    expect(classifyEmail(await mail(''), {}).kind).toBe('normal');
  });

  describe('an out-of-office subject is only a second signal', () => {
    it.each([
      ['Out of Office: Re: your ticket'],
      ['Automatic reply: [#1024] Refund'],
      ['自动回复：关于订单'],
      ['自动答复: 您的工单'],
      ['休假中'],
      ['Abwesenheitsnotiz'],
    ])('%s alone is normal', async (subject) => {
      expect(classifyEmail(await mail(`Subject: ${subject}`)).kind).toBe('normal');
    });

    it.each([
      ['Subject: Out of Office\nX-MS-Exchange-Inbox-Rules-Loop: customer@example.com', 'subject: out of office, x-ms-exchange-inbox-rules-loop'],
      ['Subject: 自动回复: 工单\nX-Auto-Response-Suppress: DR', 'subject: out of office, x-auto-response-suppress'],
      ['Subject: 休假通知\nX-Loop: vacation', 'subject: out of office, x-loop'],
      ['Subject: Automatic reply\nFrom: noreply@example.com', 'subject: out of office, sender: noreply'],
      ['Subject: On vacation\nPrecedence: bulk', 'subject: out of office, precedence'],
    ])('with another hint it is an auto-reply', async (headers, reason) => {
      expect(classifyEmail(await mail(headers))).toEqual({ kind: 'auto_reply', reason, bounce: null });
    });
  });
});

describe('classifyEmail: lists and bulk mail', () => {
  it.each([
    ['List-Id: <dev.lists.example.org>', 'list-id'],
    ['List-Unsubscribe: <https://example.org/unsub>', 'list-unsubscribe'],
    ['Precedence: bulk', 'precedence: bulk'],
    ['Precedence: list', 'precedence: list'],
    ['Precedence: junk', 'precedence: junk'],
    ['Precedence: BULK', 'precedence: bulk'],
  ])('%s', async (header, reason) => {
    expect(classifyEmail(await mail(header))).toEqual({ kind: 'list', reason, bounce: null });
  });

  it('puts an auto-reply from a list member before the list', async () => {
    expect(classifyEmail(await mail('List-Id: <x.example.org>\nAuto-Submitted: auto-replied')).kind).toBe('auto_reply');
  });
});

describe('classifyEmail: bounces', () => {
  it('reads a DSN: recipient, status, diagnostic and the original Message-ID', async () => {
    const result = classifyEmail(await parseEmail(corpusFile('30-dsn-bounce.eml')));
    expect(result).toEqual({
      kind: 'bounce',
      reason: 'dsn',
      bounce: {
        originalMessageIds: ['sb.AbCdEfGhIjKlMnOp12.77@desk.example.com'],
        recipients: ['nobody@example.cn'],
        status: '5.1.1',
        diagnostic: '550 5.1.1 <nobody@example.cn>: Recipient address rejected: User unknown in virtual mailbox table',
      },
    });
  });

  it('lets a bounce win over the Auto-Submitted header it also carries', async () => {
    const email = await parseEmail(corpusFile('30-dsn-bounce.eml'));
    expect(email.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(classifyEmail(email).kind).toBe('bounce');
  });

  it('reads a bounce notice without a DSN part', async () => {
    const result = classifyEmail(await parseEmail(corpusFile('35-zh-bounce-notice.eml')));
    expect(result).toEqual({
      kind: 'bounce',
      reason: 'sender: postmaster',
      bounce: {
        originalMessageIds: ['sb.QwErTyUiOpAsDfGh12.88@desk.example.com'],
        recipients: ['xiaoming@example.cn'],
        status: null,
        diagnostic: '原因：550 Mailbox not found 收件人不存在',
      },
    });
  });

  it('calls a delay notice machine mail, not a bounce', async () => {
    expect(classifyEmail(await parseEmail(corpusFile('36-dsn-delayed.eml')))).toEqual({ kind: 'auto_reply', reason: 'dsn: delayed', bounce: null });
  });

  it('reads the original id from text/rfc822-headers and several failed recipients', async () => {
    const raw = `Return-Path: <>
From: postmaster@mx.example.net
To: support@desk.example.com
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/report; report-type=delivery-status; boundary=R

--R
Content-Type: text/plain

Delivery to these recipients failed.

--R
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ok@example.net
Action: delivered
Status: 2.0.0

Final-Recipient: rfc822;gone@example.net
Action: failed
Status: 5.2.1 (mailbox disabled)
Diagnostic-Code: smtp; 550-5.2.1 The email account that you tried to reach is disabled.

Final-Recipient: RFC822; <Full@Example.net>
Action: failed
Status: 5.2.2
Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

--R
Content-Type: text/rfc822-headers

Message-ID: <sb.ZyXwVuTsRqPoNmLk34.90@desk.example.com>
Subject: [#1033] Update

--R--
`.replace(/\n/g, '\r\n');
    expect(classifyEmail(await parseEmail(Buffer.from(raw)))).toEqual({
      kind: 'bounce',
      reason: 'dsn',
      bounce: {
        originalMessageIds: ['sb.ZyXwVuTsRqPoNmLk34.90@desk.example.com'],
        recipients: ['gone@example.net', 'full@example.net'],
        status: '5.2.1',
        diagnostic: '550-5.2.1 The email account that you tried to reach is disabled.',
      },
    });
  });

  it.each([
    ['From: MAILER-DAEMON@mx.example.com', 'sender: mailer-daemon'],
    ['From: Mail Delivery Subsystem <mailer-daemon@googlemail.example.com>', 'sender: mailer-daemon'],
    ['From: postmaster@example.cn', 'sender: postmaster'],
    ['From: Mail Delivery System <bounces@example.net>', 'sender: mail delivery subsystem'],
  ])('recognises a bounce by its sender: %s', async (from, reason) => {
    const email = await mail(`${from}\nSubject: failure notice`, "Hi. This is the qmail-send program.\n<x@example.org>:\n550 5.1.1 No such user\n");
    const result = classifyEmail(email);
    expect(result.kind).toBe('bounce');
    expect(result.reason).toBe(reason);
    expect(result.bounce).toMatchObject({ recipients: ['x@example.org'], status: '5.1.1', diagnostic: '550 5.1.1 No such user' });
  });

  it('recognises a null-sender bounce by its subject and X-Failed-Recipients', async () => {
    const email = await mail('Return-Path: <>\nFrom: Mail System <mail@mx.example.com>\nSubject: Mail delivery failed: returning message to sender\nX-Failed-Recipients: lost@example.org', 'SMTP error from remote mail server after RCPT TO:<lost@example.org>:\n550 User unknown');
    expect(classifyEmail(email)).toMatchObject({ kind: 'bounce', reason: 'null sender, bounce subject', bounce: { recipients: ['lost@example.org'] } });
  });

  it('uses the envelope sender too', async () => {
    const email = await mail('From: Mail System <mail@mx.example.com>\nSubject: Undeliverable: [#12] hello');
    expect(classifyEmail(email, { mailFrom: '' }).kind).toBe('bounce');
    expect(classifyEmail(email, { mailFrom: 'mail@mx.example.com' }).kind).toBe('normal');
  });
});

describe('classifyEmail: ordinary mail', () => {
  it.each(['01-plain-en.eml', '22-gmail-reply.eml', '20-qqmail-reply.eml', '34-odd-headers.eml'])('%s is normal with reason none', async (file) => {
    expect(classifyEmail(await parseEmail(corpusFile(file)))).toEqual({ kind: 'normal', reason: 'none', bounce: null });
  });
});

describe('classifyEmail: our own address run as a group', () => {
  const own = new Set(['support@acme.example']);
  const googleGroup = [
    'List-Id: <support.acme.example>',
    'List-Post: <mailto:support@acme.example>',
    'List-Unsubscribe: <mailto:support+unsubscribe@acme.example>',
    'Precedence: list',
    'Mailing-list: list support@acme.example; contact support+owners@acme.example',
  ].join('\n');

  it("reads a customer's mail forwarded by our Google Group as a customer's", async () => {
    expect(classifyEmail(await mail(googleGroup), { ownAddresses: own }).kind).toBe('normal');
    expect(classifyEmail(await mail('List-Id: Support <support.acme.example>'), { ownAddresses: own }).kind).toBe('normal');
  });

  it('still ignores other lists, and bulk mail through our group', async () => {
    expect(classifyEmail(await mail(googleGroup)).kind).toBe('list');
    expect(classifyEmail(await mail('List-Id: <news.shop.example>\nList-Post: <mailto:news@shop.example>'), { ownAddresses: own }).kind).toBe('list');
    expect(classifyEmail(await mail(`${googleGroup}\nPrecedence: bulk`.replace('Precedence: list\n', '')), { ownAddresses: own })).toMatchObject({ kind: 'list', reason: 'precedence: bulk' });
  });
});
