import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { Segmenter } from '../../platform/search/segmenter.ts';
import { indexOrganizations, indexTickets, indexUsers } from './search.indexer.ts';

/**
 * Rebuilds a tenant's search documents in batches (tickets, then users, then organizations).
 * Progress is committed with each batch in search_reindex_runs, so a run that is stopped resumes
 * after its last batch; a finished run starts over.
 */
export type ReindexKind = 'tickets' | 'users' | 'organizations';

export interface ReindexProgress {
  kind: ReindexKind;
  indexed: number;
  total: number;
  perSecond: number;
  resumed: boolean;
  done: boolean;
}

const SOURCES: Record<ReindexKind, { table: string; index: typeof indexTickets }> = {
  tickets: { table: 'tickets', index: indexTickets },
  users: { table: 'users', index: indexUsers },
  organizations: { table: 'organizations', index: indexOrganizations },
};

export async function reindexTenant(
  db: Database,
  tenantId: string,
  options: { segmenter: Segmenter; batchSize?: number; onProgress?: (progress: ReindexProgress) => void; kinds?: ReindexKind[] },
): Promise<Record<ReindexKind, number>> {
  const batchSize = options.batchSize ?? 250;
  const totals = { tickets: 0, users: 0, organizations: 0 };
  for (const kind of options.kinds ?? (['tickets', 'users', 'organizations'] as const)) {
    const { table, index } = SOURCES[kind];
    const start = await db.tenantTx(tenantId, async (trx) => {
      const { rows } = await sql<{ last_id: string; indexed: string; finished: boolean }>`
        select last_id, indexed, finished_at is not null as finished from search_reindex_runs
        where tenant_id = ${tenantId} and kind = ${kind}`.execute(trx);
      const run = rows[0];
      const resumed = Boolean(run && !run.finished);
      await sql`insert into search_reindex_runs (tenant_id, kind) values (${tenantId}, ${kind})
        on conflict (tenant_id, kind) do update set
          last_id = case when search_reindex_runs.finished_at is null then search_reindex_runs.last_id else 0 end,
          indexed = case when search_reindex_runs.finished_at is null then search_reindex_runs.indexed else 0 end,
          started_at = case when search_reindex_runs.finished_at is null then search_reindex_runs.started_at else now() end,
          finished_at = null, updated_at = now()`.execute(trx);
      const { rows: count } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(trx);
      return { lastId: resumed ? run!.last_id : '0', indexed: resumed ? Number(run!.indexed) : 0, total: Number(count[0]!.n), resumed };
    });
    let { lastId, indexed } = start;
    const began = performance.now();
    let sinceStart = 0;
    let reported = began;
    for (;;) {
      const batch = await db.tenantTx(tenantId, async (trx) => {
        const { rows } = await sql<{ id: string }>`select id from ${sql.table(table)} where tenant_id = ${tenantId} and id > ${lastId}
          order by id limit ${batchSize}`.execute(trx);
        const ids = rows.map((row) => row.id);
        if (ids.length === 0) {
          await sql`update search_reindex_runs set finished_at = now(), updated_at = now() where tenant_id = ${tenantId} and kind = ${kind}`.execute(trx);
          return null;
        }
        const written = await index(trx, tenantId, ids, options.segmenter);
        await sql`update search_reindex_runs set last_id = ${ids.at(-1)!}, indexed = indexed + ${written}, updated_at = now()
          where tenant_id = ${tenantId} and kind = ${kind}`.execute(trx);
        return { lastId: ids.at(-1)!, written };
      });
      const now = performance.now();
      const perSecond = sinceStart / Math.max((now - began) / 1000, 0.001);
      if (!batch) {
        options.onProgress?.({ kind, indexed, total: start.total, perSecond, resumed: start.resumed, done: true });
        break;
      }
      lastId = batch.lastId;
      indexed += batch.written;
      sinceStart += batch.written;
      if (now - reported >= 2_000) {
        reported = now;
        options.onProgress?.({ kind, indexed, total: start.total, perSecond, resumed: start.resumed, done: false });
      }
    }
    totals[kind] = indexed;
    // Fresh statistics, so the planner weighs common and rare words right.
    await sql`analyze ${sql.table(kind === 'tickets' ? 'search_tickets' : kind === 'users' ? 'search_users' : 'search_organizations')}`.execute(db.system);
  }
  return totals;
}
