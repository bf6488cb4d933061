import { sql, type Transaction } from 'kysely';
import type { Conditions } from './domain/conditions.ts';
import type { SortSpec } from './domain/sort.ts';

export interface ViewRow {
  tenant_id: string;
  id: string;
  owner_user_id: string | null;
  key: string | null;
  title: string;
  title_zh: string | null;
  conditions: Conditions;
  sort: SortSpec;
  columns: string[];
  position: number;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export type ViewWrite = Pick<ViewRow, 'title' | 'title_zh' | 'conditions' | 'sort' | 'columns' | 'position' | 'active'>;

/** Kysely queries on views; every method runs in the caller's transaction. */
export function viewsRepo(trx: Transaction<any>, tenantId: string) {
  return {
    /** Shared views and the personal views of `userId`; all of them when userId is null (reactions). */
    async list(userId: string | null, options: { includeInactive?: boolean } = {}): Promise<ViewRow[]> {
      const owner = userId === null ? sql`true` : sql`(owner_user_id is null or owner_user_id = ${userId})`;
      const active = options.includeInactive ? sql`` : sql` and active`;
      const result = await sql<ViewRow>`select * from views where tenant_id = ${tenantId} and ${owner}${active}
        order by owner_user_id nulls first, position, id`.execute(trx);
      return result.rows;
    },

    async find(id: string): Promise<ViewRow | null> {
      const result = await sql<ViewRow>`select * from views where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      return result.rows[0] ?? null;
    },

    async insert(ownerUserId: string | null, view: ViewWrite): Promise<ViewRow> {
      const result = await sql<ViewRow>`insert into views (tenant_id, owner_user_id, title, title_zh, conditions, sort, columns, position, active)
        values (${tenantId}, ${ownerUserId}, ${view.title}, ${view.title_zh}, ${JSON.stringify(view.conditions)}::jsonb,
          ${JSON.stringify(view.sort)}::jsonb, ${view.columns}::text[], ${view.position}, ${view.active})
        returning *`.execute(trx);
      return result.rows[0]!;
    },

    async update(id: string, view: ViewWrite): Promise<ViewRow> {
      const result = await sql<ViewRow>`update views set title = ${view.title}, title_zh = ${view.title_zh},
          conditions = ${JSON.stringify(view.conditions)}::jsonb, sort = ${JSON.stringify(view.sort)}::jsonb,
          columns = ${view.columns}::text[], position = ${view.position}, active = ${view.active},
          version = version + 1, updated_at = now()
        where tenant_id = ${tenantId} and id = ${id} returning *`.execute(trx);
      return result.rows[0]!;
    },

    async remove(id: string): Promise<void> {
      await sql`delete from views where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    /** Group ids of each user (for 'my_groups' when evaluating views for others). */
    async groupsOf(userIds: string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>(userIds.map((id) => [id, []]));
      if (userIds.length === 0) return map;
      const result = await sql<{ user_id: string; group_id: string }>`select user_id, group_id from group_members
        where tenant_id = ${tenantId} and user_id = any(${userIds}::bigint[])`.execute(trx);
      for (const row of result.rows) map.get(row.user_id)?.push(row.group_id);
      return map;
    },

    /** Active staff members of the groups (candidates of 'my_groups' views). */
    /** Active staff members of each of these groups. */
    async membersByGroup(groupIds: string[]): Promise<Map<string, string[]>> {
      const map = new Map<string, string[]>(groupIds.map((id) => [id, []]));
      if (groupIds.length === 0) return map;
      const result = await sql<{ group_id: string; user_id: string }>`select m.group_id, m.user_id from group_members m
        join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
        where m.tenant_id = ${tenantId} and m.group_id = any(${groupIds}::bigint[]) and u.active and u.role <> 'customer'`.execute(trx);
      for (const row of result.rows) map.get(row.group_id)?.push(row.user_id);
      return map;
    },
  };
}

export type ViewsRepo = ReturnType<typeof viewsRepo>;
