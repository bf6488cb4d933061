/**
 * The mailbox form's values and the API's bodies, both ways. The form keeps passwords
 * write-only (blank keeps the saved one), shows the size limit in MB, and says "no host" as an
 * empty field; the API wants `null`, bytes, and an omitted password to mean "keep".
 */
import type { Mailbox, MailboxCreateBody, MailboxUpdateBody } from '../api/email-api';
import { cleanDomains } from './mailbox-rules';

const MB = 1024 * 1024;

/** Bytes as megabytes, rounded to two decimals (25 MB shows as 25). */
export function bytesToMb(bytes: number): number {
  return Math.round((bytes / MB) * 100) / 100;
}

/** Megabytes as whole bytes. */
export function mbToBytes(mb: number): number {
  return Math.round(mb * MB);
}

/**
 * The bytes to send for the MB in the form: the saved value when the field still shows it (a
 * limit set to an odd number of bytes through the API is not rounded by an unrelated save).
 */
export function messageBytes(mb: number, savedBytes?: number): number {
  if (savedBytes !== undefined && bytesToMb(savedBytes) === mb) return savedBytes;
  return mbToBytes(mb);
}

interface ConnectionValues {
  host: string;
  port: number | null;
  secure: boolean;
  user: string;
  /** Typed anew; blank keeps the saved one. */
  password: string;
  /** Remove the saved password (sent as `null`). */
  clear_password: boolean;
}

export interface MailboxFormValues {
  address: string;
  name: string;
  active: boolean;
  default_group_id: string | null;
  smtp_inbound: boolean;
  allowed_sender_domains: string[];
  imap: ConnectionValues & { enabled: boolean; folder: string; poll_seconds: number };
  outbound: ConnectionValues & { mode: 'smtp' | 'disabled' };
  signature_zh: string;
  signature_en: string;
  auto_ack_enabled: boolean;
  auto_ack_per_sender_hour: number;
  send_limit_per_minute: number;
  max_message_mb: number;
}

/** A new mailbox: the server's defaults (0650_email.sql), so what the form shows is what is saved. */
export function emptyMailboxValues(): MailboxFormValues {
  return {
    address: '',
    name: '',
    active: true,
    default_group_id: null,
    smtp_inbound: true,
    allowed_sender_domains: [],
    imap: { enabled: false, host: '', port: null, secure: true, user: '', password: '', clear_password: false, folder: 'INBOX', poll_seconds: 60 },
    outbound: { mode: 'smtp', host: '', port: null, secure: false, user: '', password: '', clear_password: false },
    signature_zh: '',
    signature_en: '',
    auto_ack_enabled: true,
    auto_ack_per_sender_hour: 3,
    send_limit_per_minute: 60,
    max_message_mb: 25,
  };
}

/** A saved mailbox in the form: passwords blank (the API never returns them). */
export function mailboxToValues(mailbox: Mailbox): MailboxFormValues {
  return {
    address: mailbox.address,
    name: mailbox.name,
    active: mailbox.active,
    default_group_id: mailbox.default_group_id,
    smtp_inbound: mailbox.smtp_inbound,
    allowed_sender_domains: [...mailbox.allowed_sender_domains],
    imap: {
      enabled: mailbox.imap.enabled,
      host: mailbox.imap.host ?? '',
      port: mailbox.imap.port,
      secure: mailbox.imap.secure,
      user: mailbox.imap.user ?? '',
      password: '',
      clear_password: false,
      folder: mailbox.imap.folder,
      poll_seconds: mailbox.imap.poll_seconds,
    },
    outbound: {
      mode: mailbox.outbound.mode,
      host: mailbox.outbound.host ?? '',
      port: mailbox.outbound.port,
      secure: mailbox.outbound.secure,
      user: mailbox.outbound.user ?? '',
      password: '',
      clear_password: false,
    },
    signature_zh: mailbox.signature_zh,
    signature_en: mailbox.signature_en,
    auto_ack_enabled: mailbox.auto_ack_enabled,
    auto_ack_per_sender_hour: mailbox.auto_ack_per_sender_hour,
    send_limit_per_minute: mailbox.send_limit_per_minute,
    max_message_mb: bytesToMb(mailbox.max_message_bytes),
  };
}

const orNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/** Blank: keep (omitted); "remove" ticked: `null`; anything typed: the new password, as typed. */
function passwordPart(values: Pick<ConnectionValues, 'password' | 'clear_password'>): { password?: string | null } {
  if (values.clear_password) return { password: null };
  return values.password ? { password: values.password } : {};
}

function connectionPart(values: ConnectionValues) {
  return {
    host: orNull(values.host),
    port: values.port ?? null,
    secure: values.secure,
    user: orNull(values.user),
    ...passwordPart(values),
  };
}

/** The whole mailbox as the API takes it; `saved` is the mailbox being edited, if any. */
export function valuesToBody(values: MailboxFormValues, saved?: Mailbox): MailboxCreateBody & MailboxUpdateBody {
  return {
    address: values.address.trim(),
    name: values.name.trim(),
    active: values.active,
    default_group_id: values.default_group_id || null,
    smtp_inbound: values.smtp_inbound,
    allowed_sender_domains: cleanDomains(values.allowed_sender_domains),
    imap: {
      enabled: values.imap.enabled,
      ...connectionPart(values.imap),
      folder: values.imap.folder.trim() || 'INBOX',
      poll_seconds: values.imap.poll_seconds,
    },
    outbound: { mode: values.outbound.mode, ...connectionPart(values.outbound) },
    signature_zh: values.signature_zh,
    signature_en: values.signature_en,
    auto_ack_enabled: values.auto_ack_enabled,
    auto_ack_per_sender_hour: values.auto_ack_per_sender_hour,
    send_limit_per_minute: values.send_limit_per_minute,
    max_message_bytes: messageBytes(values.max_message_mb, saved?.max_message_bytes),
  };
}

/** Whether IMAP will have a password after saving: one typed, or one saved and not removed. */
export function imapHasPassword(values: Pick<ConnectionValues, 'password' | 'clear_password'>, saved?: Mailbox): boolean {
  if (values.password) return true;
  return Boolean(saved?.imap.password_set) && !values.clear_password;
}

/** Form field paths the API may name in its problems (`body.imap.host` → ['imap', 'host']). */
const FORM_FIELDS = [
  'address', 'name', 'active', 'default_group_id', 'smtp_inbound', 'allowed_sender_domains',
  'imap.enabled', 'imap.host', 'imap.port', 'imap.secure', 'imap.user', 'imap.password', 'imap.folder', 'imap.poll_seconds',
  'outbound.mode', 'outbound.host', 'outbound.port', 'outbound.secure', 'outbound.user', 'outbound.password',
  'signature_zh', 'signature_en', 'auto_ack_enabled', 'auto_ack_per_sender_hour', 'send_limit_per_minute',
] as const;

/**
 * The form field a problem's path points at: `body.imap.host` → ['imap', 'host'],
 * `body.allowed_sender_domains.3` → the tags input, `body.max_message_bytes` → the MB field.
 * Null for a path the form has no field for (the message then goes to the general alert).
 */
export function formFieldFor(path: string): string[] | null {
  const plain = path.replace(/^(body\.?)/, '');
  if (plain === 'max_message_bytes') return ['max_message_mb'];
  const field = FORM_FIELDS.find((name) => plain === name || plain.startsWith(`${name}.`));
  return field ? field.split('.') : null;
}

/** The API's field problems as antd `setFields` entries, merged per field. */
export function problemsToFields(problems: Record<string, string[]>): Array<{ name: string[]; errors: string[] }> {
  const byField = new Map<string, { name: string[]; errors: string[] }>();
  for (const [path, messages] of Object.entries(problems)) {
    const name = formFieldFor(path);
    if (!name) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(...messages);
    byField.set(key, entry);
  }
  return [...byField.values()];
}
