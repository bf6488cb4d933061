import { sql, type Kysely, type Transaction } from 'kysely';
import type { DailyFactIncrement } from './domain/ticket-facts.ts';

export interface DailyTicketFactRow {
  day: string;
  via: string;
  created_count: number;
  solved_count: number;
  public_replies: number;
}

/**
 * Records events' increments as delta rows (one per day and channel): inserts, never an update of
 * the shared day row, so concurrent reactions never wait on each other. The compaction job folds
 * deltas in.
 */
export async function addDailyTicketFacts(trx: Transaction<any>, tenantId: string, increments: DailyFactIncrement[]): Promise<void> {
  const sums = new Map<string, DailyFactIncrement>();
  for (const increment of increments) {
    const key = `${increment.day}|${increment.via}`;
    const sum = sums.get(key) ?? { day: increment.day, via: increment.via, created: 0, solved: 0, publicReplies: 0 };
    sum.created += increment.created;
    sum.solved += increment.solved;
    sum.publicReplies += increment.publicReplies;
    sums.set(key, sum);
  }
  if (sums.size === 0) return;
  const rows = [...sums.values()];
  await sql`
    insert into daily_ticket_fact_deltas (tenant_id, day, via, created_count, solved_count, public_replies)
    select ${tenantId}, d.day, d.via, d.created, d.solved, d.replies
    from unnest(${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.via)}::text[], ${rows.map((r) => r.created)}::int[],
      ${rows.map((r) => r.solved)}::int[], ${rows.map((r) => r.publicReplies)}::int[]) as d (day, via, created, solved, replies)`.execute(trx);
}

/** Facts of the days from `from` to `to` inclusive, oldest first: folded rows plus pending deltas (RLS: one tenant). */
export async function listDailyTicketFacts(trx: Transaction<any>, range: { from: string; to: string }): Promise<DailyTicketFactRow[]> {
  const { rows } = await sql<DailyTicketFactRow>`
    select to_char(day, 'YYYY-MM-DD') as day, via, sum(created_count)::int as created_count, sum(solved_count)::int as solved_count,
      sum(public_replies)::int as public_replies
    from (
      select day, via, created_count, solved_count, public_replies from daily_ticket_facts where day between ${range.from}::date and ${range.to}::date
      union all
      select day, via, created_count, solved_count, public_replies from daily_ticket_fact_deltas where day between ${range.from}::date and ${range.to}::date
    ) facts
    group by day, via
    order by day, via`.execute(trx);
  return rows;
}

/** Serialises compactions across processes. */
const COMPACTION_LOCK = sql`hashtext('switchboard:daily-ticket-facts')`;

/**
 * Folds pending deltas into daily_ticket_facts (owner connection), in one transaction: the
 * deltas it deletes and the sums it adds become visible together, so a reader never counts an
 * event twice or not at all. Returns how many deltas it folded (0 when another process holds the lock).
 */
export async function compactDailyTicketFacts(system: Kysely<any>, batch = 50_000): Promise<number> {
  return system.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${COMPACTION_LOCK}) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return 0;
    const { rows } = await sql<{ folded: string }>`
      with moved as (
        delete from daily_ticket_fact_deltas where id in (select id from daily_ticket_fact_deltas order by id limit ${batch})
        returning tenant_id, day, via, created_count, solved_count, public_replies
      ), summed as (
        select tenant_id, day, via, sum(created_count) as c, sum(solved_count) as s, sum(public_replies) as p, count(*) as n
        from moved group by 1, 2, 3
      ), applied as (
        insert into daily_ticket_facts (tenant_id, day, via, created_count, solved_count, public_replies)
        select tenant_id, day, via, c, s, p from summed
        on conflict (tenant_id, day, via) do update set
          created_count = daily_ticket_facts.created_count + excluded.created_count,
          solved_count = daily_ticket_facts.solved_count + excluded.solved_count,
          public_replies = daily_ticket_facts.public_replies + excluded.public_replies
        returning 1
      )
      select coalesce((select sum(n) from summed), 0)::text as folded, (select count(*) from applied) as applied`.execute(trx);
    return Number(rows[0]?.folded ?? 0);
  });
}
