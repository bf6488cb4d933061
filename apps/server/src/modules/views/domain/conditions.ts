/**
 * View conditions: a small AST `{all: [cond], any: [cond]}` over ticket fields, validated into a
 * normalised form. A ticket is in a view when every `all` condition holds and, when `any` is not
 * empty, at least one `any` condition does (Zendesk's semantics).
 *
 * The normalised conditions are turned into predicates (predicates.ts) that are both evaluated in
 * JS on a ticket row and compiled to SQL (view-sql.ts); the two must always agree.
 */
export const STATUS_ORDER = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;
export const LIVE_STATUSES = ['new', 'open', 'pending', 'on_hold'] as const;
export type StatusCategory = (typeof STATUS_ORDER)[number];
export type Priority = (typeof PRIORITY_ORDER)[number];

const ID = /^[1-9][0-9]{0,17}$/;
const FIELD_KEY = /^[a-z][a-z0-9_]{0,63}$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export type IdValue = string;
export type Condition =
  | { field: 'status_category'; operator: 'is' | 'is_not' | 'less_than' | 'greater_than'; value: StatusCategory }
  | { field: 'status_category'; operator: 'in' | 'not_in'; value: StatusCategory[] }
  | { field: 'status_id' | 'requester_id'; operator: 'is' | 'is_not'; value: IdValue }
  | { field: 'status_id'; operator: 'in' | 'not_in'; value: IdValue[] }
  | { field: 'assignee_id'; operator: 'is' | 'is_not'; value: 'me' | 'none' | IdValue }
  | { field: 'group_id'; operator: 'is' | 'is_not'; value: 'my_groups' | 'none' | IdValue }
  | { field: 'organization_id'; operator: 'is' | 'is_not'; value: 'none' | IdValue }
  | { field: 'priority'; operator: 'is' | 'is_not' | 'greater_or_equal' | 'less_than'; value: Priority }
  | { field: 'priority'; operator: 'in' | 'not_in'; value: Priority[] }
  | { field: 'type'; operator: 'is' | 'is_not'; value: (typeof TICKET_TYPES)[number] | 'none' }
  | { field: 'type'; operator: 'in' | 'not_in'; value: Array<(typeof TICKET_TYPES)[number]> }
  | { field: 'via'; operator: 'is' | 'is_not'; value: string }
  | { field: 'via'; operator: 'in' | 'not_in'; value: string[] }
  | { field: 'tags'; operator: 'includes_any' | 'includes_all' | 'excludes'; value: string[] }
  | { field: `custom_fields.${string}`; operator: 'is' | 'is_not'; value: string | number | boolean }
  | { field: `custom_fields.${string}`; operator: 'present' | 'absent'; value?: undefined }
  | { field: TimeField; operator: 'within_last' | 'not_within_last'; value: { amount: number; unit: 'hours' | 'days' } }
  | { field: TimeField; operator: 'before' | 'after'; value: string };

export type TimeField = 'created_at' | 'updated_at' | 'solved_at';
export interface Conditions {
  all: Condition[];
  any: Condition[];
}

export interface ConditionIssue {
  path: string;
  message: string;
}

type Check = (value: unknown) => string | null;
const oneOf = (values: readonly string[]): Check => (value) =>
  typeof value === 'string' && values.includes(value) ? null : `must be one of ${values.join(', ')}`;
const listOf = (values: readonly string[] | null): Check => (value) => {
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) return 'must be a list of 1 to 100 values';
  for (const item of value) {
    if (typeof item !== 'string') return 'must contain strings only';
    if (values ? !values.includes(item) : !ID.test(item)) return values ? `must contain only ${values.join(', ')}` : 'must contain ids only';
  }
  return null;
};
const id: Check = (value) => (typeof value === 'string' && ID.test(value) ? null : 'must be an id (a string of digits)');
const idOr = (...words: string[]): Check => (value) =>
  typeof value === 'string' && (words.includes(value) || ID.test(value)) ? null : `must be ${words.map((w) => `'${w}'`).join(', ')} or an id`;
const VIA = /^[a-z][a-z0-9_]{0,39}$/;
const via: Check = (value) => (typeof value === 'string' && VIA.test(value) ? null : 'must be a channel name such as email or web');
const vias: Check = (value) =>
  Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every((v) => typeof v === 'string' && VIA.test(v))
    ? null
    : 'must be a list of channel names';
const tagList: Check = (value) =>
  Array.isArray(value) && value.length > 0 && value.length <= 50 && value.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200)
    ? null
    : 'must be a list of 1 to 50 tags';
const scalar: Check = (value) =>
  (typeof value === 'string' && value.length <= 500) || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
    ? null
    : 'must be a string, a number or a boolean';
const nothing: Check = (value) => (value === undefined || value === null ? null : 'takes no value');
const duration: Check = (value) => {
  const v = value as { amount?: unknown; unit?: unknown } | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return "must be {amount, unit: 'hours' | 'days'}";
  if (v.unit !== 'hours' && v.unit !== 'days') return "unit must be 'hours' or 'days'";
  if (typeof v.amount !== 'number' || !Number.isInteger(v.amount) || v.amount < 1 || v.amount > (v.unit === 'hours' ? 24 * 3660 : 3660)) {
    return 'amount must be a whole number from 1 to ten years';
  }
  const extra = Object.keys(v).filter((key) => key !== 'amount' && key !== 'unit');
  return extra.length ? `unknown key ${extra[0]}` : null;
};
const date: Check = (value) =>
  typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'must be a date (2026-01-31) or an ISO timestamp';

const time = { within_last: duration, not_within_last: duration, before: date, after: date };

/** Operators of each field and the value each takes. */
export const VIEW_FIELDS: Record<string, Record<string, Check>> = {
  status_category: { is: oneOf(STATUS_ORDER), is_not: oneOf(STATUS_ORDER), in: listOf(STATUS_ORDER), not_in: listOf(STATUS_ORDER), less_than: oneOf(STATUS_ORDER), greater_than: oneOf(STATUS_ORDER) },
  status_id: { is: id, is_not: id, in: listOf(null), not_in: listOf(null) },
  assignee_id: { is: idOr('me', 'none'), is_not: idOr('me', 'none') },
  group_id: { is: idOr('my_groups', 'none'), is_not: idOr('my_groups', 'none') },
  priority: { is: oneOf(PRIORITY_ORDER), is_not: oneOf(PRIORITY_ORDER), in: listOf(PRIORITY_ORDER), not_in: listOf(PRIORITY_ORDER), greater_or_equal: oneOf(PRIORITY_ORDER), less_than: oneOf(PRIORITY_ORDER) },
  type: { is: oneOf([...TICKET_TYPES, 'none']), is_not: oneOf([...TICKET_TYPES, 'none']), in: listOf(TICKET_TYPES), not_in: listOf(TICKET_TYPES) },
  via: { is: via, is_not: via, in: vias, not_in: vias },
  requester_id: { is: id, is_not: id },
  organization_id: { is: idOr('none'), is_not: idOr('none') },
  tags: { includes_any: tagList, includes_all: tagList, excludes: tagList },
  created_at: time,
  updated_at: time,
  solved_at: time,
};
const CUSTOM_FIELD_OPERATORS: Record<string, Check> = { is: scalar, is_not: scalar, present: nothing, absent: nothing };

/** Tags as tickets keep them: trimmed, latin letters lower-cased, inner whitespace as "_". */
export const normalizeTagValue = (raw: string) =>
  raw.normalize('NFC').trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase()).replace(/\s+/gu, '_');

/** Validates raw conditions (already shaped `{all, any}` of `{field, operator, value}`); issues carry paths under `prefix`. */
export function validateConditions(
  raw: { all: ReadonlyArray<{ field: string; operator: string; value?: unknown }>; any: ReadonlyArray<{ field: string; operator: string; value?: unknown }> },
  prefix = 'body.conditions',
): { ok: true; conditions: Conditions } | { ok: false; issues: ConditionIssue[] } {
  const issues: ConditionIssue[] = [];
  const normalise = (list: typeof raw.all, part: 'all' | 'any'): Condition[] =>
    list.flatMap((condition, index) => {
      const path = `${prefix}.${part}[${index}]`;
      const customKey = condition.field.startsWith('custom_fields.') ? condition.field.slice('custom_fields.'.length) : null;
      if (customKey !== null && !FIELD_KEY.test(customKey)) {
        issues.push({ path: `${path}.field`, message: 'custom field key must be lower-case letters, digits and _' });
        return [];
      }
      const operators = customKey !== null ? CUSTOM_FIELD_OPERATORS : VIEW_FIELDS[condition.field];
      if (!operators) {
        issues.push({ path: `${path}.field`, message: `unknown field; use one of ${Object.keys(VIEW_FIELDS).join(', ')} or custom_fields.<key>` });
        return [];
      }
      const check = Object.hasOwn(operators, condition.operator) ? operators[condition.operator] : undefined;
      if (!check) {
        issues.push({ path: `${path}.operator`, message: `${condition.field} takes ${Object.keys(operators).join(', ')}` });
        return [];
      }
      const problem = check(condition.value);
      if (problem) {
        issues.push({ path: `${path}.value`, message: problem });
        return [];
      }
      let value = condition.value;
      if (condition.field === 'tags') value = [...new Set((value as string[]).map(normalizeTagValue))];
      if (value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) value = { ...(value as object) };
      if (Array.isArray(value)) value = [...new Set(value as string[])];
      return [{ field: condition.field, operator: condition.operator, ...(value === undefined || value === null ? {} : { value }) } as Condition];
    });
  const conditions = { all: normalise(raw.all, 'all'), any: normalise(raw.any, 'any') };
  return issues.length ? { ok: false, issues } : { ok: true, conditions };
}

/** Whether the conditions depend on who looks ('me', 'my_groups'). */
export function dependsOnViewer(conditions: Conditions): boolean {
  return [...conditions.all, ...conditions.any].some(
    (c) => (c.field === 'assignee_id' && c.value === 'me') || (c.field === 'group_id' && c.value === 'my_groups'),
  );
}
