import { sql, type Kysely, type Transaction } from 'kysely';

/** A mailbox row as stored (passwords sealed). */
export interface MailboxRow {
  tenant_id: string;
  id: string;
  address: string;
  name: string;
  active: boolean;
  smtp_inbound: boolean;
  allowed_sender_domains: string[];
  imap_enabled: boolean;
  imap_host: string | null;
  imap_port: number | null;
  imap_secure: boolean;
  imap_user: string | null;
  imap_password_enc: string | null;
  imap_folder: string;
  imap_poll_seconds: number;
  imap_uid_validity: string | null;
  imap_last_uid: string;
  imap_last_polled_at: Date | null;
  imap_last_error: string | null;
  outbound_mode: 'smtp' | 'disabled';
  smtp_host: string | null;
  smtp_port: number | null;
  smtp_secure: boolean;
  smtp_user: string | null;
  smtp_password_enc: string | null;
  default_group_id: string | null;
  signature_zh: string;
  signature_en: string;
  auto_ack_enabled: boolean;
  auto_ack_per_sender_hour: number;
  send_limit_per_minute: number;
  max_message_bytes: string;
  created_at: Date;
  updated_at: Date;
}

/** Columns an admin may write (the service maps the API body onto them). */
export type MailboxColumns = Partial<Omit<MailboxRow, 'tenant_id' | 'id' | 'created_at' | 'updated_at' | 'imap_uid_validity' | 'imap_last_uid' | 'imap_last_polled_at' | 'imap_last_error'>>;

const WRITABLE = new Set<string>([
  'address', 'name', 'active', 'smtp_inbound', 'allowed_sender_domains', 'imap_enabled', 'imap_host', 'imap_port', 'imap_secure',
  'imap_user', 'imap_password_enc', 'imap_folder', 'imap_poll_seconds', 'outbound_mode', 'smtp_host', 'smtp_port', 'smtp_secure',
  'smtp_user', 'smtp_password_enc', 'default_group_id', 'signature_zh', 'signature_en', 'auto_ack_enabled', 'auto_ack_per_sender_hour',
  'send_limit_per_minute', 'max_message_bytes',
]);

function writable(columns: MailboxColumns): [string, unknown][] {
  return Object.entries(columns).filter(([key, value]) => WRITABLE.has(key) && value !== undefined);
}

export function mailboxesRepo(trx: Transaction<any>, tenantId: string) {
  return {
    async list(): Promise<(MailboxRow & { quarantined: number })[]> {
      const { rows } = await sql<MailboxRow & { quarantined: number }>`
        select m.*, (select count(*)::int from inbound_emails i
                     where i.tenant_id = m.tenant_id and i.mailbox_id = m.id and i.status in ('pending', 'quarantined')) as quarantined
        from mailboxes m where m.tenant_id = ${tenantId} order by m.id`.execute(trx);
      return rows;
    },

    /** Every mailbox of the tenant (a handful), as stored. */
    async all(): Promise<MailboxRow[]> {
      const { rows } = await sql<MailboxRow>`select * from mailboxes where tenant_id = ${tenantId} order by id`.execute(trx);
      return rows;
    },

    async find(id: string, forUpdate = false): Promise<MailboxRow | undefined> {
      const lock = forUpdate ? sql`for update` : sql``;
      const { rows } = await sql<MailboxRow>`select * from mailboxes where tenant_id = ${tenantId} and id = ${id} ${lock}`.execute(trx);
      return rows[0];
    },

    async quarantinedCount(id: string): Promise<number> {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from inbound_emails
        where tenant_id = ${tenantId} and mailbox_id = ${id} and status in ('pending', 'quarantined')`.execute(trx);
      return rows[0]?.n ?? 0;
    },

    async insert(columns: MailboxColumns): Promise<MailboxRow> {
      const entries = writable(columns);
      const names = sql.join(entries.map(([key]) => sql.ref(key)));
      const values = sql.join(entries.map(([, value]) => sql`${value}`));
      const { rows } = await sql<MailboxRow>`insert into mailboxes (tenant_id, ${names}) values (${tenantId}, ${values}) returning *`.execute(trx);
      return rows[0]!;
    },

    async update(id: string, columns: MailboxColumns): Promise<MailboxRow | undefined> {
      const entries = writable(columns);
      const sets = sql.join([...entries.map(([key, value]) => sql`${sql.ref(key)} = ${value}`), sql`updated_at = now()`]);
      const { rows } = await sql<MailboxRow>`update mailboxes set ${sets} where tenant_id = ${tenantId} and id = ${id} returning *`.execute(trx);
      return rows[0];
    },

    async remove(id: string): Promise<boolean> {
      const result = await sql`delete from mailboxes where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    async groupExists(id: string): Promise<boolean> {
      const { rows } = await sql`select 1 from groups where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      return rows.length > 0;
    },

    /** After a poll: where the IMAP cursor stands and how the last poll went. */
    async savePoll(id: string, poll: { uidValidity?: string | null; lastUid?: number; error: string | null }): Promise<void> {
      await sql`update mailboxes set
          imap_uid_validity = coalesce(${poll.uidValidity ?? null}, imap_uid_validity),
          imap_last_uid = coalesce(${poll.lastUid ?? null}::bigint, imap_last_uid),
          imap_last_polled_at = now(), imap_last_error = ${poll.error}
        where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },
  };
}

/**
 * The mailbox an address belongs to, in any tenant: the SMTP listener's RCPT check runs before
 * the tenant is known, so it reads on the owner connection (only what routing needs).
 */
export interface MailboxRoute {
  tenant_id: string;
  id: string;
  address: string;
  active: boolean;
  smtp_inbound: boolean;
  allowed_sender_domains: string[];
  max_message_bytes: string;
}

export async function findMailboxRoute(system: Kysely<any>, address: string): Promise<MailboxRoute | null> {
  // One address (an `= any(array)` form was planned anew for every recipient).
  const { rows } = await sql<MailboxRoute>`
    select tenant_id, id, address, active, smtp_inbound, allowed_sender_domains, max_message_bytes
    from mailboxes where lower(address) = ${address.trim().toLowerCase()}`.execute(system);
  return rows[0] ?? null;
}
