import { cleanAddress, parseAddressList, type EmailAddress } from './addresses.ts';
import { headerText } from './header-block.ts';
import type { ParsedEmail } from './parse.ts';
import { readInnerMessage } from './simple-mime.ts';

/** The customer behind a mail an agent forwarded to the desk. */
export interface ForwardedOriginal {
  from: EmailAddress;
  subject: string | null;
  /** as written in the forwarded header block ('2026年1月2日 10:15'), not parsed */
  date: string | null;
  text: string;
}

/**
 * The original sender of a forwarded mail, where it can be read: an attached message/rfc822
 * first (exact headers), else the first forwarded header block in the text (Gmail, Outlook,
 * Apple Mail, Thunderbird, QQMail, Foxmail, in English and Chinese).
 */
export function forwardedOriginal(email: ParsedEmail): ForwardedOriginal | null {
  return fromAttachedMessage(email) ?? fromInlineBlock(email.text);
}

function fromAttachedMessage(email: ParsedEmail): ForwardedOriginal | null {
  for (const attachment of email.attachments) {
    if (attachment.contentType !== 'message/rfc822' && attachment.contentType !== 'message/global') continue;
    const inner = readInnerMessage(attachment.content);
    const raw = (name: string) => inner.headers.filter((header) => header.name === name).map((header) => header.raw);
    const from = parseAddressList(raw('from'))[0];
    if (!from) continue;
    const subject = raw('subject')[0];
    const date = raw('date')[0];
    return {
      from,
      subject: subject === undefined ? null : headerText(subject),
      date: date === undefined ? null : headerText(date),
      text: inner.text,
    };
  }
  return null;
}

// A line that opens a forwarded (or quoted original) header block.
const MARKERS = [
  /^-{2,}\s*(?:forwarded message|original message|forwarded by .*|original)\s*-{2,}$/i,
  /^begin forwarded message\s*[:：]?$/i,
  /^-{2,}\s*(?:转发的邮件|转发邮件信息|转发邮件|原始邮件|原始郵件|轉寄郵件|轉寄的郵件|以下为转发邮件)\s*-{2,}$/,
  /^_{10,}$/,
];
const FIELD = /^\*?\s*([A-Za-z\u4e00-\u9fff][A-Za-z\u4e00-\u9fff -]{0,19}?)\s*\*?\s*[:：]\s*(.*)$/;
const FIELD_NAMES: Record<string, 'from' | 'date' | 'subject' | 'to' | 'cc'> = {
  from: 'from',
  发件人: 'from',
  寄件者: 'from',
  寄件人: 'from',
  date: 'date',
  sent: 'date',
  发送时间: 'date',
  发送日期: 'date',
  日期: 'date',
  时间: 'date',
  時間: 'date',
  寄件日期: 'date',
  subject: 'subject',
  主题: 'subject',
  主旨: 'subject',
  標題: 'subject',
  to: 'to',
  收件人: 'to',
  收件者: 'to',
  cc: 'cc',
  抄送: 'cc',
  副本: 'cc',
};

function fromInlineBlock(text: string): ForwardedOriginal | null {
  // A forwarded block that was itself quoted (`> From: ...`) reads the same without the `>`.
  const lines = (text ?? '').split('\n').map((line) => line.replace(/^(?:>\s?)+/, '').trimEnd());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    let start = -1;
    if (MARKERS.some((marker) => marker.test(line))) start = i + 1;
    else if (fieldOf(line)?.name === 'from' && looksLikeHeaderBlock(lines, i)) start = i;
    if (start < 0) continue;
    const block = readFields(lines, start);
    const from = block && parseLooseAddress(block.fields.from);
    if (block && from) {
      return {
        from,
        subject: block.fields.subject ?? null,
        date: block.fields.date ?? null,
        text: lines.slice(block.end).join('\n').trim(),
      };
    }
  }
  return null;
}

/** A `Name: value` line; name is null for a field we do not read (Reply-To, 抄送人, ...). */
function fieldOf(line: string): { name: string | null; value: string } | null {
  const match = FIELD.exec(line.trim());
  if (!match) return null;
  return { name: FIELD_NAMES[match[1].trim().toLowerCase()] ?? null, value: match[2].trim() };
}

/** A From line with a date and a subject line right below it: Outlook without a separator. */
function looksLikeHeaderBlock(lines: string[], from: number): boolean {
  const names = lines.slice(from, from + 6).map((line) => fieldOf(line)?.name);
  return names.includes('date') && names.includes('subject');
}

function readFields(lines: string[], start: number): { fields: Record<string, string>; end: number } | null {
  let i = start;
  while (i < lines.length && !lines[i].trim()) i++;
  const fields: Record<string, string> = {};
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) break;
    const field = fieldOf(line);
    if (field) {
      if (field.name) fields[field.name] ??= field.value;
      last = field.name;
    } else if (last && /^\s/.test(line)) {
      fields[last] += ` ${line.trim()}`;
    } else break;
  }
  return Object.keys(fields).length ? { fields, end: i } : null;
}

/** `张三 <a@b.cn>`, `"Zhang" <a@b.cn>`, `Zhang San [mailto:a@b.cn]`, `a@b.cn` to an address. */
export function parseLooseAddress(value: string | undefined): EmailAddress | null {
  if (!value) return null;
  const text = value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').trim();
  const match =
    /^(.*?)\[mailto:([^\]\s]+)\]/i.exec(text) ??
    /^(.*?)<([^<>\s]+@[^<>\s]+)>/.exec(text) ??
    /^(.*?)([^\s<>"'()[\]:;,]+@[^\s<>"'()[\]:;,]+\.[A-Za-z]{2,})/.exec(text);
  if (!match) return null;
  const address = cleanAddress(match[2]);
  if (!address) return null;
  const name = match[1].replace(/["'“”]/g, '').replace(/[\s,;]+$/, '').trim();
  return { address, name: name && name.toLowerCase() !== address ? name : null };
}
