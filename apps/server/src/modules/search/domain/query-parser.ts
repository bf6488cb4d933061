/**
 * The search query language, in the spirit of Zendesk's (pure: no I/O).
 *
 *   free words            物流延迟 refund        every word must match (AND)
 *   "exact phrase"        "申请退款"             the words in this order, adjacent
 *   -word, -"phrase"      -spam                  must not match
 *   field:value           status:open tag:vip    a ticket property; -field:value negates it
 *   field<value …         status<solved priority>=high created>2026-01-01   (<, <=, >, >=)
 *   field:"quoted value"  group:"售后 一组"
 *
 * Fields: status, priority, type, assignee (me | none | e-mail | id), group (name | none), tag,
 * requester (me | e-mail | id), via, created, updated (YYYY-MM-DD or an ISO date-time, UTC).
 * Ordered fields: status new < open < pending < on_hold < solved < closed; priority
 * low < normal < high < urgent; dates. Several values of one field (other than tag) mean any
 * of them; several tags mean all of them.
 *
 * Faults are all reported, each with the character offset where it starts.
 */
export const STATUS_ORDER = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const PRIORITY_ORDER = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'task'] as const;

export type Operator = ':' | '<' | '<=' | '>' | '>=';
export type FieldName = 'status' | 'priority' | 'type' | 'assignee' | 'group' | 'tag' | 'requester' | 'via' | 'created' | 'updated';

export type FieldValue =
  | { kind: 'status'; value: (typeof STATUS_ORDER)[number] }
  | { kind: 'priority'; value: (typeof PRIORITY_ORDER)[number] }
  | { kind: 'type'; value: (typeof TICKET_TYPES)[number] }
  | { kind: 'me' }
  | { kind: 'none' }
  | { kind: 'id'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'name'; value: string }
  | { kind: 'text'; value: string }
  | { kind: 'date'; value: string; dateOnly: boolean };

export interface FieldTerm {
  kind: 'field';
  field: FieldName;
  operator: Operator;
  value: FieldValue;
  negated: boolean;
  position: number;
}

export interface TextTermNode {
  kind: 'text';
  text: string;
  phrase: boolean;
  negated: boolean;
  position: number;
}

export type QueryTerm = FieldTerm | TextTermNode;

export interface QueryError {
  message: string;
  position: number;
}

export type ParseResult = { ok: true; terms: QueryTerm[] } | { ok: false; errors: QueryError[] };

const FIELDS: Record<FieldName, { ordered: boolean }> = {
  status: { ordered: true },
  priority: { ordered: true },
  type: { ordered: false },
  assignee: { ordered: false },
  group: { ordered: false },
  tag: { ordered: false },
  requester: { ordered: false },
  via: { ordered: false },
  created: { ordered: true },
  updated: { ordered: true },
};

const STATUS_ALIASES: Record<string, (typeof STATUS_ORDER)[number]> = { hold: 'on_hold', 'on-hold': 'on_hold' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ID = /^\d{1,18}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;
export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 32;

const isSpace = (char: string | undefined) => char !== undefined && /\s/u.test(char);

function validDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseValue(field: FieldName, raw: string): FieldValue | string {
  const lower = raw.toLowerCase();
  switch (field) {
    case 'status': {
      const status = STATUS_ALIASES[lower] ?? lower;
      return (STATUS_ORDER as readonly string[]).includes(status)
        ? { kind: 'status', value: status as (typeof STATUS_ORDER)[number] }
        : `Unknown status "${raw}" (one of ${STATUS_ORDER.join(', ')})`;
    }
    case 'priority':
      return (PRIORITY_ORDER as readonly string[]).includes(lower)
        ? { kind: 'priority', value: lower as (typeof PRIORITY_ORDER)[number] }
        : `Unknown priority "${raw}" (one of ${PRIORITY_ORDER.join(', ')})`;
    case 'type':
      return (TICKET_TYPES as readonly string[]).includes(lower)
        ? { kind: 'type', value: lower as (typeof TICKET_TYPES)[number] }
        : `Unknown type "${raw}" (one of ${TICKET_TYPES.join(', ')})`;
    case 'assignee':
    case 'requester':
      if (lower === 'me') return { kind: 'me' };
      if (lower === 'none' && field === 'assignee') return { kind: 'none' };
      if (ID.test(raw)) return { kind: 'id', value: raw };
      if (EMAIL.test(raw)) return { kind: 'email', value: lower };
      return field === 'assignee' ? `assignee is me, none, an e-mail address or an id, not "${raw}"` : `requester is me, an e-mail address or an id, not "${raw}"`;
    case 'group':
      return lower === 'none' ? { kind: 'none' } : { kind: 'name', value: raw };
    case 'tag':
      return /\s/.test(raw) ? `A tag has no spaces: "${raw}"` : { kind: 'text', value: lower };
    case 'via':
      return /^[a-z_]{1,40}$/.test(lower) ? { kind: 'text', value: lower } : `Unknown channel "${raw}"`;
    case 'created':
    case 'updated':
      if (validDate(raw)) return { kind: 'date', value: raw, dateOnly: true };
      if (DATE_TIME.test(raw) && validDate(raw.slice(0, 10)) && !Number.isNaN(Date.parse(raw))) return { kind: 'date', value: raw, dateOnly: false };
      return `${field} needs a date such as 2026-01-31, not "${raw}"`;
  }
}

/** Parses a query; every fault is reported with the offset where it starts. */
export function parseQuery(input: string): ParseResult {
  const errors: QueryError[] = [];
  const terms: QueryTerm[] = [];
  if (input.length > MAX_QUERY_LENGTH) return { ok: false, errors: [{ message: `A query has at most ${MAX_QUERY_LENGTH} characters`, position: MAX_QUERY_LENGTH }] };
  let i = 0;
  const n = input.length;

  /** Reads a quoted string starting at the quote; null (and an error) when it is not closed. */
  const readQuoted = (quoteAt: number): { text: string; end: number } | null => {
    const close = input.indexOf('"', quoteAt + 1);
    if (close < 0) {
      errors.push({ message: 'Unclosed quote', position: quoteAt });
      return null;
    }
    return { text: input.slice(quoteAt + 1, close), end: close + 1 };
  };
  const readBare = (from: number) => {
    let end = from;
    while (end < n && !isSpace(input[end])) end++;
    return { text: input.slice(from, end), end };
  };

  while (i < n) {
    if (isSpace(input[i])) {
      i++;
      continue;
    }
    const start = i;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !isSpace(input[i + 1]) && input[i + 1] !== '-') {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const quoted = readQuoted(i);
      if (!quoted) break;
      if (quoted.text.trim() === '') errors.push({ message: 'Empty phrase', position: i });
      else terms.push({ kind: 'text', text: quoted.text, phrase: true, negated, position: start });
      i = quoted.end;
      continue;
    }
    const field = /^([A-Za-z_]+)(<=|>=|:|<|>)/.exec(input.slice(i, i + 60));
    if (field && !(field[2] === ':' && input.startsWith('//', i + field[0].length))) {
      const name = field[1]!.toLowerCase();
      const operatorAt = i + field[1]!.length;
      const operator = field[2] as Operator;
      const valueAt = i + field[0].length;
      let raw: string;
      let end: number;
      if (input[valueAt] === '"') {
        const quoted = readQuoted(valueAt);
        if (!quoted) break;
        [raw, end] = [quoted.text, quoted.end];
      } else {
        ({ text: raw, end } = readBare(valueAt));
      }
      i = end;
      if (!(name in FIELDS)) {
        errors.push({ message: `Unknown field "${field[1]}" (fields: ${Object.keys(FIELDS).join(', ')})`, position: start + (negated ? 1 : 0) });
        continue;
      }
      const fieldName = name as FieldName;
      if (operator !== ':' && !FIELDS[fieldName].ordered) {
        errors.push({ message: `${fieldName} takes only ":" (not "${operator}")`, position: operatorAt });
        continue;
      }
      if (raw.trim() === '') {
        errors.push({ message: `${fieldName} needs a value after "${operator}"`, position: valueAt });
        continue;
      }
      if (/^(<|>|=|:)/.test(raw)) {
        errors.push({ message: `Unknown operator "${operator}${raw[0]}"`, position: operatorAt });
        continue;
      }
      const value = parseValue(fieldName, raw.trim());
      if (typeof value === 'string') {
        errors.push({ message: value, position: valueAt });
        continue;
      }
      terms.push({ kind: 'field', field: fieldName, operator, value, negated, position: start });
      continue;
    }
    const bare = readBare(i);
    i = bare.end;
    if (bare.text.includes('"')) {
      errors.push({ message: 'A quote must start a phrase or a value', position: i - bare.text.length + bare.text.indexOf('"') });
      continue;
    }
    terms.push({ kind: 'text', text: bare.text, phrase: false, negated, position: start });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (terms.length === 0) return { ok: false, errors: [{ message: 'The query is empty', position: 0 }] };
  if (terms.length > MAX_TERMS) return { ok: false, errors: [{ message: `A query has at most ${MAX_TERMS} terms`, position: terms[MAX_TERMS]!.position }] };
  return { ok: true, terms };
}
