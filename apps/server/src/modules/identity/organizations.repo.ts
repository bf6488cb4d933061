import { sql } from 'kysely';
import type { IdentityDb } from './identity.tables.ts';

export interface OrganizationRow {
  id: string;
  name: string;
  domains: string[];
  notes: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = ['id', 'name', 'domains', 'notes', 'external_id', 'created_at', 'updated_at'] as const;

export async function findOrganization(db: IdentityDb, tenantId: string, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').select(columns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listOrganizations(
  db: IdentityDb,
  tenantId: string,
  filter: { q?: string; domain?: string; after?: string; limit: number },
): Promise<OrganizationRow[]> {
  let query = db.selectFrom('organizations').select(columns).where('tenant_id', '=', tenantId);
  if (filter.q) query = query.where('name', 'ilike', `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.domain) query = query.where(sql<boolean>`${filter.domain.toLowerCase()} = any(domains)`);
  if (filter.after) query = query.where('id', '>', filter.after);
  return query.orderBy('id').limit(filter.limit + 1).execute();
}

export type OrganizationValues = { name: string; domains?: string[]; notes?: string; external_id?: string | null };

/** undefined when the name is taken. */
export async function insertOrganization(db: IdentityDb, tenantId: string, values: OrganizationValues) {
  const row = await db
    .insertInto('organizations')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.doNothing())
    .returning(columns)
    .executeTakeFirst();
  return row;
}

export async function updateOrganization(db: IdentityDb, tenantId: string, id: string, patch: Partial<OrganizationValues>) {
  try {
    await db
      .updateTable('organizations')
      .set({ ...patch, updated_at: sql`now()` as never })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    return 'ok' as const;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') return 'conflict' as const;
    throw error;
  }
}

export async function deleteOrganization(db: IdentityDb, tenantId: string, id: string) {
  await db.deleteFrom('organizations').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
