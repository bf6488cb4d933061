import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { MailboxRow } from '../mailboxes.repo.ts';

/** Where a mailbox's mail goes out: its own server, or the instance's SMTP_URL when it names none. */
export function smtpOptionsFor(
  mailbox: Pick<MailboxRow, 'smtp_host' | 'smtp_port' | 'smtp_secure' | 'smtp_user' | 'smtp_password_enc'>,
  secrets: SecretBox,
  instanceSmtpUrl: string | undefined,
): SMTPTransport.Options | string | null {
  if (!mailbox.smtp_host) return instanceSmtpUrl ?? null;
  const port = mailbox.smtp_port ?? (mailbox.smtp_secure ? 465 : 587);
  return {
    host: mailbox.smtp_host,
    port,
    secure: mailbox.smtp_secure,
    auth: mailbox.smtp_user ? { user: mailbox.smtp_user, pass: mailbox.smtp_password_enc ? secrets.open(mailbox.smtp_password_enc) : '' } : undefined,
    // A dead server must never hold a job for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

export function createTransporter(options: SMTPTransport.Options | string) {
  return nodemailer.createTransport(options as SMTPTransport.Options);
}

/** What the SMTP server said, for people: `550 5.1.1 <x@y>: Recipient address rejected` or the network error. */
export function smtpErrorText(error: unknown): { code: string; message: string } {
  const failure = error as { code?: string; responseCode?: number; response?: string; message?: string };
  if (failure.response) return { code: `SMTP_${failure.responseCode ?? 'REFUSED'}`, message: failure.response.slice(0, 1000) };
  const network = ['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNECTION', 'ESOCKET', 'EDNS'];
  if (failure.code === 'EAUTH') return { code: 'SMTP_AUTH_FAILED', message: failure.message ?? 'authentication failed' };
  if (failure.code && network.includes(failure.code)) return { code: 'SMTP_CONNECT_FAILED', message: failure.message ?? failure.code };
  return { code: 'SMTP_ERROR', message: (failure.message ?? String(error)).slice(0, 1000) };
}
