import type { Mailbox } from '@switchboard/contracts';
import type { MailboxRow } from './mailboxes.repo.ts';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

/** The API shape of a mailbox: passwords are never returned, only whether one is set. */
export function presentMailbox(row: MailboxRow & { quarantined?: number }): Mailbox {
  return {
    id: String(row.id),
    address: row.address,
    name: row.name,
    active: row.active,
    smtp_inbound: row.smtp_inbound,
    allowed_sender_domains: row.allowed_sender_domains,
    imap: {
      enabled: row.imap_enabled,
      host: row.imap_host,
      port: row.imap_port,
      secure: row.imap_secure,
      user: row.imap_user,
      password_set: row.imap_password_enc !== null,
      folder: row.imap_folder,
      poll_seconds: row.imap_poll_seconds,
      last_polled_at: iso(row.imap_last_polled_at),
      last_error: row.imap_last_error,
    },
    outbound: {
      mode: row.outbound_mode,
      host: row.smtp_host,
      port: row.smtp_port,
      secure: row.smtp_secure,
      user: row.smtp_user,
      password_set: row.smtp_password_enc !== null,
    },
    default_group_id: row.default_group_id === null ? null : String(row.default_group_id),
    signature_zh: row.signature_zh,
    signature_en: row.signature_en,
    auto_ack_enabled: row.auto_ack_enabled,
    auto_ack_per_sender_hour: row.auto_ack_per_sender_hour,
    send_limit_per_minute: row.send_limit_per_minute,
    max_message_bytes: Number(row.max_message_bytes),
    quarantined: row.quarantined ?? 0,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}
