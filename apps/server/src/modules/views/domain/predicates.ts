import {
  LIVE_STATUSES, PRIORITY_ORDER, STATUS_ORDER, type Condition, type Conditions, type StatusCategory,
} from './conditions.ts';

/**
 * Conditions resolved for one viewer at one instant into a few predicate shapes. Both the JS
 * evaluator (here) and the SQL compiler (view-sql.ts) interpret exactly these shapes, so they
 * agree by construction; the table-driven tests run both on the same rows.
 */
export type Column =
  | 'status_category' | 'status_id' | 'assignee_id' | 'group_id' | 'priority' | 'type' | 'via' | 'requester_id' | 'organization_id';
export type Predicate =
  /** column value is one of `values` (null stands for "none"); negated with `negate`. */
  | { kind: 'in'; column: Column; values: Array<string | null>; negate: boolean }
  | { kind: 'tags'; mode: 'any' | 'all' | 'none'; values: string[] }
  /** custom_fields[key] equals value, or (a list) contains it. */
  | { kind: 'field_is'; key: string; value: string | number | boolean; negate: boolean }
  /** custom_fields[key] is set: not null, not "", not []. */
  | { kind: 'field_present'; key: string; negate: boolean }
  /** A timestamp compared with an instant; a missing timestamp (solved_at of a live ticket) never matches. */
  | { kind: 'time'; column: 'created_at' | 'updated_at' | 'solved_at'; op: '>=' | '<' | '>'; at: Date };

export interface ResolvedConditions {
  all: Predicate[];
  any: Predicate[];
}

/** Who looks, and when: 'me', 'my_groups' and "within the last N hours" depend on it. */
export interface ViewerContext {
  userId: string;
  groupIds: readonly string[];
  now: Date;
}

/** The ticket fields a view can test (a tickets row, or the parts of it an event tells). */
export interface TicketFacts {
  status_category: string;
  status_id: string;
  assignee_id: string | null;
  group_id: string | null;
  priority: string;
  type: string | null;
  via: string;
  requester_id: string;
  organization_id: string | null;
  tags: readonly string[];
  custom_fields: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
}

const below = <T extends string>(order: readonly T[], value: T) => order.slice(0, order.indexOf(value));
const fromOn = <T extends string>(order: readonly T[], value: T) => order.slice(order.indexOf(value));
const HOUR = 3_600_000;

function resolve(condition: Condition, viewer: ViewerContext): Predicate {
  const c = condition as { field: string; operator: string; value?: unknown };
  const negate = c.operator === 'is_not' || c.operator === 'not_in';
  const inList = (column: Column, values: Array<string | null>, neg = negate): Predicate => ({ kind: 'in', column, values, negate: neg });
  const single = (value: unknown) => (Array.isArray(value) ? (value as string[]) : [value as string]);

  if (c.field.startsWith('custom_fields.')) {
    const key = c.field.slice('custom_fields.'.length);
    if (c.operator === 'present' || c.operator === 'absent') return { kind: 'field_present', key, negate: c.operator === 'absent' };
    return { kind: 'field_is', key, value: c.value as string | number | boolean, negate };
  }
  switch (c.field) {
    case 'status_category': {
      const value = c.value as StatusCategory;
      if (c.operator === 'less_than') return inList('status_category', below(STATUS_ORDER, value), false);
      if (c.operator === 'greater_than') return inList('status_category', fromOn(STATUS_ORDER, value).slice(1), false);
      return inList('status_category', single(c.value));
    }
    case 'priority': {
      const value = c.value as (typeof PRIORITY_ORDER)[number];
      if (c.operator === 'less_than') return inList('priority', below(PRIORITY_ORDER, value), false);
      if (c.operator === 'greater_or_equal') return inList('priority', fromOn(PRIORITY_ORDER, value), false);
      return inList('priority', single(c.value));
    }
    case 'assignee_id':
      return inList('assignee_id', [c.value === 'me' ? viewer.userId : c.value === 'none' ? null : (c.value as string)]);
    case 'group_id':
      return inList('group_id', c.value === 'my_groups' ? [...viewer.groupIds] : [c.value === 'none' ? null : (c.value as string)]);
    case 'organization_id':
    case 'type':
      return inList(c.field, single(c.value).map((v) => (v === 'none' ? null : v)));
    case 'status_id':
    case 'via':
    case 'requester_id':
      return inList(c.field, single(c.value));
    case 'tags':
      return { kind: 'tags', mode: c.operator === 'includes_any' ? 'any' : c.operator === 'includes_all' ? 'all' : 'none', values: c.value as string[] };
    case 'created_at':
    case 'updated_at':
    case 'solved_at': {
      const column = c.field;
      if (c.operator === 'before') return { kind: 'time', column, op: '<', at: new Date(c.value as string) };
      if (c.operator === 'after') return { kind: 'time', column, op: '>', at: new Date(c.value as string) };
      const { amount, unit } = c.value as { amount: number; unit: 'hours' | 'days' };
      const at = new Date(viewer.now.getTime() - amount * (unit === 'days' ? 24 * HOUR : HOUR));
      return { kind: 'time', column, op: c.operator === 'within_last' ? '>=' : '<', at };
    }
  }
  throw new Error(`unvalidated condition on ${c.field}`);
}

export function resolveConditions(conditions: Conditions, viewer: ViewerContext): ResolvedConditions {
  return { all: conditions.all.map((c) => resolve(c, viewer)), any: conditions.any.map((c) => resolve(c, viewer)) };
}

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export function testPredicate(predicate: Predicate, ticket: TicketFacts): boolean {
  switch (predicate.kind) {
    case 'in': {
      const value = ticket[predicate.column] ?? null;
      return predicate.values.includes(value) !== predicate.negate;
    }
    case 'tags': {
      const has = (tag: string) => ticket.tags.includes(tag);
      if (predicate.mode === 'any') return predicate.values.some(has);
      if (predicate.mode === 'all') return predicate.values.every(has);
      return !predicate.values.some(has);
    }
    case 'field_is': {
      const value = ticket.custom_fields[predicate.key];
      const matches = value === predicate.value || (Array.isArray(value) && value.includes(predicate.value));
      return matches !== predicate.negate;
    }
    case 'field_present':
      return isSet(ticket.custom_fields[predicate.key]) !== predicate.negate;
    case 'time': {
      const value = ticket[predicate.column];
      if (value === null) return false;
      const ms = new Date(value).getTime();
      const at = predicate.at.getTime();
      return predicate.op === '>=' ? ms >= at : predicate.op === '<' ? ms < at : ms > at;
    }
  }
}

/** Whether the ticket is in the view for this viewer. */
export function matches(resolved: ResolvedConditions, ticket: TicketFacts): boolean {
  return resolved.all.every((p) => testPredicate(p, ticket)) && (resolved.any.length === 0 || resolved.any.some((p) => testPredicate(p, ticket)));
}

/** Columns the live-ticket aggregate is kept by: views testing only these are counted from it. */
export const AGGREGATE_COLUMNS: ReadonlySet<Column> = new Set(['status_category', 'status_id', 'assignee_id', 'group_id', 'priority']);

export function countableFromAggregate(resolved: ResolvedConditions): boolean {
  return [...resolved.all, ...resolved.any].every((p) => p.kind === 'in' && AGGREGATE_COLUMNS.has(p.column));
}

/**
 * The status categories a ticket of the view can have, from its `all` conditions on the
 * category (an `any` list never narrows it). Lets counts and lists stay on the live slice.
 */
export function possibleCategories(resolved: ResolvedConditions): StatusCategory[] {
  const tests = resolved.all.filter((p): p is Extract<Predicate, { kind: 'in' }> => p.kind === 'in' && p.column === 'status_category');
  return STATUS_ORDER.filter((category) => tests.every((p) => p.values.includes(category) !== p.negate));
}

export const onlyLive = (categories: readonly string[]) => categories.every((c) => (LIVE_STATUSES as readonly string[]).includes(c));
