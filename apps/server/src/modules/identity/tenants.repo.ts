import { sql } from 'kysely';
import type { IdentityDb, Locale } from './identity.tables.ts';

export type TenantRow = {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  default_locale: Locale;
  logo_url: string | null;
  created_at: Date;
  updated_at: Date;
};

const tenantColumns = ['id', 'name', 'slug', 'time_zone', 'default_locale', 'logo_url', 'created_at', 'updated_at'] as const;

export async function findTenantById(trx: IdentityDb, tenantId: string): Promise<TenantRow | undefined> {
  return trx.selectFrom('tenants').select(tenantColumns).where('id', '=', tenantId).executeTakeFirst();
}

/** By slug, or by name (case-insensitive): how people name a tenant on the CLI. */
export async function findTenantByNameOrSlug(trx: IdentityDb, nameOrSlug: string): Promise<TenantRow | undefined> {
  return trx
    .selectFrom('tenants')
    .select(tenantColumns)
    .where((eb) => eb.or([eb('slug', '=', nameOrSlug.toLowerCase()), eb(sql`lower(name)`, '=', nameOrSlug.toLowerCase())]))
    .orderBy('id')
    .executeTakeFirst();
}

export async function listTenants(trx: IdentityDb): Promise<TenantRow[]> {
  return trx.selectFrom('tenants').select(tenantColumns).orderBy('id').execute();
}

export async function anyTenantExists(trx: IdentityDb): Promise<boolean> {
  const row = await trx.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function tenantNameTaken(trx: IdentityDb, name: string): Promise<boolean> {
  const row = await trx.selectFrom('tenants').select('id').where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

/** Slugs equal to the stem or of the form stem-<n>, to pick the next free one. */
export async function slugsLike(trx: IdentityDb, stem: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('tenants')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', stem), eb('slug', 'like', `${stem.replace(/[%_\\]/g, '\\$&')}-%`)]))
    .execute();
  return new Set(rows.map((row) => row.slug));
}

export async function insertTenant(
  trx: IdentityDb,
  values: { name: string; slug: string; time_zone: string; default_locale: Locale },
): Promise<TenantRow> {
  return trx.insertInto('tenants').values(values).returning(tenantColumns).executeTakeFirstOrThrow();
}

export async function updateTenant(
  trx: IdentityDb,
  tenantId: string,
  patch: Partial<{ name: string; time_zone: string; default_locale: Locale; logo_url: string | null }>,
): Promise<TenantRow> {
  return trx
    .updateTable('tenants')
    .set({ ...patch, updated_at: sql`now()` as never })
    .where('id', '=', tenantId)
    .returning(tenantColumns)
    .executeTakeFirstOrThrow();
}

export async function findTenantBySlug(trx: IdentityDb, slug: string): Promise<TenantRow | undefined> {
  return trx.selectFrom('tenants').select(tenantColumns).where('slug', '=', slug.toLowerCase()).executeTakeFirst();
}

/** The tenant of a single-company install; undefined when there are none or several. */
export async function soleTenant(trx: IdentityDb): Promise<TenantRow | undefined> {
  const rows = await trx.selectFrom('tenants').select(tenantColumns).orderBy('id').limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}
