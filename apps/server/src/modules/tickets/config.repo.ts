import { sql, type Transaction } from 'kysely';
import type { StatusCategory } from './domain/status.ts';
import type { FieldDefinition, FieldOption, FieldType } from './domain/custom-fields.ts';

export interface StatusRow {
  id: string;
  category: StatusCategory;
  name: string;
  name_zh: string | null;
  is_default: boolean;
  active: boolean;
  position: number;
}

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  name_zh: string | null;
  depth: number;
  position: number;
}

export interface FieldRow extends FieldDefinition {
  title: string;
  title_zh: string | null;
  position: number;
}

export interface FormRow {
  id: string;
  name: string;
  field_ids: string[];
  is_default: boolean;
  active: boolean;
  position: number;
}

type Table = 'ticket_statuses' | 'categories' | 'custom_field_definitions' | 'ticket_forms';

const columns: Record<Table, string[]> = {
  ticket_statuses: ['category', 'name', 'name_zh', 'is_default', 'active', 'position'],
  categories: ['parent_id', 'name', 'name_zh', 'depth', 'position'],
  custom_field_definitions: ['key', 'title', 'title_zh', 'type', 'options', 'pattern', 'required', 'required_on_solve', 'active', 'position'],
  ticket_forms: ['name', 'field_ids', 'is_default', 'active', 'position'],
};

const selectList: Record<Table, ReturnType<typeof sql>> = {
  ticket_statuses: sql`id, category, name, name_zh, is_default, active, position`,
  categories: sql`id, parent_id, name, name_zh, depth, position`,
  custom_field_definitions: sql`id, key, title, title_zh, type, options, pattern, required, required_on_solve, active, position`,
  ticket_forms: sql`id, name, field_ids::text[] as field_ids, is_default, active, position`,
};

const orderBy: Record<Table, ReturnType<typeof sql>> = {
  ticket_statuses: sql`position, id`,
  categories: sql`depth, position, lower(name), id`,
  custom_field_definitions: sql`position, id`,
  ticket_forms: sql`position, id`,
};

function value(table: Table, column: string, input: unknown) {
  if (column === 'options') return sql`${JSON.stringify(input ?? [])}::jsonb`;
  if (column === 'field_ids') return sql`${(input as string[]) ?? []}::bigint[]`;
  return sql`${input}`;
}

/** Ticket configuration: statuses, categories, custom fields, forms and tags. */
export function configRepo(trx: Transaction<any>, tenantId: string) {
  const list = async <T>(table: Table, extra = sql``): Promise<T[]> =>
    (await sql<T>`select ${selectList[table]} from ${sql.table(table)} where tenant_id = ${tenantId} ${extra}
      order by ${orderBy[table]}`.execute(trx)).rows;

  const find = async <T>(table: Table, id: string, lock = false): Promise<T | null> =>
    (await sql<T>`select ${selectList[table]} from ${sql.table(table)} where tenant_id = ${tenantId} and id = ${id}
      ${lock ? sql`for update` : sql``}`.execute(trx)).rows[0] ?? null;

  const insert = async <T>(table: Table, row: Record<string, unknown>): Promise<T> => {
    const present = columns[table].filter((column) => row[column] !== undefined);
    const result = await sql<T>`insert into ${sql.table(table)} (tenant_id, ${sql.join(present.map((c) => sql.ref(c)))})
      values (${tenantId}, ${sql.join(present.map((column) => value(table, column, row[column])))})
      returning ${selectList[table]}`.execute(trx);
    return result.rows[0]!;
  };

  const update = async <T>(table: Table, id: string, patch: Record<string, unknown>): Promise<T | null> => {
    const present = columns[table].filter((column) => patch[column] !== undefined);
    if (present.length === 0) return find<T>(table, id);
    const sets = present.map((column) => sql`${sql.ref(column)} = ${value(table, column, patch[column])}`);
    const result = await sql<T>`update ${sql.table(table)} set ${sql.join(sets)}, updated_at = now()
      where tenant_id = ${tenantId} and id = ${id} returning ${selectList[table]}`.execute(trx);
    return result.rows[0] ?? null;
  };

  const remove = async (table: Table, id: string): Promise<boolean> =>
    ((await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and id = ${id}`.execute(trx)).numAffectedRows ?? 0n) > 0n;

  return {
    list,
    find,
    insert,
    update,
    remove,

    async activeStatus(id: string): Promise<StatusRow | null> {
      const row = await find<StatusRow>('ticket_statuses', id);
      return row && row.active ? row : null;
    },

    async defaultStatus(category: StatusCategory): Promise<StatusRow | null> {
      return (await list<StatusRow>('ticket_statuses', sql`and category = ${category} and is_default and active`))[0] ?? null;
    },

    /** Clears the default flag of the others, before `keepId` becomes the default. */
    async clearDefault(table: 'ticket_statuses' | 'ticket_forms', scope: { category?: StatusCategory }, keepId?: string) {
      const category = scope.category ? sql`and category = ${scope.category}` : sql``;
      const keep = keepId ? sql`and id <> ${keepId}` : sql``;
      await sql`update ${sql.table(table)} set is_default = false, updated_at = now()
        where tenant_id = ${tenantId} and is_default ${category} ${keep}`.execute(trx);
    },

    async statusInUse(id: string): Promise<boolean> {
      return (await sql`select 1 from tickets where tenant_id = ${tenantId} and status_id = ${id} limit 1`.execute(trx)).rows.length > 0;
    },

    async fieldDefinitions(): Promise<FieldRow[]> {
      return list<FieldRow>('custom_field_definitions');
    },

    async removeFieldFromForms(fieldId: string): Promise<void> {
      await sql`update ticket_forms set field_ids = array_remove(field_ids, ${fieldId}::bigint), updated_at = now()
        where tenant_id = ${tenantId} and ${fieldId}::bigint = any(field_ids)`.execute(trx);
    },

    async updateCategoryDepths(depths: Map<string, number>): Promise<void> {
      for (const [id, depth] of depths) {
        await sql`update categories set depth = ${depth}, updated_at = now() where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
      }
    },

    async listTags(options: { counts: boolean; prefix?: string }): Promise<Array<{ name: string; count?: number }>> {
      const prefix = options.prefix ? sql`and g.name like ${`${options.prefix.replace(/[\\%_]/g, '\\$&')}%`}` : sql``;
      if (!options.counts) {
        return (await sql<{ name: string }>`select g.name from tags g where g.tenant_id = ${tenantId} ${prefix}
          order by g.name limit 1000`.execute(trx)).rows;
      }
      return (await sql<{ name: string; count: number }>`select g.name,
          (select count(*)::int from tickets t where t.tenant_id = g.tenant_id and t.tags @> array[g.name]) as count
        from tags g where g.tenant_id = ${tenantId} ${prefix} order by g.name limit 1000`.execute(trx)).rows;
    },

    async insertTag(name: string): Promise<boolean> {
      const result = await sql`insert into tags (tenant_id, name) values (${tenantId}, ${name}) on conflict do nothing`.execute(trx);
      return (result.numAffectedRows ?? 0n) > 0n;
    },

    async deleteTag(name: string): Promise<boolean> {
      const result = await sql`delete from tags where tenant_id = ${tenantId} and name = ${name}`.execute(trx);
      return (result.numAffectedRows ?? 0n) > 0n;
    },
  };
}

export type ConfigRepo = ReturnType<typeof configRepo>;
export type { FieldOption, FieldType };

/** What validating a ticket's fields reads of the configuration. */
export interface TicketSetup {
  /** The default active status of each category that has one. */
  defaultStatuses: Map<StatusCategory, StatusRow>;
  fieldDefinitions: FieldRow[];
  /** The default active form, if any. */
  defaultForm: { id: string; field_ids: string[] } | null;
}

const setups = new WeakMap<Transaction<any>, Promise<TicketSetup>>();

/**
 * Default statuses, custom field definitions and the default form in one statement, read once
 * per transaction (a batch of inbound mail makes many tickets in one).
 */
export function ticketSetup(trx: Transaction<any>, tenantId: string): Promise<TicketSetup> {
  let setup = setups.get(trx);
  if (!setup) {
    setup = sql<{ statuses: StatusRow[]; fields: FieldRow[]; form: { id: string; field_ids: string[] } | null }>`
      select
        coalesce((select json_agg(s order by s.position, s.id::bigint) from (
          select id::text as id, category, name, name_zh, is_default, active, position from ticket_statuses
          where tenant_id = ${tenantId} and is_default and active) s), '[]') as statuses,
        coalesce((select json_agg(f order by f.position, f.id::bigint) from (
          select id::text as id, key, title, title_zh, type, options, pattern, required, required_on_solve, active, position
          from custom_field_definitions where tenant_id = ${tenantId}) f), '[]') as fields,
        (select json_build_object('id', id::text, 'field_ids', field_ids::text[]) from ticket_forms
          where tenant_id = ${tenantId} and is_default and active order by id limit 1) as form`
      .execute(trx)
      .then(({ rows }) => {
        const row = rows[0]!;
        const defaultStatuses = new Map<StatusCategory, StatusRow>();
        for (const status of row.statuses) if (!defaultStatuses.has(status.category)) defaultStatuses.set(status.category, status);
        return { defaultStatuses, fieldDefinitions: row.fields, defaultForm: row.form };
      });
    setups.set(trx, setup);
    // A failed read is not kept: the caller's error ends the transaction anyway.
    setup.catch(() => setups.delete(trx));
  }
  return setup;
}
