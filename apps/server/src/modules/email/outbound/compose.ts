import { REPLY_MARKER_TEXT } from '../domain/quotes.ts';
import { subjectTag, normalizeSubject } from '../domain/threading.ts';

export type MailLocale = 'zh-CN' | 'en';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const textToHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

/** `Re: 物流延迟 [#1024]`: the tag lets replies thread even when a client drops the headers. */
export function replySubject(subject: string, number: string | number): string {
  return `Re: ${normalizeSubject(subject) || subject} ${subjectTag(number)}`.slice(0, 900);
}

/**
 * The body of an outbound mail: the reply-above-this-line marker (inbound folding cuts there),
 * the message, and the mailbox's signature in the recipient's language.
 */
export function composeBody(input: { text: string; html: string | null; signature: string; author: string | null }): { text: string; html: string } {
  const signature = input.signature.trim();
  const text = [REPLY_MARKER_TEXT, '', input.text.trim(), ...(signature ? ['', '-- ', signature] : [])].join('\n');
  const html = [
    `<div style="color:#888;font-size:12px">${escapeHtml(REPLY_MARKER_TEXT)}</div>`,
    input.author ? `<p style="color:#555">${escapeHtml(input.author)}</p>` : '',
    `<div>${input.html ?? textToHtml(input.text.trim())}</div>`,
    signature ? `<div style="color:#555;margin-top:16px">-- <br>${textToHtml(signature)}</div>` : '',
  ].join('\n');
  return { text, html };
}

/** The auto-acknowledgement of a new ticket, in the requester's language. */
export function autoAckContent(locale: MailLocale, input: { subject: string; number: string | number; mailboxName: string }): { subject: string; text: string } {
  const subject = normalizeSubject(input.subject) || input.subject;
  if (locale === 'zh-CN') {
    return {
      subject: `已收到您的请求：${subject} ${subjectTag(input.number)}`,
      text: `您好：\n\n我们已收到您的来信，工单编号为 #${input.number}。客服人员会尽快回复您。\n如需补充信息，直接回复本邮件即可。\n\n${input.mailboxName}`,
    };
  }
  return {
    subject: `Request received: ${subject} ${subjectTag(input.number)}`,
    text: `Hello,\n\nWe have received your message; your ticket number is #${input.number}. An agent will reply soon.\nTo add anything, simply reply to this email.\n\n${input.mailboxName}`,
  };
}

/** The domain our Message-IDs use: the mailbox's own, so they look like any other mail from it. */
export const messageIdDomain = (mailboxAddress: string) => mailboxAddress.slice(mailboxAddress.lastIndexOf('@') + 1).toLowerCase() || 'localhost';
