import { describe, expect, it } from 'vitest';
import { parseEmail, type ParsedEmail } from '../../../src/modules/email/domain/parse.ts';
import {
  forwardedOriginal,
  isForwardSubject,
  normalizeSubject,
  replyTokenFrom,
  replyTokenMessageId,
  subjectTag,
  ticketNumberFromSubject,
} from '../../../src/modules/email/domain/threading.ts';
import { corpusFile } from '../../fixtures/mail/corpus.ts';

describe('ticketNumberFromSubject', () => {
  it.each([
    ['[#1024] Refund', 1024],
    ['Re: [#1024] Refund', 1024],
    ['RE: Fwd: something [#77]', 77],
    ['回复：［#1024］订单问题', 1024],
    ['答复: [# 1025 ] 打印机', 1025],
    ['[#12][#13] two tags', 12],
    ['no tag', null],
    ['#1024 without brackets', null],
    ['[1024] without hash', null],
    ['[#abc]', null],
    ['[#0]', null],
    ['[#99999999999999999999]', null],
    ['', null],
  ])('%j -> %j', (subject, expected) => {
    expect(ticketNumberFromSubject(subject)).toBe(expected);
  });
});

describe('subjectTag', () => {
  it.each([
    [1024, '[#1024]'],
    ['77', '[#77]'],
  ])('%j -> %j', (number, expected) => {
    expect(subjectTag(number)).toBe(expected);
  });

  it('round-trips through ticketNumberFromSubject', () => {
    expect(ticketNumberFromSubject(`Re: ${subjectTag(5531)} Order`)).toBe(5531);
  });
});

describe('normalizeSubject', () => {
  it.each([
    ['Re: Refund', 'Refund'],
    ['RE: RE: re: Refund', 'Refund'],
    ['Fwd: FW: Fw: Refund', 'Refund'],
    ['回复：订单问题', '订单问题'],
    ['回复: 答复: 转发：订单问题', '订单问题'],
    ['回覆：訂單查詢', '訂單查詢'],
    ['AW: WG: SV: Bestellung', 'Bestellung'],
    ['Re[2]: Refund', 'Refund'],
    ['RE (3): Refund', 'Refund'],
    ['Re: [#1024] Refund', 'Refund'],
    ['[#1024] Re: Refund', 'Refund'],
    ['回复：［#1024］ 订单问题', '订单问题'],
    ['  Re:   spaced    out  ', 'spaced out'],
    ['Refund: partial', 'Refund: partial'],
    ['Resume: attached', 'Resume: attached'],
    ['Re:', ''],
    ['', ''],
  ])('%j -> %j', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });
});

describe('isForwardSubject', () => {
  it.each([
    ['Fwd: Broken charger', true],
    ['FW: Broken charger', true],
    ['Fw: Broken charger', true],
    ['转发：发票问题', true],
    ['转发: 发票问题', true],
    ['[#12] Fwd: x', true],
    ['WG: Rechnung', true],
    ['Re: Fwd: x', false],
    ['Re: x', false],
    ['Forward planning', false],
    ['Broken charger', false],
  ])('%j -> %j', (subject, expected) => {
    expect(isForwardSubject(subject)).toBe(expected);
  });
});

describe('reply tokens', () => {
  it('builds our Message-ID without brackets', () => {
    expect(replyTokenMessageId('AbCdEfGhIjKlMnOp12', '77', 'desk.example.com')).toBe('sb.AbCdEfGhIjKlMnOp12.77@desk.example.com');
  });

  it.each([
    [['sb.AbCdEfGhIjKlMnOp12.77@desk.example.com'], 'AbCdEfGhIjKlMnOp12'],
    [['<sb.AbCdEfGhIjKlMnOp12.77@desk.example.com>'], 'AbCdEfGhIjKlMnOp12'],
    [['CAB1x7Yq@mail.example.com', 'sb.Zx9Yw8Vu7Ts6Rq5Po4Nm.12@desk.example.com'], 'Zx9Yw8Vu7Ts6Rq5Po4Nm'],
    [['sb.first_token-0123456.1@a.example', 'sb.second_token-012345.2@a.example'], 'first_token-0123456'],
    [['sb.short.1@desk.example.com'], null],
    [['sb.has space in it00.1@desk.example.com'], null],
    [['xsb.AbCdEfGhIjKlMnOp12.77@desk.example.com'], null],
    [['sb.AbCdEfGhIjKlMnOp12@desk.example.com'], null],
    [[], null],
  ])('%j -> %j', (ids, expected) => {
    expect(replyTokenFrom(ids)).toBe(expected);
  });

  it('round-trips', () => {
    const id = replyTokenMessageId('tok_EN-0123456789abcdef', 'm1k2', 'desk.example.com');
    expect(replyTokenFrom([id])).toBe('tok_EN-0123456789abcdef');
  });
});

describe('forwardedOriginal', () => {
  it('reads an attached message/rfc822', async () => {
    expect(forwardedOriginal(await parseEmail(corpusFile('17-attached-rfc822.eml')))).toEqual({
      from: { address: 'sunqi@example.cn', name: '孙七' },
      subject: '无法登录',
      date: 'Sun, 11 Jan 2026 22:10:00 +0800',
      text: '我从昨天开始就无法登录账号，提示密码错误。',
    });
  });

  it('reads a Gmail inline forward', async () => {
    expect(forwardedOriginal(await parseEmail(corpusFile('24-forward-en-agent.eml')))).toEqual({
      from: { address: 'grace.hopper@example.org', name: 'Grace Hopper' },
      subject: 'Broken charger',
      date: 'Thu, Jan 15, 2026 at 8:02 PM',
      text: 'The charger I bought last week stopped working after two days.\nOrder number 66120.\n\nGrace',
    });
  });

  it('reads a Chinese inline forward', async () => {
    expect(forwardedOriginal(await parseEmail(corpusFile('25-forward-zh-agent.eml')))).toEqual({
      from: { address: 'zhengshi@example.cn', name: '郑十' },
      subject: '发票金额开错了',
      date: '2026-01-15 20:10:33',
      text: '您好，发票金额开错了，应该是 1,280 元，不是 1,820 元。',
    });
  });

  const withText = (text: string): ParsedEmail => ({
    messageId: null,
    inReplyTo: [],
    references: [],
    subject: 'Fwd: x',
    from: { address: 'agent@desk.example.com', name: 'Agent' },
    replyTo: [],
    to: [],
    cc: [],
    date: null,
    text,
    html: null,
    attachments: [],
    headers: {},
  });

  it.each([
    [
      'Apple Mail',
      'FYI\n\nBegin forwarded message:\n\nFrom: Zhang San <zhangsan@example.cn>\nSubject: 退款\nDate: January 15, 2026 at 20:10:00 GMT+8\nTo: agent@desk.example.com\n\n请退款。',
      { from: { address: 'zhangsan@example.cn', name: 'Zhang San' }, subject: '退款', date: 'January 15, 2026 at 20:10:00 GMT+8', text: '请退款。' },
    ],
    [
      'Gmail zh',
      '---------- 转发的邮件 ---------\n发件人： 张三 <zhangsan@example.cn>\n日期：2026年1月15日周四 20:10\n主题：退款\n收件人： <agent@desk.example.com>\n\n\n请退款。',
      { from: { address: 'zhangsan@example.cn', name: '张三' }, subject: '退款', date: '2026年1月15日周四 20:10', text: '请退款。' },
    ],
    [
      'Outlook en with mailto',
      'Please handle.\n\n________________________________\nFrom: Li Si [mailto:lisi@example.cn]\nSent: Thursday, January 15, 2026 8:10 PM\nTo: Agent\nSubject: Invoice\n\nThe invoice is wrong.',
      { from: { address: 'lisi@example.cn', name: 'Li Si' }, subject: 'Invoice', date: 'Thursday, January 15, 2026 8:10 PM', text: 'The invoice is wrong.' },
    ],
    [
      'Outlook zh without a rule',
      '请处理\n\n发件人: 王五 <wangwu@example.cn>\n发送时间: 2026年1月15日 20:10\n收件人: 客服\n主题: 发票\n\n发票开错了。',
      { from: { address: 'wangwu@example.cn', name: '王五' }, subject: '发票', date: '2026年1月15日 20:10', text: '发票开错了。' },
    ],
    [
      'QQMail original block, name and address glued',
      '------------------ 原始邮件 ------------------\n发件人: "赵六"<zhaoliu@qq.example.cn>;\n发送时间: 2026年1月15日(星期四) 晚上8:10\n收件人: "客服"<agent@desk.example.com>;\n主题: 物流\n\n还没发货。',
      { from: { address: 'zhaoliu@qq.example.cn', name: '赵六' }, subject: '物流', date: '2026年1月15日(星期四) 晚上8:10', text: '还没发货。' },
    ],
    [
      'Thunderbird, quoted with >',
      '> -------- Forwarded Message --------\n> Subject: Hello\n> Date: Thu, 15 Jan 2026 20:10:00 +0800\n> From: bare@example.org\n> To: agent@desk.example.com\n>\n> Body line',
      { from: { address: 'bare@example.org', name: null }, subject: 'Hello', date: 'Thu, 15 Jan 2026 20:10:00 +0800', text: 'Body line' },
    ],
    [
      'HTML-escaped brackets',
      '---------- Forwarded message ---------\nFrom: Eve &lt;eve@example.org&gt;\nDate: today\nSubject: x\n\nhi',
      { from: { address: 'eve@example.org', name: 'Eve' }, subject: 'x', date: 'today', text: 'hi' },
    ],
  ])('reads an inline forward: %s', (_name, text, expected) => {
    expect(forwardedOriginal(withText(text))).toEqual(expected);
  });

  it.each([
    ['no forwarded block', 'Just a note without anything forwarded.'],
    ['a marker without a sender', '---------- Forwarded message ---------\nSubject: no from\n\nbody'],
    ['a From line that is no address', '---------- Forwarded message ---------\nFrom: the sales team\nDate: x\nSubject: y\n\nbody'],
    ['empty text', ''],
  ])('returns null for %s', (_name, text) => {
    expect(forwardedOriginal(withText(text))).toBeNull();
  });

  it('takes the outermost block of a chain', () => {
    const text = '---------- Forwarded message ---------\nFrom: First <first@example.org>\nSubject: a\n\nnote\n\n---------- Forwarded message ---------\nFrom: Second <second@example.org>\nSubject: b\n\ninner';
    expect(forwardedOriginal(withText(text))?.from.address).toBe('first@example.org');
  });
});
