import { PRIORITY_ORDER, STATUS_ORDER, type FieldTerm, type Operator } from './query-parser.ts';

/**
 * Field terms become conditions on the tickets table (pure). Names and e-mails are resolved to
 * ids by the caller first (`lookups`); one that resolves to nothing matches nothing.
 */
export type TicketCondition =
  | { kind: 'in'; column: 'status_category' | 'priority' | 'type' | 'via'; values: string[]; negated: boolean }
  | { kind: 'ref'; column: 'assignee_id' | 'group_id' | 'requester_id'; ids: string[]; includeNone: boolean; negated: boolean }
  | { kind: 'tag'; tag: string; negated: boolean }
  | { kind: 'time'; column: 'created_at' | 'updated_at'; from?: string; to?: string; negated: boolean };

export interface Lookups {
  me: string;
  /** lower(group name) -> id */
  groups: Map<string, string>;
  /** lower(e-mail) -> user id */
  emails: Map<string, string>;
}

/** Names and e-mails the terms mention, to resolve before `toConditions`. */
export function namesToResolve(terms: FieldTerm[]): { groups: string[]; emails: string[] } {
  const groups = new Set<string>();
  const emails = new Set<string>();
  for (const term of terms) {
    if (term.value.kind === 'name') groups.add(term.value.value.toLowerCase());
    if (term.value.kind === 'email') emails.add(term.value.value);
  }
  return { groups: [...groups], emails: [...emails] };
}

function ordered<T extends string>(order: readonly T[], operator: Operator, value: T): T[] {
  const at = order.indexOf(value);
  switch (operator) {
    case ':':
      return [value];
    case '<':
      return order.slice(0, at);
    case '<=':
      return order.slice(0, at + 1);
    case '>':
      return order.slice(at + 1);
    case '>=':
      return order.slice(at);
  }
}

const DAY_MS = 86_400_000;

/** The UTC range [from, to) a date term covers; a datetime is exact to the millisecond. */
export function timeRange(operator: Operator, value: { value: string; dateOnly: boolean }): { from?: string; to?: string } {
  const at = value.dateOnly ? Date.parse(`${value.value}T00:00:00Z`) : Date.parse(value.value);
  const after = at + (value.dateOnly ? DAY_MS : 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  switch (operator) {
    case ':':
      return value.dateOnly ? { from: iso(at), to: iso(after) } : { from: iso(at) };
    case '>':
      return { from: iso(after) };
    case '>=':
      return { from: iso(at) };
    case '<':
      return { to: iso(at) };
    case '<=':
      return { to: iso(after) };
  }
}

/** The conditions of the field terms; repeated positive ":" terms of one field (not tag) mean any of them. */
export function toConditions(terms: FieldTerm[], lookups: Lookups): TicketCondition[] {
  const conditions: TicketCondition[] = [];
  const anyOf = new Map<string, TicketCondition>();
  const push = (condition: TicketCondition, mergeKey: string | null) => {
    const existing = mergeKey ? anyOf.get(mergeKey) : undefined;
    if (existing && existing.kind === 'in' && condition.kind === 'in') existing.values.push(...condition.values);
    else if (existing && existing.kind === 'ref' && condition.kind === 'ref') {
      existing.ids.push(...condition.ids);
      existing.includeNone ||= condition.includeNone;
    } else {
      conditions.push(condition);
      if (mergeKey) anyOf.set(mergeKey, condition);
    }
  };
  for (const term of terms) {
    const { field, operator, value, negated } = term;
    const mergeKey = !negated && operator === ':' && field !== 'tag' ? field : null;
    switch (value.kind) {
      case 'status':
        push({ kind: 'in', column: 'status_category', values: ordered(STATUS_ORDER, operator, value.value), negated }, mergeKey);
        break;
      case 'priority':
        push({ kind: 'in', column: 'priority', values: ordered(PRIORITY_ORDER, operator, value.value), negated }, mergeKey);
        break;
      case 'type':
        push({ kind: 'in', column: 'type', values: [value.value], negated }, mergeKey);
        break;
      case 'text':
        if (field === 'tag') conditions.push({ kind: 'tag', tag: value.value, negated });
        else push({ kind: 'in', column: 'via', values: [value.value], negated }, mergeKey);
        break;
      case 'date':
        conditions.push({ kind: 'time', column: field === 'created' ? 'created_at' : 'updated_at', ...timeRange(operator, value), negated });
        break;
      case 'me':
      case 'none':
      case 'id':
      case 'email':
      case 'name': {
        const column = field === 'assignee' ? 'assignee_id' : field === 'group' ? 'group_id' : 'requester_id';
        const ids: string[] = [];
        if (value.kind === 'me') ids.push(lookups.me);
        if (value.kind === 'id') ids.push(value.value);
        if (value.kind === 'email') ids.push(...[lookups.emails.get(value.value)].filter((id): id is string => id !== undefined));
        if (value.kind === 'name') ids.push(...[lookups.groups.get(value.value.toLowerCase())].filter((id): id is string => id !== undefined));
        push({ kind: 'ref', column, ids, includeNone: value.kind === 'none', negated }, mergeKey);
        break;
      }
    }
  }
  return conditions;
}
