import { sql, type RawBuilder } from 'kysely';
import type { Predicate, ResolvedConditions } from './predicates.ts';

/**
 * Resolved view conditions as a parameterised SQL boolean over a tickets row (`t`) or a row of
 * the count aggregate (`a`, which has the same column names). Every value is a bound parameter;
 * only column names from a fixed list and constant SQL are written into the text. The boolean is
 * meant for WHERE and FILTER clauses, where NULL counts as false: negated tests fold NULL with
 * coalesce first so that `not` keeps the JS answer (a missing value is "not X").
 */
const TIME_COLUMNS = new Set(['created_at', 'updated_at', 'solved_at']);
const IN_COLUMNS = new Set(['status_category', 'status_id', 'assignee_id', 'group_id', 'priority', 'type', 'via', 'requester_id', 'organization_id']);
const ID_COLUMNS = new Set(['status_id', 'assignee_id', 'group_id', 'requester_id', 'organization_id']);

export function predicateSql(predicate: Predicate, alias: 't' | 'a'): RawBuilder<boolean> {
  const column = (name: string, allowed: Set<string>) => {
    if (!allowed.has(name)) throw new Error(`not a view column: ${name}`);
    return sql.ref(`${alias}.${name}`);
  };
  switch (predicate.kind) {
    case 'in': {
      const col = column(predicate.column, IN_COLUMNS);
      const values = predicate.values.filter((v): v is string => v !== null);
      const cast = ID_COLUMNS.has(predicate.column) ? sql`bigint[]` : sql`text[]`;
      const parts: RawBuilder<boolean>[] = [];
      // NULL is as good as false in a WHERE / FILTER clause, so only a negated test needs coalesce
      // (and the bare form keeps the comparison usable by indexes).
      const test = sql<boolean>`${col} = any(${values}::${cast})`;
      if (values.length) parts.push(predicate.negate ? sql<boolean>`coalesce(${test}, false)` : test);
      if (values.length < predicate.values.length) parts.push(sql<boolean>`${col} is null`);
      const positive = parts.length ? sql<boolean>`(${sql.join(parts, sql` or `)})` : sql<boolean>`false`;
      return predicate.negate ? sql<boolean>`not ${positive}` : positive;
    }
    case 'tags': {
      const tags = sql.ref(`${alias}.tags`);
      if (predicate.mode === 'any') return sql<boolean>`(${tags} && ${predicate.values}::text[])`;
      if (predicate.mode === 'all') return sql<boolean>`(${tags} @> ${predicate.values}::text[])`;
      return sql<boolean>`not (${tags} && ${predicate.values}::text[])`;
    }
    case 'field_is': {
      // Equal to the value, or a list (multi-select) holding it: containment inside an object needs the list form.
      const fields = sql.ref(`${alias}.custom_fields`);
      const scalar = JSON.stringify({ [predicate.key]: predicate.value });
      const inList = JSON.stringify({ [predicate.key]: [predicate.value] });
      const positive = sql<boolean>`(${fields} @> ${scalar}::jsonb or ${fields} @> ${inList}::jsonb)`;
      return predicate.negate ? sql<boolean>`not ${positive}` : positive;
    }
    case 'field_present': {
      const positive = sql<boolean>`(coalesce(${sql.ref(`${alias}.custom_fields`)} -> ${predicate.key}::text, 'null'::jsonb)
        not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb))`;
      return predicate.negate ? sql<boolean>`not ${positive}` : positive;
    }
    case 'time': {
      const col = column(predicate.column, TIME_COLUMNS);
      const at = predicate.at.toISOString();
      const op = predicate.op === '>=' ? sql`>=` : predicate.op === '<' ? sql`<` : sql`>`;
      // Never negated: a missing timestamp gives NULL, which a WHERE / FILTER treats as false (like the JS).
      return sql<boolean>`${col} ${op} ${at}::timestamptz`;
    }
  }
}

/** The whole view as one boolean: AND of `all`, and OR of `any` when it has any. */
export function conditionsSql(resolved: ResolvedConditions, alias: 't' | 'a'): RawBuilder<boolean> {
  const parts = resolved.all.map((p) => predicateSql(p, alias));
  if (resolved.any.length) parts.push(sql<boolean>`(${sql.join(resolved.any.map((p) => predicateSql(p, alias)), sql` or `)})`);
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` and `)})` : sql<boolean>`true`;
}
