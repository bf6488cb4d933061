import { sql } from 'kysely';
import type { IdentityDb } from './identity.tables.ts';

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  member_count: number;
  created_at: Date;
  updated_at: Date;
}

const memberCount = sql<number>`(select count(*)::int from group_members gm
  where gm.tenant_id = groups.tenant_id and gm.group_id = groups.id)`.as('member_count');

function selectGroups(db: IdentityDb, tenantId: string) {
  return db
    .selectFrom('groups')
    .select(['groups.id', 'groups.name', 'groups.description', 'groups.created_at', 'groups.updated_at', memberCount])
    .where('groups.tenant_id', '=', tenantId);
}

export async function findGroup(db: IdentityDb, tenantId: string, id: string): Promise<GroupRow | undefined> {
  return selectGroups(db, tenantId).where('groups.id', '=', id).executeTakeFirst();
}

export async function listGroups(db: IdentityDb, tenantId: string, filter: { q?: string; after?: string; limit: number }) {
  let query = selectGroups(db, tenantId);
  if (filter.q) query = query.where('groups.name', 'ilike', `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.after) query = query.where('groups.id', '>', filter.after);
  return query.orderBy('groups.id').limit(filter.limit + 1).execute();
}

/** undefined when the name is taken. */
export async function insertGroup(db: IdentityDb, tenantId: string, values: { name: string; description?: string }) {
  const row = await db
    .insertInto('groups')
    .values({ tenant_id: tenantId, name: values.name, description: values.description ?? '' })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateGroup(db: IdentityDb, tenantId: string, id: string, patch: { name?: string; description?: string }) {
  try {
    await db
      .updateTable('groups')
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

export async function deleteGroup(db: IdentityDb, tenantId: string, id: string) {
  await db.deleteFrom('groups').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function memberIds(db: IdentityDb, tenantId: string, groupId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_members')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('group_id', '=', groupId)
    .orderBy('user_id')
    .execute();
  return rows.map((row) => row.user_id);
}

export async function replaceMembers(db: IdentityDb, tenantId: string, groupId: string, userIds: string[]) {
  await db.deleteFrom('group_members').where('tenant_id', '=', tenantId).where('group_id', '=', groupId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('group_members')
    .values(userIds.map((userId) => ({ tenant_id: tenantId, group_id: groupId, user_id: userId })))
    .execute();
}
