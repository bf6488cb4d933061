import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { checkViewCounts } from './view-counts.repo.ts';

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `npm run cli -- views check-counts [--tenant <id, slug or name>] [--repair]`: compares the kept view counts
 * with counts recomputed from the tickets; prints one line per differing combination and a
 * summary. Exits non-zero (throws) when drift is found and not repaired.
 */
export async function viewsCheckCounts(db: Database, options: Record<string, string | boolean | undefined>, io: Io): Promise<void> {
  let tenantId: string | undefined;
  if (typeof options.tenant === 'string') {
    const found = await sql<{ id: string }>`select id from tenants where id::text = ${options.tenant} or slug = ${options.tenant}
      or lower(name) = lower(${options.tenant}) order by id limit 1`.execute(db.system);
    tenantId = found.rows[0]?.id;
    if (!tenantId) throw new Error(`no tenant "${options.tenant}" (see \`tenant list\`)`);
  }
  const result = await checkViewCounts(db.system, { tenantId, repair: Boolean(options.repair) });
  for (const row of result.drift) {
    io.out(`drift tenant=${row.tenant_id} status=${row.status_category}/${row.status_id} group=${row.group_id ?? 'none'} `
      + `assignee=${row.assignee_id ?? 'none'} priority=${row.priority} kept=${row.kept} actual=${row.actual}`);
  }
  const summary = `${result.tenants} tenant(s) checked, ${result.drift.length} differing combination(s)`;
  if (result.drift.length === 0) io.out(`${summary}: view counts are consistent`);
  else if (result.repaired.length) io.out(`${summary}: repaired tenant(s) ${result.repaired.join(', ')}`);
  else throw new Error(`${summary}: run again with --repair to rebuild them`);
}
