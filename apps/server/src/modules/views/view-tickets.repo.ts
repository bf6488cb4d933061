import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { onlyLive, possibleCategories, type ResolvedConditions } from './domain/predicates.ts';
import type { AppliedSort, ViewCursor } from './domain/sort.ts';
import { conditionsSql } from './domain/view-sql.ts';

/** Same columns as the tickets module's records, so rows present exactly like GET /api/v1/tickets. */
const ticketColumns = sql`t.tenant_id, t.id, t.number, t.subject, t.status_id, t.status_category, t.priority, t.type,
  t.category_id, t.requester_id, t.submitter_id, t.assignee_id, t.group_id, t.organization_id, t.form_id, t.via,
  t.external_id, t.tags, t.custom_fields, t.version, t.created_at, t.updated_at, t.solved_at, t.closed_at,
  coalesce((select array_agg(c.user_id::text order by c.user_id) from ticket_ccs c
            where c.tenant_id = t.tenant_id and c.ticket_id = t.id), '{}') as cc_ids,
  coalesce((select array_agg(f.user_id::text order by f.user_id) from ticket_followers f
            where f.tenant_id = t.tenant_id and f.ticket_id = t.id), '{}') as follower_ids,
  (select s.name from ticket_statuses s where s.tenant_id = t.tenant_id and s.id = t.status_id) as status_name`;

const PRIORITY_RANK = sql`array_position(array['low', 'normal', 'high', 'urgent']::text[], t.priority)`;

/** What a staff member may see (the tickets module's policy, as SQL): all, their groups', or their own. */
export function visibilitySql(actor: Pick<Actor, 'userId' | 'groupIds' | 'ticketAccess'>): RawBuilder<boolean> {
  const following = sql`exists (select 1 from ticket_followers f where f.tenant_id = t.tenant_id and f.ticket_id = t.id
    and f.user_id = ${actor.userId})`;
  if (actor.ticketAccess === 'groups') {
    return sql<boolean>`(coalesce(t.group_id = any(${[...actor.groupIds]}::bigint[]), false) or coalesce(t.assignee_id = ${actor.userId}, false) or ${following})`;
  }
  if (actor.ticketAccess === 'assigned') return sql<boolean>`(coalesce(t.assignee_id = ${actor.userId}, false) or ${following})`;
  return sql<boolean>`true`;
}

/**
 * The view's conditions plus a guard that repeats the live partial indexes' predicate when the
 * view can only hold live tickets, so the planner may use them (closed tickets never scanned).
 * Solved-only views need no guard: `status_category = any('{solved}')` already implies the
 * solved index's predicate, and a repeated filter made the planner misjudge the row count
 * (62 estimated for 40,000) and sort every solved ticket.
 */
function whereOf(tenantId: string, resolved: ResolvedConditions, visibility: RawBuilder<boolean>) {
  const where = [sql`t.tenant_id = ${tenantId}`, conditionsSql(resolved, 't'), visibility];
  const categories = possibleCategories(resolved);
  if (categories.length === 0) where.push(sql`false`);
  else if (onlyLive(categories)) where.push(sql`t.status_category not in ('solved', 'closed')`);
  return sql.join(where, sql` and `);
}

export interface ViewTicketRow {
  id: string;
  cursor_key: string | number;
  [column: string]: unknown;
}

export function viewTicketsRepo(trx: Transaction<any>, tenantId: string) {
  return {
    async page(resolved: ResolvedConditions, visibility: RawBuilder<boolean>, sort: AppliedSort, limit: number, after?: ViewCursor) {
      const desc = sort.direction === 'desc';
      const cmp = desc ? sql`<` : sql`>`;
      const dir = desc ? sql`desc` : sql`asc`;
      const key = sort.by === 'priority' ? PRIORITY_RANK : sort.by === 'id' ? sql`t.id` : sql.ref(`t.${sort.by}`);
      const cursorKey = sort.by === 'priority' ? PRIORITY_RANK
        : sort.by === 'id' ? sql`t.id`
          : sql`to_char(${sql.ref(`t.${sort.by}`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
      const keyset = !after ? sql`true`
        : sort.by === 'id' ? sql`t.id ${cmp} ${after.id}::bigint`
          : sort.by === 'priority' ? sql`(${PRIORITY_RANK}, t.id) ${cmp} (${after.key}::int, ${after.id}::bigint)`
            : sql`(${key}, t.id) ${cmp} (${after.key}::timestamptz, ${after.id}::bigint)`;
      const order = sort.by === 'id' ? sql`t.id ${dir}` : sql`${key} ${dir}, t.id ${dir}`;
      const result = await sql<ViewTicketRow>`select ${ticketColumns}, ${cursorKey} as cursor_key from tickets t
        where ${whereOf(tenantId, resolved, visibility)} and ${keyset}
        order by ${order} limit ${limit}`.execute(trx);
      return result.rows;
    },

    /** Counts the view by its query (views the aggregate cannot answer, or restricted viewers). */
    async count(resolved: ResolvedConditions, visibility: RawBuilder<boolean>): Promise<number> {
      const result = await sql<{ n: string }>`select count(*) as n from tickets t
        where ${whereOf(tenantId, resolved, visibility)}`.execute(trx);
      return Number(result.rows[0]!.n);
    },
  };
}
