import { bounceFromText, deliveryReport, type Bounce } from './bounce-report.ts';
import type { ParsedEmail } from './parse.ts';

export type { Bounce } from './bounce-report.ts';

export type EmailKind = 'normal' | 'auto_reply' | 'bounce' | 'list';

export interface Classification {
  kind: EmailKind;
  /** the signal that decided, e.g. 'auto-submitted: auto-replied', 'precedence: bulk', 'dsn' */
  reason: string;
  bounce: Bounce | null;
}

/**
 * Recognises mail that must never open a ticket or get an acknowledgement (no loops):
 * bounces first (they also tell which reply failed), then auto-replies, then list mail.
 * Decided by headers and structure; an out-of-office subject only counts next to another hint.
 */
export function classifyEmail(
  email: ParsedEmail,
  envelope?: { mailFrom?: string | null; /** our mailbox addresses, lower-cased */ ownAddresses?: ReadonlySet<string> },
): Classification {
  return bounce(email, envelope) ?? autoReply(email, envelope) ?? list(email, envelope?.ownAddresses) ?? { kind: 'normal', reason: 'none', bounce: null };
}

function bounce(email: ParsedEmail, envelope?: { mailFrom?: string | null }): Classification | null {
  const report = deliveryReport(email);
  if (report) {
    // A delay or success notice is machine mail, but nothing bounced: no address to flag.
    if (!report.failed && report.action && report.action !== 'failed') {
      return { kind: 'auto_reply', reason: `dsn: ${report.action}`, bounce: null };
    }
    return { kind: 'bounce', reason: 'dsn', bounce: report.bounce };
  }
  const daemon = daemonSender(email);
  if (daemon) return { kind: 'bounce', reason: `sender: ${daemon}`, bounce: bounceFromText(email) };
  if (nullSender(email, envelope) && (BOUNCE_SUBJECT.test(email.subject) || first(email, 'x-failed-recipients'))) {
    return { kind: 'bounce', reason: 'null sender, bounce subject', bounce: bounceFromText(email) };
  }
  return null;
}

function autoReply(email: ParsedEmail, envelope?: { mailFrom?: string | null }): Classification | null {
  const submitted = first(email, 'auto-submitted');
  if (submitted && !/^no\b/i.test(submitted)) return auto(`auto-submitted: ${submitted.toLowerCase()}`);
  for (const name of AUTO_REPLY_HEADERS) {
    const value = first(email, name);
    if (value !== null && !/^(?:no|false|0)$/i.test(value)) return auto(`${name}: ${value.toLowerCase()}`);
  }
  const suppress = first(email, 'x-auto-response-suppress');
  if (suppress && /\b(?:all|oof|autoreply)\b/i.test(suppress)) return auto(`x-auto-response-suppress: ${suppress.toLowerCase()}`);
  const precedence = first(email, 'precedence')?.toLowerCase() ?? '';
  if (precedence === 'auto_reply') return auto('precedence: auto_reply');
  if (nullSender(email, envelope)) return auto('return-path: <>');
  if (OUT_OF_OFFICE_SUBJECT.test(email.subject)) {
    const hint = weakHint(email);
    if (hint) return auto(`subject: out of office, ${hint}`);
  }
  return null;
}

function list(email: ParsedEmail, ownAddresses?: ReadonlySet<string>): Classification | null {
  // Our own address run as a group (Google Groups, an Exchange distribution list) forwarding
  // customers' mail: it adds list headers to every message, which are customers' all the same.
  const ownList = ownAddresses !== undefined && isOwnList(email, ownAddresses);
  if (!ownList && first(email, 'list-id') !== null) return { kind: 'list', reason: 'list-id', bounce: null };
  if (!ownList && first(email, 'list-unsubscribe') !== null) return { kind: 'list', reason: 'list-unsubscribe', bounce: null };
  const precedence = first(email, 'precedence')?.toLowerCase() ?? '';
  if (/^(?:bulk|junk)$/.test(precedence) || (!ownList && precedence === 'list')) return { kind: 'list', reason: `precedence: ${precedence}`, bounce: null };
  return null;
}

/** List-Post names one of our addresses, or List-Id is one in Google's form (<support.example.com>). */
function isOwnList(email: ParsedEmail, ownAddresses: ReadonlySet<string>): boolean {
  const post = /mailto:([^>\s?]+)/i.exec(first(email, 'list-post') ?? '')?.[1]?.toLowerCase();
  if (post && ownAddresses.has(post)) return true;
  const id = /<([^>]+)>/.exec(first(email, 'list-id') ?? '')?.[1]?.toLowerCase();
  if (!id) return false;
  for (const address of ownAddresses) if (address.replace('@', '.') === id) return true;
  return false;
}

const auto = (reason: string): Classification => ({ kind: 'auto_reply', reason, bounce: null });

// Headers whose mere presence (unless they say no) marks an automatic answer.
const AUTO_REPLY_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoreply-from', 'x-mail-autoreply', 'x-fc-machinegenerated'];

const BOUNCE_SUBJECT =
  /undeliver|undelivered mail|returned mail|delivery (?:status notification|failure|has failed)|mail delivery (?:failed|failure|subsystem)|failure notice|could not be delivered|退信|投递失败|无法投递|發送失敗|未能送达|递送失败/i;

const OUT_OF_OFFICE_SUBJECT =
  /out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|away from (?:the )?office|on vacation|abwesenheit|自动回复|自动答复|自動回覆|自動回复|休假|不在办公室/i;

/** Signals too weak alone that, next to an out-of-office subject, settle it. */
function weakHint(email: ParsedEmail): string | null {
  if (first(email, 'x-auto-response-suppress') !== null) return 'x-auto-response-suppress';
  if (first(email, 'x-ms-exchange-inbox-rules-loop') !== null) return 'x-ms-exchange-inbox-rules-loop';
  if (first(email, 'x-ms-exchange-generated-message-source') !== null) return 'x-ms-exchange-generated-message-source';
  if (first(email, 'x-loop') !== null) return 'x-loop';
  if (first(email, 'precedence') !== null) return 'precedence';
  const local = email.from?.address.split('@')[0] ?? '';
  if (/^(?:no-?reply|do-?not-?reply|auto-?reply|autoresponder)$/i.test(local)) return `sender: ${local}`;
  return null;
}

function daemonSender(email: ParsedEmail): string | null {
  const local = email.from?.address.split('@')[0].toLowerCase() ?? '';
  if (local === 'mailer-daemon' || local === 'postmaster') return local;
  if (/^mail delivery (?:subsystem|system)$/i.test(email.from?.name ?? '')) return 'mail delivery subsystem';
  return null;
}

/** `Return-Path: <>` written by the receiving server, or an empty MAIL FROM we saw ourselves. */
function nullSender(email: ParsedEmail, envelope?: { mailFrom?: string | null }): boolean {
  if (envelope && envelope.mailFrom !== undefined && envelope.mailFrom !== null) {
    const mailFrom = envelope.mailFrom.trim();
    if (mailFrom === '' || mailFrom === '<>') return true;
  }
  const returnPath = first(email, 'return-path');
  return returnPath !== null && /^<\s*>$|^$/.test(returnPath.trim());
}

function first(email: ParsedEmail, name: string): string | null {
  const values = email.headers[name];
  return values && values.length ? values[0].trim() : null;
}
