import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckViewCountsJob } from '../../src/modules/views/jobs/view-counts.jobs.ts';
import { validateConditions } from '../../src/modules/views/domain/conditions.ts';
import { resolveConditions } from '../../src/modules/views/domain/predicates.ts';
import { conditionsSql } from '../../src/modules/views/domain/view-sql.ts';
import { aggregateCounts, checkViewCounts, compactViewCounts } from '../../src/modules/views/view-counts.repo.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createGroup, createTenant, createUser } from '../helpers/factories.ts';

const run = promisify(execFile);
const CLI = path.resolve('apps/server/src/cli.ts');
const CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

describe('kept view counts', () => {
  let database: TestDatabase;
  let tenantId: string;
  let otherTenantId: string;
  const agents: string[] = [];
  const groups: string[] = [];
  let status: Record<string, string> = {};
  let requester: string;

  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const maybe = <T>(list: readonly T[]) => (Math.random() < 0.3 ? null : pick(list));

  /** N tickets in one statement (the statement trigger writes one delta per combination). */
  const bulkInsert = (tenant: string, n: number, startNumber: number) =>
    database.db.tenantTx(tenant, (trx) => sql`insert into tickets (tenant_id, number, subject, status_id, status_category, priority, requester_id, assignee_id, group_id)
      select ${tenant}, ${startNumber} + i, 'bulk ' || i, (array[${sql.join(CATEGORIES.map((c) => sql`${status[c]}::bigint`))}])[1 + i % 6],
        (array['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])[1 + i % 6], (array['low', 'normal', 'high', 'urgent'])[1 + i % 4],
        ${requester}, case when i % 3 = 0 then null else (array[${sql.join(agents.map((a) => sql`${a}::bigint`))}])[1 + i % ${agents.length}] end,
        case when i % 4 = 0 then null else (array[${sql.join(groups.map((g) => sql`${g}::bigint`))}])[1 + i % ${groups.length}] end
      from generate_series(1, ${n}) i`.execute(trx));

  /** One random change in its own transaction: one ticket, a few at once, a new one, or a deletion. */
  async function randomChange(worker: number, step: number): Promise<void> {
    await database.db.tenantTx(tenantId, async (trx) => {
      const roll = Math.random();
      if (roll < 0.1) {
        const category = pick(CATEGORIES.slice(0, 4));
        await sql`insert into tickets (tenant_id, number, subject, status_id, status_category, priority, requester_id, assignee_id, group_id)
          values (${tenantId}, ${100_000 + worker * 1000 + step}, 'new one', ${status[category]}, ${category}, ${pick(PRIORITIES)}, ${requester},
            ${maybe(agents)}, ${maybe(groups)})`.execute(trx);
      } else if (roll < 0.15) {
        await sql`delete from tickets where tenant_id = ${tenantId} and id = (select id from tickets where tenant_id = ${tenantId}
          order by random() limit 1)`.execute(trx);
      } else {
        const category = pick(CATEGORIES);
        const many = roll > 0.85;
        await sql`update tickets set status_category = ${category}, status_id = ${status[category]}, priority = ${pick(PRIORITIES)},
            assignee_id = ${maybe(agents)}, group_id = ${maybe(groups)}, updated_at = now()
          where tenant_id = ${tenantId} and id in (select id from tickets where tenant_id = ${tenantId} order by random() limit ${many ? 5 : 1})`.execute(trx);
      }
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const { tenant } = await createTenant(database.db);
    tenantId = tenant.id;
    otherTenantId = (await createTenant(database.db)).tenant.id;
    for (let i = 0; i < 3; i += 1) groups.push(await createGroup(database.db, tenantId));
    for (let i = 0; i < 4; i += 1) agents.push((await createUser(database.db, tenantId, { groupIds: [groups[i % 3]!] })).id);
    requester = (await createUser(database.db, tenantId, { role: 'customer' })).id;
    const rows = await sql<{ id: string; category: string }>`select id, category from ticket_statuses where tenant_id = ${tenantId}`.execute(database.db.system);
    status = Object.fromEntries(rows.rows.map((row) => [row.category, row.id]));
    await bulkInsert(tenantId, 300, 1);
  });
  afterAll(() => database.close());

  it('stays equal to the recomputed counts under concurrent writers and a running compactor', async () => {
    let writing = true;
    const snapshots: number[] = [];
    const compactor = (async () => {
      while (writing) await compactViewCounts(database.db.system, 7);
    })();
    // A check taken while writers run sees one snapshot: kept and recomputed agree even mid-flight.
    const checker = (async () => {
      while (writing) snapshots.push((await checkViewCounts(database.db.system, { tenantId, repair: false })).drift.length);
    })();
    await Promise.all(Array.from({ length: 6 }, async (_, worker) => {
      for (let step = 0; step < 40; step += 1) await randomChange(worker, step);
    }));
    writing = false;
    await Promise.all([compactor, checker]);

    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.every((drift) => drift === 0)).toBe(true);
    expect((await checkViewCounts(database.db.system, { repair: false })).drift).toEqual([]);
    while ((await compactViewCounts(database.db.system)) > 0);
    expect((await checkViewCounts(database.db.system, { repair: false })).drift).toEqual([]);

    // And the counts views read from the aggregate equal COUNT(*) by the same conditions.
    const context = { userId: agents[0]!, groupIds: [groups[0]!], now: new Date() };
    const views = [
      { all: [{ field: 'status_category', operator: 'less_than', value: 'solved' }] },
      { all: [{ field: 'assignee_id', operator: 'is', value: 'me' }, { field: 'status_category', operator: 'less_than', value: 'solved' }] },
      { all: [{ field: 'assignee_id', operator: 'is', value: 'none' }, { field: 'group_id', operator: 'is', value: 'my_groups' }] },
      { all: [{ field: 'priority', operator: 'greater_or_equal', value: 'high' }], any: [{ field: 'status_category', operator: 'is', value: 'pending' }, { field: 'group_id', operator: 'is', value: 'none' }] },
      { all: [] },
    ].map((raw) => {
      const checked = validateConditions({ all: raw.all, any: raw.any ?? [] });
      if (!checked.ok) throw new Error('invalid');
      return resolveConditions(checked.conditions, context);
    });
    const kept = await database.db.tenantTx(tenantId, (trx) => aggregateCounts(trx, tenantId, views));
    const recomputed = [];
    for (const view of views) {
      const row = await sql<{ n: string }>`select count(*) as n from tickets t where t.tenant_id = ${tenantId} and ${conditionsSql(view, 't')}`.execute(database.db.system);
      recomputed.push(Number(row.rows[0]!.n));
    }
    expect(kept).toEqual(recomputed);
  });

  it('finds drift, repairs it from the tickets, and a second run finds nothing (job runs twice)', async () => {
    await sql`update view_count_aggregate set n = n + 5 where tenant_id = ${tenantId}
      and (status_category, status_id, group_id, assignee_id, priority) = (select status_category, status_id, group_id, assignee_id, priority
        from view_count_aggregate where tenant_id = ${tenantId} limit 1)`.execute(database.db.system);
    await sql`insert into view_count_deltas (tenant_id, status_category, status_id, group_id, assignee_id, priority, delta)
      values (${otherTenantId}, 'open', ${status.open}, 0, 0, 'high', 2)`.execute(database.db.system);
    const found = await checkViewCounts(database.db.system, { repair: false });
    expect(found.drift).toHaveLength(2);
    expect(found.drift.find((row) => row.tenant_id === tenantId)).toMatchObject({ kept: expect.any(Number), actual: expect.any(Number) });
    expect(found.drift.find((row) => row.tenant_id === otherTenantId)).toMatchObject({ kept: 2, actual: 0, assignee_id: null, group_id: null });

    const job = createCheckViewCountsJob({ db: database.db });
    const context = { logger: createLogger('silent'), attempt: 1 };
    expect(await job.handler({}, context)).toBe('done');
    expect(await job.handler({}, context)).toBe('skipped');
    expect((await checkViewCounts(database.db.system, { repair: false })).drift).toEqual([]);
  });

  it('is checked from the command line: npm run cli -- views check-counts [--tenant] [--repair]', async () => {
    const cli = async (...args: string[]) => {
      try {
        const { stdout } = await run(process.execPath, [CLI, 'views', 'check-counts', ...args], {
          env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, timeout: 60_000,
        });
        return { code: 0, stdout };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout + failed.stderr };
      }
    };
    const clean = await cli('--tenant', tenantId);
    expect(clean).toMatchObject({ code: 0 });
    expect(clean.stdout).toContain('1 tenant(s) checked, 0 differing combination(s): view counts are consistent');

    await sql`delete from view_count_aggregate where tenant_id = ${tenantId}`.execute(database.db.system);
    const drifted = await cli();
    expect(drifted.code).not.toBe(0);
    expect(drifted.stdout).toContain(`drift tenant=${tenantId}`);
    expect(drifted.stdout).toContain('--repair');
    const repaired = await cli('--repair');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain(`repaired tenant(s) ${tenantId}`);
    expect((await cli()).code).toBe(0);
  });
});
