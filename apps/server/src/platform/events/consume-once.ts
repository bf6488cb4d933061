import { sql, type Transaction } from 'kysely';
import { APP_ROLE, type Database } from '../db/database.ts';

/**
 * Applies one event's effect at most once per consumer. The `processed_events` row and the effect
 * commit in the same transaction: a second delivery (a retried job, a job run twice after a crash)
 * finds the row and is skipped; a run that fails leaves no row, so the retry does the work. Two
 * deliveries racing wait on each other's row lock and only one applies.
 *
 * The mark is written as the owner (the app role may not touch processed_events); the effect then
 * runs as the RLS-bound app role scoped to the event's tenant, like a request would.
 */
export async function consumeOnce(
  db: Database,
  consumer: string,
  event: { key: string; tenantId: string },
  effect: (trx: Transaction<any>) => Promise<void>,
): Promise<'done' | 'skipped'> {
  return db.systemTx(async (trx) => {
    const marked = await sql`insert into processed_events (consumer, event_key) values (${consumer}, ${event.key})
      on conflict do nothing returning 1 as marked`.execute(trx);
    if (marked.rows.length === 0) return 'skipped';
    // Asynchronous commit: the job's completion commits synchronously after this, and its WAL
    // flush covers this commit; lost before that, the job runs again and redoes it.
    await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${event.tenantId}, true),
      set_config('synchronous_commit', 'off', true)`.execute(trx);
    await effect(trx);
    return 'done';
  });
}

/**
 * `consumeOnce` for many events: per tenant, one transaction marks them all in one statement and
 * runs the effect once over those not applied before (in their order). Returns how many were new.
 */
export async function consumeEachOnce<E extends { key: string; tenantId: string }>(
  db: Database,
  consumer: string,
  events: ReadonlyArray<E>,
  effect: (trx: Transaction<any>, fresh: E[], tenantId: string) => Promise<void>,
): Promise<number> {
  let applied = 0;
  for (const [tenantId, group] of Map.groupBy(events, (event) => event.tenantId)) {
    applied += await db.systemTx(async (trx) => {
      const { rows } = await sql<{ event_key: string }>`insert into processed_events (consumer, event_key)
        select ${consumer}, unnest(${group.map((event) => event.key)}::text[])
        on conflict do nothing returning event_key`.execute(trx);
      const marked = new Set(rows.map((row) => row.event_key));
      // A key repeated in the batch was marked once: its first event is the one applied.
      const fresh = group.filter((event) => marked.delete(event.key));
      if (fresh.length === 0) return 0;
      await sql`select set_config('role', ${APP_ROLE}, true), set_config('app.tenant_id', ${tenantId}, true),
        set_config('synchronous_commit', 'off', true)`.execute(trx);
      await effect(trx, fresh, tenantId);
      return fresh.length;
    });
  }
  return applied;
}

/** Forgets marks older than the longest a job can be retried, so the table stays small. */
export async function pruneProcessedEvents(db: Database, olderThanDays: number): Promise<number> {
  const result = await sql`delete from processed_events where processed_at < now() - make_interval(days => ${olderThanDays})`.execute(
    db.system,
  );
  return Number(result.numAffectedRows ?? 0);
}
