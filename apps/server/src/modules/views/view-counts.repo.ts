import { sql, type Kysely, type Transaction } from 'kysely';
import type { ResolvedConditions } from './domain/predicates.ts';
import { possibleCategories } from './domain/predicates.ts';
import { conditionsSql } from './domain/view-sql.ts';

/** Serialises the writers of the aggregate (compactor, repair) across every process. */
const AGGREGATE_LOCK = sql`hashtext('switchboard:view-count-aggregate')`;

/**
 * Counts of several views from the aggregate plus the pending deltas, in ONE query over a few
 * hundred or thousand small rows. group_id / assignee_id are kept as 0 for "none" there, so the
 * rows are turned back into NULLs before the view's conditions (the same SQL as for tickets) test them.
 */
export async function aggregateCounts(trx: Transaction<any>, tenantId: string, views: ResolvedConditions[]): Promise<number[]> {
  if (views.length === 0) return [];
  const categories = [...new Set(views.flatMap((view) => possibleCategories(view)))];
  const sums = views.map((view, index) => sql`coalesce(sum(a.n) filter (where ${conditionsSql(view, 'a')}), 0) as ${sql.ref(`c${index}`)}`);
  const result = await sql<Record<string, string>>`
    select ${sql.join(sums)}
    from (
      select status_category, status_id, nullif(group_id, 0) as group_id, nullif(assignee_id, 0) as assignee_id, priority, n
        from view_count_aggregate where tenant_id = ${tenantId} and status_category = any(${categories}::text[])
      union all
      select status_category, status_id, nullif(group_id, 0), nullif(assignee_id, 0), priority, delta
        from view_count_deltas where tenant_id = ${tenantId} and status_category = any(${categories}::text[])
    ) a`.execute(trx);
  const row = result.rows[0] ?? {};
  return views.map((_view, index) => Number(row[`c${index}`] ?? 0));
}

/**
 * Folds pending deltas into the aggregate (owner connection). One transaction: the deltas it
 * deletes and the sums it adds become visible together, so a reader never counts twice or not at
 * all. Deltas committed meanwhile are not in its snapshot and wait for the next pass. Returns how
 * many delta rows it folded (0 when another process holds the lock).
 */
export async function compactViewCounts(system: Kysely<any>, batch = 50_000): Promise<number> {
  return system.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${AGGREGATE_LOCK}) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return 0;
    const result = await sql<{ folded: string }>`
      with moved as (
        delete from view_count_deltas where id in (select id from view_count_deltas order by id limit ${batch})
        returning tenant_id, status_category, status_id, group_id, assignee_id, priority, delta
      ), summed as (
        select tenant_id, status_category, status_id, group_id, assignee_id, priority, sum(delta) as n, count(*) as rows
        from moved group by 1, 2, 3, 4, 5, 6
      ), applied as (
        insert into view_count_aggregate (tenant_id, status_category, status_id, group_id, assignee_id, priority, n)
        select tenant_id, status_category, status_id, group_id, assignee_id, priority, n from summed
        on conflict (tenant_id, status_category, status_id, group_id, assignee_id, priority)
        do update set n = view_count_aggregate.n + excluded.n
        returning 1
      )
      select coalesce((select sum(rows) from summed), 0) as folded, (select count(*) from applied) as applied`.execute(trx);
    const folded = Number(result.rows[0]?.folded ?? 0);
    if (folded > 0) await sql`delete from view_count_aggregate where n = 0`.execute(trx);
    return folded;
  });
}

export interface CountDrift {
  tenant_id: string;
  status_category: string;
  status_id: string;
  group_id: string | null;
  assignee_id: string | null;
  priority: string;
  kept: number;
  actual: number;
}

/**
 * Compares the kept counts (aggregate + deltas) with counts recomputed from the tickets, within one
 * REPEATABLE READ snapshot: the deltas are written in the ticket's own transaction, so at any
 * snapshot both sides must be equal, however busy the tickets are. With `repair`, each tenant that
 * drifted gets its aggregate rebuilt (see repairViewCounts).
 */
export async function checkViewCounts(
  system: Kysely<any>,
  options: { tenantId?: string; repair: boolean },
): Promise<{ tenants: number; drift: CountDrift[]; repaired: string[] }> {
  const { drift, tenants } = await system.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const tenantFilter = (column: string) => (options.tenantId ? sql`${sql.ref(column)} = ${options.tenantId}` : sql`true`);
    const rows = await sql<CountDrift>`
      with kept as (
        select tenant_id, status_category, status_id, group_id, assignee_id, priority, sum(n) as n from (
          select tenant_id, status_category, status_id, group_id, assignee_id, priority, n from view_count_aggregate where ${tenantFilter('tenant_id')}
          union all
          select tenant_id, status_category, status_id, group_id, assignee_id, priority, delta from view_count_deltas where ${tenantFilter('tenant_id')}
        ) k group by 1, 2, 3, 4, 5, 6
      ), actual as (
        select tenant_id, status_category, status_id, coalesce(group_id, 0) as group_id, coalesce(assignee_id, 0) as assignee_id, priority, count(*) as n
        from tickets where ${tenantFilter('tenant_id')} group by 1, 2, 3, 4, 5, 6
      )
      select tenant_id, status_category, status_id, nullif(group_id, 0) as group_id, nullif(assignee_id, 0) as assignee_id, priority,
        coalesce(k.n, 0)::int as kept, coalesce(a.n, 0)::int as actual
      from kept k full join actual a using (tenant_id, status_category, status_id, group_id, assignee_id, priority)
      where coalesce(k.n, 0) <> coalesce(a.n, 0)
      order by 1, 2, 3`.execute(trx);
    const count = await sql<{ n: string }>`select count(*) as n from tenants where ${tenantFilter('id')}`.execute(trx);
    return { drift: rows.rows, tenants: Number(count.rows[0]!.n) };
  });
  const repaired = options.repair ? [...new Set(drift.map((row) => row.tenant_id))] : [];
  for (const tenantId of repaired) await repairViewCounts(system, tenantId);
  return { tenants, drift, repaired };
}

/**
 * Rebuilds one tenant's aggregate from its tickets. Ticket writes wait meanwhile (SHARE lock on
 * tickets: in-flight writers finish first, new ones queue), so no delta can be both dropped here
 * and counted in the rebuild. Rare by design: the triggers keep the counts exact; this is the
 * answer to a restore without triggers or a hand edit.
 */
export async function repairViewCounts(system: Kysely<any>, tenantId: string): Promise<void> {
  await system.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${AGGREGATE_LOCK})`.execute(trx);
    await sql`lock table tickets in share mode`.execute(trx);
    await sql`delete from view_count_deltas where tenant_id = ${tenantId}`.execute(trx);
    await sql`delete from view_count_aggregate where tenant_id = ${tenantId}`.execute(trx);
    await sql`insert into view_count_aggregate (tenant_id, status_category, status_id, group_id, assignee_id, priority, n)
      select tenant_id, status_category, status_id, coalesce(group_id, 0), coalesce(assignee_id, 0), priority, count(*)
      from tickets where tenant_id = ${tenantId} group by 1, 2, 3, 4, 5, 6`.execute(trx);
  });
}
