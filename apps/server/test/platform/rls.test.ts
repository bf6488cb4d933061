import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * The second wall: even a query that forgets `where tenant_id = ...` sees only its own tenant,
 * because the app role runs under row-level security. Checked on the catalog (every table that
 * has a tenant_id) and on real rows.
 */
describe('row-level security', () => {
  let t: TestDatabase;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const rows = await sql<{ id: string }>`
      insert into tenants (name, slug) values ('Tenant A', 'tenant-a'), ('Tenant B', 'tenant-b') returning id`.execute(t.db.system);
    [tenantA, tenantB] = rows.rows.map((row) => row.id) as [string, string];
    for (const tenant of [tenantA, tenantB]) {
      await sql`insert into organizations (tenant_id, name) values (${tenant}, 'Org')`.execute(t.db.system);
      await sql`insert into users (tenant_id, role, name, email) values (${tenant}, 'customer', 'C', ${`c${tenant}@example.com`})`.execute(t.db.system);
      await sql`insert into groups (tenant_id, name) values (${tenant}, 'Support')`.execute(t.db.system);
    }
  });
  afterAll(() => t.close());

  it('is enabled, with a tenant policy, on every table that has a tenant_id', async () => {
    const tables = await sql<{ table_name: string; rls: boolean; policies: number }>`
      select c.relname as table_name, c.relrowsecurity as rls,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`.execute(t.db.system);
    expect(tables.rows.length).toBeGreaterThan(10);
    const unprotected = tables.rows.filter((row) => !row.rls || row.policies === 0).map((row) => row.table_name);
    expect(unprotected).toEqual([]);
  });

  it('runs tenant transactions as a role that cannot bypass RLS', async () => {
    const who = await t.db.tenantTx(tenantA, async (trx) =>
      (await sql<{ role: string; bypass: boolean; superuser: boolean }>`
        select current_user as role, r.rolbypassrls as bypass, r.rolsuper as superuser
        from pg_roles r where r.rolname = current_user`.execute(trx)).rows[0]);
    expect(who).toEqual({ role: 'switchboard_app', bypass: false, superuser: false });
  });

  it('hides other tenants rows from unfiltered queries', async () => {
    for (const table of ['tenants', 'organizations', 'users', 'groups']) {
      const seen = await t.db.tenantTx(tenantA, async (trx) =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx)).rows[0]!.n);
      const seenOfB = await t.db.tenantTx(tenantA, async (trx) =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(table === 'tenants' ? 'id' : 'tenant_id')} = ${tenantB}`.execute(trx)).rows[0]!.n);
      expect({ table, seen, seenOfB }).toEqual({ table, seen: 1, seenOfB: 0 });
    }
  });

  it('refuses writes into another tenant and updates that reach across', async () => {
    await expect(
      t.db.tenantTx(tenantA, (trx) => sql`insert into groups (tenant_id, name) values (${tenantB}, 'Sneaky')`.execute(trx)),
    ).rejects.toThrow(/row-level security/);
    const updated = await t.db.tenantTx(tenantA, async (trx) =>
      (await sql`update users set name = 'changed' where tenant_id = ${tenantB}`.execute(trx)).numAffectedRows);
    expect(updated).toBe(0n);
  });

  it('sees nothing when no tenant is set', async () => {
    const count = await t.db.system.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'switchboard_app', true)`.execute(trx);
      return (await sql<{ n: number }>`select count(*)::int as n from users`.execute(trx)).rows[0]!.n;
    });
    expect(count).toBe(0);
  });
});
