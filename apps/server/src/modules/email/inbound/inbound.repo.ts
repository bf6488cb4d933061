import { sql, type Kysely } from 'kysely';

export type InboundStatus = 'pending' | 'processed' | 'ignored' | 'quarantined' | 'duplicate';

export interface InboundRow {
  tenant_id: string;
  id: string;
  mailbox_id: string;
  source: 'smtp' | 'imap';
  envelope_from: string | null;
  envelope_to: string[];
  message_id: string | null;
  imap_uid_validity: string | null;
  imap_uid: string | null;
  size_bytes: string;
  raw: Buffer;
  truncated: boolean;
  status: InboundStatus;
  kind: 'normal' | 'auto_reply' | 'bounce' | 'list' | null;
  reason_code: string | null;
  error: string | null;
  attempts: number;
  from_address: string | null;
  subject: string | null;
  ticket_id: string | null;
  message_ref_id: string | null;
  received_at: Date;
  processed_at: Date | null;
}

export type InboundSummary = Omit<InboundRow, 'raw'> & { mailbox_address?: string | null };

export interface InboundInsert {
  mailbox_id: string;
  source: 'smtp' | 'imap';
  envelope_from: string | null;
  envelope_to: string[];
  message_id: string | null;
  imap_uid_validity?: string | null;
  imap_uid?: number | null;
  size_bytes: number;
  raw: Buffer;
  truncated: boolean;
  status?: InboundStatus;
  reason_code?: string | null;
  error?: string | null;
  from_address?: string | null;
  subject?: string | null;
}

/** What processing concluded about a message. */
export interface InboundOutcome {
  status: Exclude<InboundStatus, 'pending'>;
  kind?: InboundRow['kind'];
  reason_code?: string | null;
  error?: string | null;
  from_address?: string | null;
  subject?: string | null;
  ticket_id?: string | null;
  message_ref_id?: string | null;
}

const SUMMARY = sql`tenant_id, id, mailbox_id, source, envelope_from, envelope_to, message_id, imap_uid_validity, imap_uid, size_bytes,
  truncated, status, kind, reason_code, error, attempts, from_address, subject, ticket_id, message_ref_id, received_at, processed_at,
  (select m.address from mailboxes m where m.tenant_id = inbound_emails.tenant_id and m.id = inbound_emails.mailbox_id) as mailbox_address`;

export function inboundRepo(trx: Kysely<any>, tenantId: string) {
  return {
    /**
     * Stores the raw message; an IMAP message already stored (same UIDVALIDITY and UID) gives null.
     * `announce`: the outbox topic written in the same statement for a message stored now.
     */
    async insert(row: InboundInsert, options: { announce?: string } = {}): Promise<string | null> {
      const stored = sql<{ id: string }>`
        insert into inbound_emails (tenant_id, mailbox_id, source, envelope_from, envelope_to, message_id, imap_uid_validity, imap_uid,
          size_bytes, raw, truncated, status, reason_code, error, from_address, subject)
        values (${tenantId}, ${row.mailbox_id}, ${row.source}, ${row.envelope_from}, ${row.envelope_to}::text[], ${row.message_id},
          ${row.imap_uid_validity ?? null}, ${row.imap_uid ?? null}, ${row.size_bytes}, ${row.raw}, ${row.truncated},
          ${row.status ?? 'pending'}, ${row.reason_code ?? null}, ${row.error ?? null}, ${row.from_address ?? null}, ${row.subject ?? null})
        on conflict (tenant_id, mailbox_id, imap_uid_validity, imap_uid) where imap_uid is not null do nothing
        returning id::text as id`;
      const query = options.announce
        ? sql<{ id: string }>`with stored as (${stored}),
            announced as (insert into outbox (tenant_id, topic, payload)
              select ${tenantId}, ${options.announce}, jsonb_build_object('inbound_id', id) from stored)
            select id from stored`
        : stored;
      const { rows } = await query.execute(trx);
      return rows[0]?.id ?? null;
    },

    /** Locks a pending row for processing; null when another worker has it or it is done. */
    async claim(id: string): Promise<InboundRow | null> {
      const { rows } = await sql<InboundRow>`select * from inbound_emails
        where tenant_id = ${tenantId} and id = ${id} and status = 'pending' for update skip locked`.execute(trx);
      return rows[0] ?? null;
    },

    /** Pending messages stored before `beforeId` with one of these Message-IDs, oldest first. */
    async pendingWithMessageIds(messageIds: string[], beforeId: string): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`select id::text as id from inbound_emails
        where tenant_id = ${tenantId} and message_id = any(${messageIds}::text[]) and status = 'pending' and id < ${beforeId}
        order by id limit 10`.execute(trx);
      return rows.map((row) => row.id);
    },

    async find(id: string, withRaw = false): Promise<InboundRow | InboundSummary | null> {
      const columns = withRaw ? sql`*` : SUMMARY;
      const { rows } = await sql<InboundRow>`select ${columns} from inbound_emails where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      return rows[0] ?? null;
    },

    async finish(id: string, outcome: InboundOutcome): Promise<void> {
      await sql`update inbound_emails set status = ${outcome.status}, kind = coalesce(${outcome.kind ?? null}, kind),
          reason_code = ${outcome.reason_code ?? null}, error = ${outcome.error ?? null},
          from_address = coalesce(${outcome.from_address ?? null}, from_address), subject = coalesce(${outcome.subject ?? null}, subject),
          ticket_id = ${outcome.ticket_id ?? null}, message_ref_id = ${outcome.message_ref_id ?? null},
          attempts = attempts + 1, processed_at = now()
        where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    async countFailure(id: string, error: string): Promise<number> {
      const { rows } = await sql<{ attempts: number }>`update inbound_emails set attempts = attempts + 1, error = ${error}
        where tenant_id = ${tenantId} and id = ${id} returning attempts`.execute(trx);
      return rows[0]?.attempts ?? 0;
    },

    /** Back to pending (an admin's retry). */
    async requeue(id: string): Promise<boolean> {
      const result = await sql`update inbound_emails set status = 'pending', reason_code = null, error = null, processed_at = null
        where tenant_id = ${tenantId} and id = ${id} and status in ('quarantined', 'ignored', 'duplicate')`.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    /** Another message with this Message-ID that already made (or joined) a ticket. */
    async processedWithMessageId(messageId: string, exceptId: string): Promise<{ id: string; ticket_id: string | null } | null> {
      const { rows } = await sql<{ id: string; ticket_id: string | null }>`select id, ticket_id from inbound_emails
        where tenant_id = ${tenantId} and message_id = ${messageId} and id <> ${exceptId} and status = 'processed' limit 1`.execute(trx);
      return rows[0] ?? null;
    },

    async list(filter: { status?: InboundStatus; mailboxId?: string; beforeId?: string; limit: number }): Promise<InboundSummary[]> {
      const { rows } = await sql<InboundSummary>`select ${SUMMARY} from inbound_emails
        where tenant_id = ${tenantId}
          ${filter.status ? sql`and status = ${filter.status}` : sql``}
          ${filter.mailboxId ? sql`and mailbox_id = ${filter.mailboxId}` : sql``}
          ${filter.beforeId ? sql`and id < ${filter.beforeId}` : sql``}
        order by id desc limit ${filter.limit}`.execute(trx);
      return rows;
    },

    async pendingIds(limit: number): Promise<string[]> {
      const { rows } = await sql<{ id: string }>`select id::text as id from inbound_emails
        where tenant_id = ${tenantId} and status = 'pending' order by id limit ${limit}`.execute(trx);
      return rows.map((row) => row.id);
    },
  };
}
