/**
 * Email channel API: mailboxes (inbound SMTP/IMAP, outbound SMTP, auto-acknowledgement), the
 * quarantine of inbound mail that could not be processed, and the email details of a message.
 * Passwords are write-only: responses say whether one is set, never what it is.
 */
import { z } from 'zod';
import { IdInput, pageOf } from './tickets.ts';

const Address = z.email().max(254);
const Host = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'must be a host name or address');
const Port = z.number().int().min(1).max(65535);
const Domain = z.string().trim().toLowerCase().min(1).max(253).regex(/^[a-z0-9.-]+$/, 'must be a domain such as example.com');

export const MailboxImapInput = z
  .object({
    enabled: z.boolean().optional(),
    host: Host.nullable().optional(),
    port: Port.nullable().optional(),
    secure: z.boolean().optional(),
    user: z.string().max(320).nullable().optional(),
    /** Write-only; `null` removes it, omitted keeps it. */
    password: z.string().max(1000).nullable().optional(),
    folder: z.string().trim().min(1).max(200).optional(),
    poll_seconds: z.number().int().min(30).max(86_400).optional(),
  })
  .strict();

export const MailboxSmtpInput = z
  .object({
    mode: z.enum(['smtp', 'disabled']).optional(),
    host: Host.nullable().optional(),
    port: Port.nullable().optional(),
    secure: z.boolean().optional(),
    user: z.string().max(320).nullable().optional(),
    password: z.string().max(1000).nullable().optional(),
  })
  .strict();

const MailboxFields = {
  name: z.string().trim().min(1).max(200),
  active: z.boolean(),
  smtp_inbound: z.boolean(),
  allowed_sender_domains: z.array(Domain).max(200),
  imap: MailboxImapInput,
  outbound: MailboxSmtpInput,
  default_group_id: IdInput.nullable(),
  signature_zh: z.string().max(5000),
  signature_en: z.string().max(5000),
  auto_ack_enabled: z.boolean(),
  auto_ack_per_sender_hour: z.number().int().min(0).max(100),
  send_limit_per_minute: z.number().int().min(1).max(10_000),
  max_message_bytes: z.number().int().min(1024).max(150 * 1024 * 1024),
};

export const MailboxCreateBody = z
  .object({ address: Address, ...MailboxFields, name: MailboxFields.name })
  .partial()
  .required({ address: true, name: true })
  .strict();
export type MailboxCreateBody = z.input<typeof MailboxCreateBody>;

export const MailboxUpdateBody = z.object({ address: Address, ...MailboxFields }).partial().strict();
export type MailboxUpdateBody = z.input<typeof MailboxUpdateBody>;

export const Mailbox = z.object({
  id: z.string(),
  address: z.string(),
  name: z.string(),
  active: z.boolean(),
  smtp_inbound: z.boolean(),
  allowed_sender_domains: z.array(z.string()),
  imap: z.object({
    enabled: z.boolean(),
    host: z.string().nullable(),
    port: z.number().nullable(),
    secure: z.boolean(),
    user: z.string().nullable(),
    password_set: z.boolean(),
    folder: z.string(),
    poll_seconds: z.number(),
    last_polled_at: z.string().nullable(),
    last_error: z.string().nullable(),
  }),
  outbound: z.object({
    mode: z.enum(['smtp', 'disabled']),
    host: z.string().nullable(),
    port: z.number().nullable(),
    secure: z.boolean(),
    user: z.string().nullable(),
    password_set: z.boolean(),
  }),
  default_group_id: z.string().nullable(),
  signature_zh: z.string(),
  signature_en: z.string(),
  auto_ack_enabled: z.boolean(),
  auto_ack_per_sender_hour: z.number(),
  send_limit_per_minute: z.number(),
  max_message_bytes: z.number(),
  /** Pending and quarantined inbound messages of this mailbox. */
  quarantined: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Mailbox = z.infer<typeof Mailbox>;
export const MailboxList = z.object({ data: z.array(Mailbox) });

export const MailboxTestBody = z.object({ target: z.enum(['imap', 'smtp']) }).strict();
/** The real server's answer: `ok` and what it said, or the failure code and its own words. */
export const MailboxTestResult = z.object({
  target: z.enum(['imap', 'smtp']),
  ok: z.boolean(),
  code: z.string().nullable(),
  message: z.string(),
});

export const INBOUND_STATUSES = ['pending', 'processed', 'ignored', 'quarantined', 'duplicate'] as const;
export const InboundEmail = z.object({
  id: z.string(),
  mailbox_id: z.string(),
  /** The mailbox's address (agents may not read the mailbox list itself). */
  mailbox_address: z.string().nullable(),
  source: z.enum(['smtp', 'imap']),
  status: z.enum(INBOUND_STATUSES),
  kind: z.enum(['normal', 'auto_reply', 'bounce', 'list']).nullable(),
  reason_code: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  from_address: z.string().nullable(),
  subject: z.string().nullable(),
  message_id: z.string().nullable(),
  size_bytes: z.number(),
  truncated: z.boolean(),
  ticket_id: z.string().nullable(),
  received_at: z.string(),
  processed_at: z.string().nullable(),
  raw_url: z.string(),
});
export type InboundEmail = z.infer<typeof InboundEmail>;
export const InboundEmailPage = pageOf(InboundEmail);

export const InboundEmailQuery = z.object({
  status: z.enum(INBOUND_STATUSES).optional(),
  mailbox_id: z.string().regex(/^[1-9][0-9]{0,17}$/).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
