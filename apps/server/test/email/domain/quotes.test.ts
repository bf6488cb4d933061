import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src/modules/email/domain/parse.ts';
import { foldQuotes, REPLY_MARKER_TEXT } from '../../../src/modules/email/domain/quotes.ts';
import { corpusFile } from '../../fixtures/mail/corpus.ts';

const text = (body: string) => foldQuotes(body, null);

describe('REPLY_MARKER_TEXT', () => {
  it('is the bilingual marker our replies carry', () => {
    expect(REPLY_MARKER_TEXT).toBe('##- 请在此行上方回复 / Please type your reply above this line -##');
  });
});

describe('foldQuotes: plain text separators', () => {
  it.each([
    ['our reply marker', `Thanks!\n\n${REPLY_MARKER_TEXT}\nHello, your ticket...`, 'Thanks!'],
    ['our marker quoted with >', `Thanks!\n\n> ${REPLY_MARKER_TEXT}\n> Hello`, 'Thanks!'],
    ['our marker wrapped over two lines', 'Thanks!\n\n##- 请在此行上方回复 / Please type your\nreply above this line -##\nHello', 'Thanks!'],
    ['the English half wrapped and quoted', 'Thanks!\n> ##- Please type your reply\n> above this line -##\n> Hello', 'Thanks!'],
    ['-----Original Message-----', 'See below.\n\n-----Original Message-----\nFrom: support@desk.example.com\nSent: today\n\nold', 'See below.'],
    ['-----原始邮件-----', '收到。\n\n-----原始邮件-----\n发件人: 客服\n\n旧内容', '收到。'],
    ['QQMail separator', '好的。\n\n------------------ 原始邮件 ------------------\n发件人: "客服"<s@d.example.com>;\n\n旧内容', '好的。'],
    ['Foxmail Original', 'ok\n\n------------------ Original ------------------\nFrom: x\n\nold', 'ok'],
    [
      'Outlook header block in English',
      'Fixed now.\n\nFrom: Support <support@desk.example.com>\nSent: Monday, January 5, 2026 10:00 AM\nTo: Me\nSubject: [#12] Issue\n\nold text',
      'Fixed now.',
    ],
    [
      'Outlook header block in Chinese, full-width colons',
      '已解决。\n\n发件人： 客服中心 <support@desk.example.com>\n发送时间： 2026年1月14日 11:00\n收件人： 吴九\n主题： [#1025] 打印机\n\n旧内容',
      '已解决。',
    ],
    [
      'Outlook block under an underscore rule',
      'Done.\n\n________________________________\nFrom: Support\nSent: today\nTo: me\nSubject: x\n\nold',
      'Done.',
    ],
    ['Gmail On … wrote:', 'Yes please.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Support <support@desk.example.com> wrote:\n> old\n> text', 'Yes please.'],
    ['Gmail On … wrote: wrapped on two lines', 'Yes please.\n\nOn Mon, Jan 5, 2026 at 10:00 AM Support <\nsupport@desk.example.com> wrote:\n\n> old', 'Yes please.'],
    ['Apple On … wrote: without > quoting', 'Sure.\n\nOn Jan 5, 2026, at 10:00, Support <s@d.example.com> wrote:\n\nold text', 'Sure.'],
    ['French attribution', 'Merci.\n\nLe lun. 5 janv. 2026 à 10:00, Support <s@d.example.com> a écrit :\n> vieux', 'Merci.'],
    ['在 … 写道：', '谢谢！\n\n在 2026年1月2日 星期五 10:15，客服中心 <support@desk.example.com> 写道：\n> 旧内容', '谢谢！'],
    ['… 于 … 写道:', '谢谢！\n\n客服中心 <support@desk.example.com> 于2026年1月2日周五 10:15写道:\n> 旧内容', '谢谢！'],
    ['在 … 写道： wrapped', '谢谢！\n\n在 2026年1月2日 星期五 10:15，客服中心 <\nsupport@desk.example.com> 写道：\n> 旧内容', '谢谢！'],
    ['a trailing > block', 'My answer.\n\n> the question\n> more question\n', 'My answer.'],
    ['a trailing > block with a lone attribution', 'My answer.\n\nSupport wrote:\n> the question', 'My answer.'],
    ['an RFC 3676 signature', 'Please call me.\n\n-- \nAlice Walker\n+1 555 0100', 'Please call me.'],
    ['a signature without the trailing space', 'Please call me.\n--\nAlice', 'Please call me.'],
    ['Sent from my iPhone', 'OK!\n\nSent from my iPhone', 'OK!'],
    ['Get Outlook for Android', 'OK!\n\nGet Outlook for Android', 'OK!'],
    ['发自我的iPhone', '好的\n\n发自我的iPhone', '好的'],
    ['发自网易邮箱大师', '好的\n发自网易邮箱大师', '好的'],
    ['发自我的华为手机', '好的\n\n发自我的华为手机', '好的'],
  ])('%s', (_name, body, visible) => {
    const folded = text(body);
    expect(folded.visibleText).toBe(visible);
    expect(folded.quotedText).not.toBeNull();
    expect(`${folded.visibleText}\n${folded.quotedText}`.replace(/\s+/g, '')).toBe(body.replace(/\s+/g, ''));
    expect(folded.visibleHtml).toBeNull();
    expect(folded.quotedHtml).toBeNull();
  });

  it('cuts at the earliest separator', () => {
    const folded = text(`New answer.\n\nSent from my iPhone\n\nOn Mon, Jan 5, 2026 Support wrote:\n> ${REPLY_MARKER_TEXT}\n> old`);
    expect(folded.visibleText).toBe('New answer.');
    expect(folded.quotedText?.startsWith('Sent from my iPhone')).toBe(true);
  });

  it.each([
    ['no separator', 'Just a plain message.\nTwo lines.'],
    ['interleaved answers', 'On Mon, Jan 5, 2026 Support wrote:\n> Question one?\nAnswer one.\n> Question two?\nAnswer two.'],
    ['a quote in the middle', 'As you said:\n> it is broken\nI agree, please fix it.'],
    ['only a quote', `On Mon, Jan 5, 2026 Support wrote:\n> ${REPLY_MARKER_TEXT}\n> old`],
    ['only a signature', '-- \nAlice'],
    ['only our marker', REPLY_MARKER_TEXT],
    ['a From: line that is not a header block', 'From: my point of view, this is wrong.\nThanks'],
    ['a forwarded message', 'FYI\n\n---------- Forwarded message ---------\nFrom: A <a@example.org>\nDate: today\nSubject: x\nTo: b@example.org\n\nbody'],
    ['a dash line that is not a signature', 'Price list\n---\n10 USD'],
  ])('keeps everything visible with %s', (_name, body) => {
    expect(text(body)).toEqual({ visibleText: body.trim(), quotedText: null, visibleHtml: null, quotedHtml: null });
  });

  it('handles CRLF line ends', () => {
    expect(text('Yes.\r\n\r\n-----Original Message-----\r\nold').visibleText).toBe('Yes.');
  });
});

describe('foldQuotes: HTML', () => {
  const html = (body: string) => foldQuotes('x', body);

  it.each([
    [
      'Apple/Thunderbird blockquote type=cite',
      '<div>Sounds good.</div><div><br><blockquote type="cite"><div>old</div></blockquote></div>',
      '<div>Sounds good.</div>',
    ],
    [
      'Thunderbird cite prefix',
      '<p>Thanks</p><div class="moz-cite-prefix">On 1/5/26 10:00, S wrote:<br></div><blockquote type="cite">old</blockquote>',
      '<p>Thanks</p>',
    ],
    [
      'Gmail gmail_quote',
      '<div dir="ltr">Thanks!</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div><blockquote class="gmail_quote">old</blockquote></div>',
      '<div dir="ltr">Thanks!</div>',
    ],
    [
      'Outlook appendonsend',
      '<body><div>Fixed.</div><div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> S</div><div>old</div></body>',
      '<body><div>Fixed.</div></body>',
    ],
    [
      'Outlook divRplyFwdMsg with its rule',
      '<div>Fixed.</div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><b>发件人:</b> 客服</div>',
      '<div>Fixed.</div>',
    ],
    [
      'QQMail includetail',
      '<div>好的</div><div><includetail><div>------------------&nbsp;原始邮件&nbsp;------------------</div><div>old</div></includetail></div>',
      '<div>好的</div>',
    ],
    [
      'QQMail #original-content',
      '<div>好的</div><div id="original-content"><div>old</div></div>',
      '<div>好的</div>',
    ],
    [
      'QQMail separator text in a styled div',
      '<div>好的</div><div style="font-size:12px;font-family:Arial Narrow;">------------------ 原始邮件 ------------------</div><div>old</div>',
      '<div>好的</div>',
    ],
    ['-----Original Message----- text', '<p>Yes</p><p>-----Original Message-----<br>From: x</p>', '<p>Yes</p>'],
    ['our marker in the HTML', `<div>Thanks</div><div>${REPLY_MARKER_TEXT}</div><div>old</div>`, '<div>Thanks</div>'],
    ['在 … 写道： line', '<div>谢谢</div><div>在 2026年1月2日 10:15，客服 &lt;s@d.example.com&gt; 写道：</div><div>old</div>', '<div>谢谢</div>'],
    [
      'Outlook header block in bold fields',
      '<p>Done</p><p><b>From:</b> Support<br><b>Sent:</b> today<br><b>To:</b> me<br><b>Subject:</b> x</p><p>old</p>',
      '<p>Done</p>',
    ],
    ['a cut inside nested elements closes what is open', '<div><div><p>Ok</p><blockquote type="cite">old</blockquote></div></div>', '<div><div><p>Ok</p></div></div>'],
    ['a mobile footer after <br>, blank lines folded with it', '<div>OK!<br><br>Sent from my iPhone</div>', '<div>OK!<br></div>'],
  ])('%s', (_name, body, visible) => {
    const folded = html(body);
    expect(folded.visibleHtml).toBe(visible);
    expect(folded.quotedHtml).not.toBeNull();
    expect(body.startsWith(visible.replace(/(<\/[a-z]+>)+$/, ''))).toBe(true);
  });

  it.each([
    ['no quote', '<p>Just text</p>'],
    ['everything is a quote', '<blockquote type="cite">old</blockquote>'],
    ['only Gmail quote after whitespace', '<div> </div><div class="gmail_quote">old</div>'],
    ['a Gmail forward', '<div>FYI</div><div class="gmail_quote"><div class="gmail_attr">---------- Forwarded message ---------<br>From: A &lt;a@example.org&gt;<br>Date: today<br>Subject: x<br></div><div>body</div></div>'],
  ])('keeps the HTML whole with %s', (_name, body) => {
    const folded = html(body);
    expect(folded.visibleHtml).toBe(body);
    expect(folded.quotedHtml).toBeNull();
  });

  it('keeps an image above the cut as content', () => {
    const folded = html('<p><img src="cid:a@b"></p><blockquote type="cite">old</blockquote>');
    expect(folded.visibleHtml).toBe('<p><img src="cid:a@b"></p>');
  });

  it('does not treat text in style or script as visible content', () => {
    const body = '<style>.a{}</style><blockquote type="cite">old</blockquote>';
    expect(html(body).quotedHtml).toBeNull();
  });
});

describe('foldQuotes over the corpus', () => {
  it.each([
    ['20-qqmail-reply.eml', '好的，我明天再试一次。', '------------------ 原始邮件', '<div>好的，我明天再试一次。</div>'],
    ['21-outlook-zh-reply.eml', '您好，按照您的方法重新安装驱动后，问题已经解决了，谢谢！', '________________', '问题已经解决了，谢谢！</div></body></html>'],
    ['22-gmail-reply.eml', 'Thanks, the refund arrived this morning.', 'On Wed, Jan 14, 2026', '<div dir="ltr">Thanks, the refund arrived this morning.</div>'],
    ['23-zh-apple-reply.eml', '好的，收到退款了，谢谢！', '在 2026年1月15日', '<div>好的，收到退款了，谢谢！</div></body></html>'],
    ['33-iphone-reply.eml', 'Sounds good, thanks!', 'Sent from my iPhone', null],
    ['37-outlook-en-reply.eml', 'It still drops, even with the new profile. Logs attached next time.\n\nDan Brown\nIT Manager, Example Corp', '________________', null],
    ['38-reply-marker-quoted.eml', 'I have attached the photo now.\nMing', '> ##- 请在此行上方回复', null],
    ['39-signature-flowed.eml', 'What is the rate limit for the tickets API? We need about 50 requests per second at peak.', '-- \nErin Wu', null],
  ])('%s', async (file, visibleText, quotedStart, visibleHtmlEnd) => {
    const email = await parseEmail(corpusFile(file));
    const folded = foldQuotes(email.text, email.html);
    expect(folded.visibleText).toBe(visibleText);
    expect(folded.quotedText?.startsWith(quotedStart)).toBe(true);
    if (visibleHtmlEnd === null) {
      expect(folded.visibleHtml).toBeNull();
    } else {
      expect(folded.visibleHtml?.endsWith(visibleHtmlEnd)).toBe(true);
      expect(folded.visibleHtml).not.toMatch(/原始邮件|gmail_quote|blockquote|divRplyFwdMsg|写道/);
      expect(folded.quotedHtml).not.toBeNull();
    }
  });
});
