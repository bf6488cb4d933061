import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { IdentityDb } from './identity.tables.ts';

/** Reads for the customer page: the person, their tickets (as the caller may see them), their history. */
export interface CustomerRow {
  id: string;
  role: string;
  name: string;
  email: string | null;
  phone: string | null;
  organization_id: string | null;
  organization_name: string | null;
  vip_level: number;
  tags: string[];
  notes: string;
  locale: string | null;
  time_zone: string | null;
  external_id: string | null;
  active: boolean;
  merged_into_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function findCustomer(trx: IdentityDb, tenantId: string, id: string, options: { lock?: boolean } = {}): Promise<CustomerRow | undefined> {
  const lock = options.lock ? sql`for no key update of u` : sql``;
  const result = await sql<CustomerRow>`
    select u.id, u.role, u.name, u.email, u.phone, u.organization_id, o.name as organization_name, u.vip_level, u.tags,
      u.notes, u.locale, u.time_zone, u.external_id, u.active, u.merged_into_id, u.created_at, u.updated_at
    from users u left join organizations o on o.tenant_id = u.tenant_id and o.id = u.organization_id
    where u.tenant_id = ${tenantId} and u.id = ${id} ${lock}`.execute(trx);
  return result.rows[0];
}

/**
 * The tickets a staff member may see, as a condition on `t`: the same rule as the tickets
 * module's policy (tickets.policy.ts; search.repo.ts spells it too). Customers never reach the
 * customer page's routes (users:read).
 */
function visibleTo(actor: Actor): RawBuilder<unknown> {
  if (actor.role === 'customer') return sql`false`;
  if (actor.ticketAccess === 'groups') {
    return sql`(t.group_id = any(${actor.groupIds}::bigint[]) or t.assignee_id = ${actor.userId}
      or exists (select 1 from ticket_followers f where f.tenant_id = t.tenant_id and f.ticket_id = t.id and f.user_id = ${actor.userId}))`;
  }
  if (actor.ticketAccess === 'assigned') {
    return sql`(t.assignee_id = ${actor.userId}
      or exists (select 1 from ticket_followers f where f.tenant_id = t.tenant_id and f.ticket_id = t.id and f.user_id = ${actor.userId}))`;
  }
  return sql`true`;
}

/** Tickets requested by the customer, by status category (the requester index, then a small group by). */
export async function ticketCounts(trx: IdentityDb, actor: Actor, customerId: string): Promise<Record<string, number>> {
  const result = await sql<{ status_category: string; n: number }>`
    select t.status_category, count(*)::int as n from tickets t
    where t.tenant_id = ${actor.tenantId} and t.requester_id = ${customerId} and ${visibleTo(actor)}
    group by t.status_category`.execute(trx);
  return Object.fromEntries(result.rows.map((row) => [row.status_category, row.n]));
}

export interface CustomerTicketRow {
  id: string;
  number: string;
  subject: string;
  status_category: string;
  status_name: string;
  priority: string;
  via: string;
  assignee_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Newest first, `limit + 1` rows after the ticket id `before` (keyset over tickets_requester). */
export async function ticketsPage(
  trx: IdentityDb,
  actor: Actor,
  customerId: string,
  page: { before?: string; limit: number },
): Promise<CustomerTicketRow[]> {
  const after = page.before ? sql`and t.id < ${page.before}` : sql``;
  const result = await sql<CustomerTicketRow>`
    select t.id, t.number, t.subject, t.status_category, coalesce(s.name, t.status_category) as status_name, t.priority, t.via,
      t.assignee_id, t.created_at, t.updated_at
    from tickets t left join ticket_statuses s on s.tenant_id = t.tenant_id and s.id = t.status_id
    where t.tenant_id = ${actor.tenantId} and t.requester_id = ${customerId} and ${visibleTo(actor)} ${after}
    order by t.id desc limit ${page.limit + 1}`.execute(trx);
  return result.rows;
}

export interface MergeRow {
  id: string;
  source_id: string;
  source_name: string;
  target_id: string;
  target_name: string;
  merged_by: string | null;
  merged_by_name: string | null;
  moved_ticket_ids: string[];
  details: Record<string, unknown>;
  at: Date;
}

export async function mergesOf(trx: IdentityDb, tenantId: string, customerId: string, options: { id?: string; limit: number }): Promise<MergeRow[]> {
  const filter = options.id ? sql`m.id = ${options.id}` : sql`(m.target_id = ${customerId} or m.source_id = ${customerId})`;
  const result = await sql<MergeRow>`
    select m.id, m.source_id, s.name as source_name, m.target_id, g.name as target_name, m.merged_by, b.name as merged_by_name,
      m.moved_ticket_ids::text[] as moved_ticket_ids, m.details, m.at
    from customer_merges m
    join users s on s.tenant_id = m.tenant_id and s.id = m.source_id
    join users g on g.tenant_id = m.tenant_id and g.id = m.target_id
    left join users b on b.tenant_id = m.tenant_id and b.id = m.merged_by
    where m.tenant_id = ${tenantId} and ${filter}
    order by m.id desc limit ${options.limit}`.execute(trx);
  return result.rows;
}

export interface CustomerAuditRow {
  id: string;
  action: string;
  actor_user_id: string | null;
  actor_name: string | null;
  changes: Record<string, unknown>;
  created_at: Date;
}

/** Audit entries about this person that the history shows (merges come from customer_merges). */
export async function auditOf(trx: IdentityDb, tenantId: string, customerId: string, actions: readonly string[], limit: number): Promise<CustomerAuditRow[]> {
  const result = await sql<CustomerAuditRow>`
    select a.id, a.action, a.actor_user_id, u.name as actor_name, a.changes, a.created_at
    from audit_log a left join users u on u.tenant_id = a.tenant_id and u.id = a.actor_user_id
    where a.tenant_id = ${tenantId} and a.target_type = 'user' and a.target_id = ${customerId}
      and a.action = any(${[...actions]}::text[])
    order by a.id desc limit ${limit}`.execute(trx);
  return result.rows;
}
