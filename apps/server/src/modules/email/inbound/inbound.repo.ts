import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PLANNED_EACH_TIME } from '../../../platform/db/prepared-statements.ts';

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
  retry_at: Date | null;
}

/** A row locked for processing, with the earlier message of its Message-ID that made or joined a ticket. */
export type ClaimedRow = InboundRow & { earlier_id: string | null; earlier_ticket_id: string | null };

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

/** A message to store for a tenant. Stored pending, it is announced by that alone (see the inbound pump). */
export interface InboundStoreItem {
  tenantId: string;
  row: InboundInsert;
}

const STORE_COLUMNS = sql`tenant_id, mailbox_id, source, envelope_from, envelope_to, message_id, imap_uid_validity, imap_uid,
  size_bytes, raw, truncated, status, reason_code, error, from_address, subject`;

/**
 * Stores many raw messages, of any tenants, in one statement on the owner connection, in the
 * order given (the statement wakes the inbound pumps). Gives each one's id, or null for an IMAP message
 * stored before (same UIDVALIDITY and UID). The ids are drawn first, to tell the rows apart
 * (two copies of one mail are alike in every column).
 */
export async function storeInbound(system: Kysely<any>, items: readonly InboundStoreItem[]): Promise<Array<string | null>> {
  if (items.length === 0) return [];
  const values = items.map(({ tenantId, row }, n) => sql`(${n}::int, ${tenantId}::bigint, ${row.mailbox_id}::bigint, ${row.source}::text,
    ${row.envelope_from}::text, ${row.envelope_to}::text[], ${row.message_id}::text, ${row.imap_uid_validity ?? null}::text,
    ${row.imap_uid ?? null}::bigint, ${row.size_bytes}::bigint, ${row.raw}::bytea, ${row.truncated}::boolean, ${row.status ?? 'pending'}::text,
    ${row.reason_code ?? null}::text, ${row.error ?? null}::text, ${row.from_address ?? null}::text, ${row.subject ?? null}::text)`);
  const { rows } = await sql<{ n: number; id: string | null }>`with input as materialized (
      select nextval('inbound_emails_id_seq'::regclass) as id, v.*
      from (values ${sql.join(values)}) as v(n, ${STORE_COLUMNS})
    ),
    stored as (
      insert into inbound_emails (id, ${STORE_COLUMNS}) overriding system value
      select id, ${STORE_COLUMNS} from input order by n
      on conflict (tenant_id, mailbox_id, imap_uid_validity, imap_uid) where imap_uid is not null do nothing
      returning id
    )
    select i.n, s.id::text as id from input i left join stored s on s.id = i.id order by i.n`.execute(system);
  return rows.map((row) => row.id);
}

/**
 * The update recording what processing concluded for these messages (a statement, or a CTE of one).
 * The ids are also an index condition of their own: joined only through `unnest`, a plan made while
 * the table looked empty (a fresh install's first burst, before autoanalyze) read every row of the
 * tenant for each batch.
 */
export function finishStatement(tenantId: string, settled: ReadonlyArray<{ id: string; outcome: InboundOutcome }>) {
  const column = <K extends keyof InboundOutcome>(key: K) => settled.map(({ outcome }) => outcome[key] ?? null);
  return sql`update inbound_emails e set status = o.status, kind = coalesce(o.kind, e.kind), reason_code = o.reason_code, error = o.error,
      from_address = coalesce(o.from_address, e.from_address), subject = coalesce(o.subject, e.subject),
      ticket_id = o.ticket_id, message_ref_id = o.message_ref_id, attempts = e.attempts + 1, processed_at = now()
    from unnest(${settled.map(({ id }) => id)}::bigint[], ${column('status')}::text[], ${column('kind')}::text[],
      ${column('reason_code')}::text[], ${column('error')}::text[], ${column('from_address')}::text[], ${column('subject')}::text[],
      ${column('ticket_id')}::bigint[], ${column('message_ref_id')}::bigint[])
      as o(id, status, kind, reason_code, error, from_address, subject, ticket_id, message_ref_id)
    where e.tenant_id = ${tenantId} and e.id = any(${settled.map(({ id }) => id)}::bigint[]) and e.id = o.id`;
}

/** Locks the pending rows `where` picks, oldest first, each with the earlier message of its Message-ID that made or joined a ticket. */
async function claimRows(trx: Kysely<any>, where: RawBuilder<unknown>, limit?: number): Promise<ClaimedRow[]> {
  const { rows } = await sql<ClaimedRow>`select e.*, d.id::text as earlier_id, d.ticket_id::text as earlier_ticket_id
    from inbound_emails e
    left join lateral (select p.id, p.ticket_id from inbound_emails p
      where p.tenant_id = e.tenant_id and p.message_id = e.message_id and p.id <> e.id and p.status = 'processed' limit 1) d on true
    where ${where}
    order by e.id ${limit === undefined ? sql`` : sql`limit ${limit}`} for update of e skip locked`.execute(trx);
  return rows;
}

/**
 * The tenants with pending mail, on the owner connection: one index probe per tenant (a loose
 * scan of inbound_emails_pending), however much mail waits.
 */
export async function tenantsWithPendingMail(system: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ tenant_id: string }>`with recursive pending as (
      (select tenant_id from inbound_emails where status = 'pending' order by tenant_id limit 1)
      union all
      select (select e.tenant_id from inbound_emails e where e.status = 'pending' and e.tenant_id > pending.tenant_id order by e.tenant_id limit 1)
      from pending where pending.tenant_id is not null
    )
    select tenant_id::text from pending where tenant_id is not null`.execute(system);
  return rows.map((row) => row.tenant_id);
}

export function inboundRepo(trx: Kysely<any>, tenantId: string) {
  return {
    /**
     * Locks the pending rows among `ids` for processing, oldest first (a row another worker has,
     * or one done, is left out), each with the earlier message of its Message-ID that already
     * made or joined a ticket, if any (it is then a duplicate).
     */
    async claim(ids: string[]): Promise<ClaimedRow[]> {
      if (ids.length === 0) return [];
      return claimRows(trx, sql`e.tenant_id = ${tenantId} and e.id = any(${ids}::bigint[]) and e.status = 'pending'`);
    },

    /** Locks the oldest pending rows that are due (not waiting out a failure), at most `limit`, skipping those others hold. */
    async claimNext(limit: number): Promise<ClaimedRow[]> {
      return claimRows(trx, sql`e.tenant_id = ${tenantId} and e.status = 'pending' and (e.retry_at is null or e.retry_at <= now())`, limit);
    },

    /** Pending messages stored before `beforeId` with one of these Message-IDs, oldest first. */
    async pendingWithMessageIds(messageIds: string[], beforeId: string): Promise<string[]> {
      // By Message-ID first (materialized): planned on the pending-status index instead, it read
      // every pending row of a burst (8 ms with 3,000 waiting), since statistics rarely see many.
      // Planned each time: a generic plan made on a fresh table read the tenant through its key.
      const { rows } = await sql<{ id: string }>`${sql.raw(PLANNED_EACH_TIME)} with candidates as materialized (
          select id, status from inbound_emails where tenant_id = ${tenantId} and message_id = any(${messageIds}::text[])
        )
        select id::text as id from candidates where status = 'pending' and id < ${beforeId}
        order by candidates.id limit 10`.execute(trx);
      return rows.map((row) => row.id);
    },

    async find(id: string, withRaw = false): Promise<InboundRow | InboundSummary | null> {
      const columns = withRaw ? sql`*` : SUMMARY;
      const { rows } = await sql<InboundRow>`select ${columns} from inbound_emails where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      return rows[0] ?? null;
    },

    /**
     * Counts a failed try of a pending message: due again after a back-off (`retryBaseMs`, doubled
     * for each earlier failure), or quarantined once it has failed `maxAttempts` times. Null when
     * the row is no longer pending.
     */
    async recordFailure(id: string, error: string, policy: { maxAttempts: number; retryBaseMs: number }): Promise<{ attempts: number; quarantined: boolean } | null> {
      const { rows } = await sql<{ attempts: number; status: InboundStatus }>`update inbound_emails set attempts = attempts + 1, error = ${error},
          retry_at = now() + ${policy.retryBaseMs} * power(2, attempts) * interval '1 millisecond',
          status = case when attempts + 1 >= ${policy.maxAttempts} then 'quarantined' else status end,
          reason_code = case when attempts + 1 >= ${policy.maxAttempts} then 'PROCESSING_FAILED' else reason_code end,
          processed_at = case when attempts + 1 >= ${policy.maxAttempts} then now() end
        where tenant_id = ${tenantId} and id = ${id} and status = 'pending' returning attempts, status`.execute(trx);
      return rows[0] ? { attempts: rows[0].attempts, quarantined: rows[0].status === 'quarantined' } : null;
    },

    /** Back to pending (an admin's retry). */
    async requeue(id: string): Promise<boolean> {
      const result = await sql`update inbound_emails set status = 'pending', reason_code = null, error = null, processed_at = null, retry_at = null
        where tenant_id = ${tenantId} and id = ${id} and status in ('quarantined', 'ignored', 'duplicate')`.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0;
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
  };
}
