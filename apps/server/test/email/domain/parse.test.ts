import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src/modules/email/domain/parse.ts';
import { AppError } from '../../../src/platform/errors/app-error.ts';
import { CORPUS, corpusFile } from '../../fixtures/mail/corpus.ts';

const parseFile = (name: string) => parseEmail(corpusFile(name));
const crlf = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'));

describe('parseEmail over the corpus', () => {
  it('has at least 30 messages', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CORPUS.map((entry) => [entry.file, entry] as const))('%s: decoded subject and text', async (_file, entry) => {
    const email = await parseFile(entry.file);
    expect(email.subject).toContain(entry.expectSubjectIncludes);
    expect(email.text).toContain(entry.expectTextIncludes);
    // Nothing in the corpus is undecodable: a replacement character means a charset was lost.
    expect(`${email.subject}${email.text}${email.html ?? ''}${email.from?.name ?? ''}`).not.toContain('\uFFFD');
    for (const attachment of email.attachments) expect(attachment.fileName).not.toContain('\uFFFD');
  });
});

describe('parseEmail: charsets', () => {
  it.each([
    ['03-gb2312.eml', '发票抬头需要修改', '请改为“上海示例科技有限公司”。', '王芳'],
    ['04-gbk.eml', '退货申请：啰嗦的包装', '你好，我是赵镕。商品包装太啰嗦了，里面的瓷碗还是碎了，申请退货。', '赵镕'],
    ['05-gb18030-mislabelled-gb2312.eml', '关于朱镕基纪念册的订单', '订购的《朱镕基讲话实录》少了一本，另外名字里的“𠀀”字印错了。别啰嗦，尽快处理。', '朱镕'],
    ['06-big5.eml', '繁體中文：訂單查詢', '您好，我的訂單還沒有收到，請幫我確認物流狀態。', '陳小明'],
    ['07-iso-2022-jp.eml', 'お問い合わせ', 'お問い合わせありがとうございます。\n注文番号は12345です。', '山田太郎'],
    ['08-utf7.eml', '求助：账号被锁', '你好，我的账号被锁了。Price: 1+1=2 €', 'Legacy Client'],
    ['09-windows-1252.eml', 'Café machine – “broken”', 'the café machine – “Deluxe” model – costs 120 € and doesn’t heat.', 'François Dupré'],
    ['10-windows-1251.eml', 'Возврат товара', 'Здравствуйте! Хочу вернуть товар, заказ 7781.', 'Иван Петров'],
    ['11-iso-8859-1.eml', 'Grüße aus München', 'Grüße aus München! Die Lieferung ist leider unvollständig.', 'Jürgen Müller'],
    ['12-iso-8859-2.eml', 'Zamówienie nie dotarło', 'Dzień dobry, zażółć gęślą jaźń - zamówienie nie dotarło.', 'Paweł Nowak'],
    ['20-qqmail-reply.eml', '回复：[#1024] 订单问题', '好的，我明天再试一次。', '周八'],
    ['21-outlook-zh-reply.eml', '答复: [#1025] 打印机无法连接', '问题已经解决了，谢谢！', '吴九'],
    ['32-raw-8bit-gbk-headers.eml', '发票问题，请尽快处理', '我上周收到的发票金额不对，附件是照片。', '钱十一'],
  ])('%s', async (file, subject, text, fromName) => {
    const email = await parseFile(file);
    expect(email.subject).toBe(subject);
    expect(email.text).toContain(text);
    expect(email.from?.name).toBe(fromName);
  });

  it('joins a subject split over folded encoded words, one cut inside a character', async () => {
    const email = await parseFile('13-rfc2047-split-subject.eml');
    expect(email.subject).toBe('关于订单号880231的退款 申请 (urgent)');
    expect(email.from).toEqual({ address: 'liu@example.cn', name: '客户 刘' });
  });

  it('decodes the HTML of a GB18030 QQMail reply too', async () => {
    const email = await parseFile('20-qqmail-reply.eml');
    expect(email.html).toContain('<div>好的，我明天再试一次。</div>');
    expect(email.html).toContain('原始邮件');
  });

  it('repairs a GB2312-labelled HTML body holding GB18030-only characters', async () => {
    const html = iconv.encode('<p>朱镕基 𠀀 啰嗦</p>', 'gb18030');
    const raw = Buffer.concat([crlf('From: a@example.cn\nContent-Type: text/html; charset=gb2312\nContent-Transfer-Encoding: 8bit\n\n'), html]);
    const email = await parseEmail(raw);
    expect(email.html).toBe('<p>朱镕基 𠀀 啰嗦</p>');
    expect(email.text).toBe('朱镕基 𠀀 啰嗦');
  });

  it.each([
    ['base64 GBK under a UTF-8 label', 'utf-8', 'base64', iconv.encode('我的订单还没到', 'gbk').toString('base64')],
    ['quoted-printable GBK under a us-ascii label', 'us-ascii', 'quoted-printable', [...iconv.encode('我的订单还没到', 'gbk')].map((b) => `=${b.toString(16).toUpperCase()}`).join('')],
  ])('reads %s (an ASCII message whose label lies)', async (_name, charset, encoding, body) => {
    const raw = crlf(`From: a@example.cn\nContent-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: ${encoding}\n\n${body}\n`);
    expect((await parseEmail(raw)).text).toBe('我的订单还没到');
  });

  it('keeps a text attachment byte for byte (no charset rewriting outside the body)', async () => {
    const content = iconv.encode('订单清单，GBK 编码\r\n', 'gbk');
    const raw = Buffer.concat([
      crlf('From: a@example.cn\nContent-Type: multipart/mixed; boundary=X\n\n--X\nContent-Type: text/plain; charset=utf-8\n\nsee attachment\n--X\nContent-Type: text/plain; charset=gbk\nContent-Disposition: attachment; filename=list.txt\nContent-Transfer-Encoding: 8bit\n\n'),
      content,
      crlf('--X--\n'),
    ]);
    const email = await parseEmail(raw);
    expect(email.text).toBe('see attachment');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0].fileName).toBe('list.txt');
    expect(email.attachments[0].content.equals(content.subarray(0, content.length - 2))).toBe(true);
  });
});

describe('parseEmail: headers and addresses', () => {
  it('reads ids, addresses and the date', async () => {
    const email = await parseFile('02-plain-zh-utf8.eml');
    expect(email.messageId).toBe('20260102172005.4411@example.cn');
    expect(email.from).toEqual({ address: 'zhangsan@example.cn', name: '张三' });
    expect(email.to).toEqual([{ address: 'support@desk.example.com', name: null }]);
    expect(email.cc).toEqual([
      { address: 'lisi@example.cn', name: '李四' },
      { address: 'wangwu@example.cn', name: null },
    ]);
    expect(email.date?.toISOString()).toBe('2026-01-02T09:20:05.000Z');
  });

  it('lower-cases the sender address', async () => {
    expect((await parseFile('01-plain-en.eml')).from).toEqual({ address: 'alice.walker@example.com', name: 'Alice Walker' });
  });

  it('reads In-Reply-To and References without brackets, in order', async () => {
    const email = await parseFile('22-gmail-reply.eml');
    expect(email.inReplyTo).toEqual(['sb.AbCdEfGhIjKlMnOp12.77@desk.example.com']);
    expect(email.references).toEqual(['CAB1x7Yq-0001@mail.example.com', 'sb.AbCdEfGhIjKlMnOp12.77@desk.example.com']);
  });

  it('survives forged and odd headers', async () => {
    const email = await parseFile('34-odd-headers.eml');
    expect(email.from).toBeNull();
    expect(email.messageId).toBe('first-0034@example.com');
    expect(email.headers['message-id']).toEqual(['<first-0034@example.com>', '<second-0034@example.com>']);
    expect(email.subject).toBe('Hello?');
    expect(email.headers.subject).toEqual(['Hello?', 'Second subject']);
    expect(email.date).toBeNull();
    expect(email.references).toEqual(['real-0034@example.com']);
    expect(email.headers['x-weird-header']).toEqual(['spaced   value']);
  });

  it('gives every top-level header, names lower-cased, values decoded', async () => {
    const email = await parseFile('30-dsn-bounce.eml');
    expect(email.headers['return-path']).toEqual(['<>']);
    expect(email.headers['auto-submitted']).toEqual(['auto-replied']);
    expect(email.headers['content-type']?.[0]).toMatch(/^multipart\/report; report-type=delivery-status;/);
    const zh = await parseFile('26-out-of-office-zh.eml');
    expect(zh.headers.subject).toEqual(['自动回复: Re: [#1024] 订单问题']);
  });

  it('reads Reply-To, and falls back to Sender without From', async () => {
    const email = await parseEmail(crlf('Sender: Desk Robot <robot@example.com>\nReply-To: a@example.com, B <b@example.com>\nSubject: x\n\nbody\n'));
    expect(email.from).toEqual({ address: 'robot@example.com', name: 'Desk Robot' });
    expect(email.replyTo).toEqual([
      { address: 'a@example.com', name: null },
      { address: 'b@example.com', name: 'B' },
    ]);
  });

  it('gives empty values for a message without the usual headers', async () => {
    const email = await parseEmail(crlf('X-Only: yes\n\nhello\n'));
    expect(email).toMatchObject({ messageId: null, inReplyTo: [], references: [], subject: '', from: null, to: [], cc: [], date: null, text: 'hello', html: null, attachments: [] });
  });
});

describe('parseEmail: attachments', () => {
  it('decodes RFC 2231 and RFC 2047 Chinese file names', async () => {
    const email = await parseFile('14-rfc2231-filenames.eml');
    expect(email.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['报价单.pdf', 'application/pdf'],
      ['合同草案.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['发票.pdf', 'application/pdf'],
    ]);
    expect(email.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(email.attachments[1].content.subarray(0, 2).toString()).toBe('PK');
  });

  it('reads a raw 8-bit GBK attachment name', async () => {
    const email = await parseFile('32-raw-8bit-gbk-headers.eml');
    expect(email.attachments.map((a) => a.fileName)).toEqual(['发票.pdf']);
  });

  it('marks a cid image the HTML shows as inline, and keeps the cid link for the caller', async () => {
    const email = await parseFile('15-inline-cid-image.eml');
    expect(email.attachments).toHaveLength(1);
    const [image] = email.attachments;
    expect(image).toMatchObject({ fileName: 'screenshot.png', contentType: 'image/png', contentId: 'shot1@example.cn', inline: true });
    expect(image.content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(email.html).toContain('src="cid:shot1@example.cn"');
    expect(email.text).toBe('支付时报错，截图如下：');
  });

  it('does not call an image inline when the HTML never shows it', async () => {
    const raw = crlf(`From: a@example.com
Content-Type: multipart/mixed; boundary=M

--M
Content-Type: text/html; charset=utf-8

<p>no image here</p>
--M
Content-Type: image/png
Content-ID: <unused@x>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--M--
`);
    const email = await parseEmail(raw);
    expect(email.attachments[0]).toMatchObject({ contentId: 'unused@x', inline: false, fileName: 'attachment-1.png' });
  });

  it('keeps ordinary attachments as downloads', async () => {
    const email = await parseFile('16-attachments.eml');
    expect(email.attachments.map((a) => [a.fileName, a.inline, a.contentId])).toEqual([
      ['receipt.pdf', false, null],
      ['claim-form.docx', false, null],
    ]);
  });

  it('keeps an attached message as an .eml attachment, byte for byte', async () => {
    const raw = corpusFile('17-attached-rfc822.eml');
    const email = await parseEmail(raw);
    expect(email.text).toBe('请跟进这位客户的问题。');
    expect(email.attachments).toHaveLength(1);
    const [message] = email.attachments;
    expect(message).toMatchObject({ fileName: 'original.eml', contentType: 'message/rfc822', inline: false });
    expect(raw.includes(message.content)).toBe(true);
    expect(message.content.toString()).toMatch(/^From: =\?UTF-8\?B\?/);
  });

  it('names an attached message without a name', async () => {
    const email = await parseFile('30-dsn-bounce.eml');
    expect(email.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['delivery-status.txt', 'message/delivery-status'],
      ['message.eml', 'message/rfc822'],
    ]);
  });

  it('keeps a TNEF winmail.dat and still reads the text and HTML bodies', async () => {
    const email = await parseFile('18-tnef-winmail.eml');
    expect(email.text).toBe('Please find the meeting notes in the attachment.');
    expect(email.html).toContain('<b>meeting notes</b>');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ fileName: 'winmail.dat', contentType: 'application/ms-tnef' });
    expect(email.attachments[0].content.readUInt32LE(0)).toBe(0x223e9f78);
  });
});

describe('parseEmail: HTML-only mail', () => {
  it('derives readable text: paragraphs, table rows, no tags, no styles', async () => {
    const email = await parseFile('19-html-only.eml');
    expect(email.html).toContain('<table>');
    expect(email.text).toContain('Bulk order');
    expect(email.text).toContain('We would like to order 200 units of the desk lamp.');
    expect(email.text).toMatch(/Desk lamp\s+200/);
    expect(email.text).toContain('Can you offer a discount?\nBest regards,\nOwner');
    expect(email.text).not.toMatch(/[<>{}]|color:/);
  });

  it('derives text from HTML that is not the root part', async () => {
    const raw = crlf(`From: a@example.com
Content-Type: multipart/mixed; boundary=M

--M
Content-Type: text/html; charset=gb2312
Content-Transfer-Encoding: base64

${iconv.encode('<div>您好，<b>订单</b>有问题。</div><div>谢谢</div>', 'gb18030').toString('base64')}
--M
Content-Type: application/pdf; name=a.pdf

%PDF-1.4
--M--
`);
    const email = await parseEmail(raw);
    expect(email.text).toBe('您好，订单有问题。\n谢谢');
  });
});

describe('parseEmail: never throws for malformed content', () => {
  it('throws only for an empty message', async () => {
    await expect(parseEmail(Buffer.alloc(0))).rejects.toBeInstanceOf(AppError);
    await expect(parseEmail(Buffer.alloc(0))).rejects.toMatchObject({ code: 'EMAIL_EMPTY' });
  });

  it('reads the corpus message with a broken MIME structure', async () => {
    const email = await parseFile('31-malformed-mime.eml');
    expect(email.subject).toBe('我的订单 broken');
    expect(email.text).toContain('我的订单有问题，请帮忙。');
    expect(email.text).toContain('The last part never ends');
    expect(email.attachments.map((a) => a.fileName)).toEqual(['data.bin']);
  });

  const deepNesting = (() => {
    let text = 'From: a@example.com\nSubject: deep\n';
    for (let i = 0; i < 60; i++) text += `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n`;
    return crlf(`${text}Content-Type: text/plain\n\ndeep text\n`);
  })();

  it.each([
    ['random bytes', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256))],
    ['NUL bytes', Buffer.alloc(64)],
    ['a single line break', Buffer.from('\r\n')],
    ['headers only', crlf('Subject: only headers\nFrom: a@example.com\n')],
    ['a body without headers', Buffer.from('just text, no headers at all')],
    ['multipart without a boundary', crlf('From: a@example.com\nContent-Type: multipart/mixed\n\nthe body we must still show\n')],
    ['a boundary that never appears', crlf('From: a@example.com\nContent-Type: multipart/mixed; boundary=nope\n\nvisible text\n')],
    ['an unknown transfer encoding', crlf('From: a@example.com\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 x\n')],
    ['an unknown charset', crlf('From: a@example.com\nContent-Type: text/plain; charset=x-martian\n\nhello\n')],
    ['a refused charset name', crlf('From: a@example.com\nContent-Type: text/plain; charset=base64\n\nhello\n')],
    ['a header line of 200 KB', crlf(`From: a@example.com\nX-Long: ${'x'.repeat(200_000)}\n\nbody\n`)],
    ['60 nested multiparts', deepNesting],
    ['invalid base64 and QP', crlf('From: a@example.com\nContent-Transfer-Encoding: base64\n\n!!!@@@###\n')],
    ['bad encoded words', crlf('From: =?utf-8?B?###?= <a@example.com>\nSubject: =?x?Q?=ZZ?= =?utf-8?B?\n\nbody\n')],
  ])('%s', async (_name, raw) => {
    const email = await parseEmail(raw);
    expect(typeof email.text).toBe('string');
    expect(Array.isArray(email.attachments)).toBe(true);
  });

  it('shows the body of a multipart without a boundary as text', async () => {
    const email = await parseEmail(crlf('From: a@example.com\nContent-Type: multipart/mixed\n\nthe body we must still show\n'));
    expect(email.text).toContain('the body we must still show');
  });
});
