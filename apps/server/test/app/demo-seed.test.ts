import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, seedDemo } from '../../src/app/demo-seed.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('npm start -- --demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a demo company with agents, customers and tickets in Chinese and English, once', async () => {
    await seedDemo(t.ctx, t.app, t.ctx.logger);
    await seedDemo(t.ctx, t.app, t.ctx.logger); // a second start leaves it alone

    const tenants = await sql<{ id: string }>`select id from tenants where name = ${DEMO_TENANT}`.execute(t.ctx.db.system);
    expect(tenants.rows).toHaveLength(1);
    const tenantId = tenants.rows[0]!.id;
    const counts = await t.ctx.db.tenantTx(tenantId, async (trx) => (await sql<{ staff: number; customers: number; tickets: number; notes: number; zh: number; closed: number }>`
      select
        (select count(*)::int from users where role <> 'customer') as staff,
        (select count(*)::int from users where role = 'customer') as customers,
        (select count(*)::int from tickets) as tickets,
        (select count(*)::int from messages where not public) as notes,
        (select count(*)::int from tickets where subject ~ '[\u4e00-\u9fff]') as zh,
        (select count(*)::int from tickets where status_category = 'closed') as closed`.execute(trx)).rows[0]!);
    expect(counts.staff).toBeGreaterThanOrEqual(5);
    expect(counts.customers).toBeGreaterThanOrEqual(5);
    expect(counts.tickets).toBeGreaterThanOrEqual(10);
    expect(counts.notes).toBeGreaterThan(0);
    expect(counts.zh).toBeGreaterThan(0);
    expect(counts.zh).toBeLessThan(counts.tickets);
    expect(counts.closed).toBeGreaterThan(0);
    // The seed's temporary token is revoked.
    const live = await t.ctx.db.tenantTx(tenantId, async (trx) =>
      (await sql<{ n: number }>`select count(*)::int as n from api_tokens where revoked_at is null`.execute(trx)).rows[0]!.n);
    expect(live).toBe(0);
  });
});
