import { describe, expect, it } from 'vitest';
import { parseQuery, type QueryTerm } from '../../src/modules/search/domain/query-parser.ts';
import { toConditions, timeRange } from '../../src/modules/search/domain/ticket-conditions.ts';

const ok = (q: string): QueryTerm[] => {
  const result = parseQuery(q);
  if (!result.ok) throw new Error(`expected ${q} to parse: ${JSON.stringify(result.errors)}`);
  return result.terms;
};
const strip = (terms: QueryTerm[]) => terms.map(({ position: _position, ...rest }) => rest);

describe('query parser: valid queries', () => {
  const cases: Array<[string, unknown[]]> = [
    ['物流延迟', [{ kind: 'text', text: '物流延迟', phrase: false, negated: false }]],
    ['refund  delay', [{ kind: 'text', text: 'refund', phrase: false, negated: false }, { kind: 'text', text: 'delay', phrase: false, negated: false }]],
    ['"exact phrase"', [{ kind: 'text', text: 'exact phrase', phrase: true, negated: false }]],
    ['-spam', [{ kind: 'text', text: 'spam', phrase: false, negated: true }]],
    ['-"申请 退款"', [{ kind: 'text', text: '申请 退款', phrase: true, negated: true }]],
    ['status:open', [{ kind: 'field', field: 'status', operator: ':', value: { kind: 'status', value: 'open' }, negated: false }]],
    ['STATUS:Open', [{ kind: 'field', field: 'status', operator: ':', value: { kind: 'status', value: 'open' }, negated: false }]],
    ['status:hold', [{ kind: 'field', field: 'status', operator: ':', value: { kind: 'status', value: 'on_hold' }, negated: false }]],
    ['status<solved', [{ kind: 'field', field: 'status', operator: '<', value: { kind: 'status', value: 'solved' }, negated: false }]],
    ['priority>=high', [{ kind: 'field', field: 'priority', operator: '>=', value: { kind: 'priority', value: 'high' }, negated: false }]],
    ['assignee:me', [{ kind: 'field', field: 'assignee', operator: ':', value: { kind: 'me' }, negated: false }]],
    ['assignee:none', [{ kind: 'field', field: 'assignee', operator: ':', value: { kind: 'none' }, negated: false }]],
    ['assignee:Wang@Example.com', [{ kind: 'field', field: 'assignee', operator: ':', value: { kind: 'email', value: 'wang@example.com' }, negated: false }]],
    ['assignee:42', [{ kind: 'field', field: 'assignee', operator: ':', value: { kind: 'id', value: '42' }, negated: false }]],
    ['group:"售后"', [{ kind: 'field', field: 'group', operator: ':', value: { kind: 'name', value: '售后' }, negated: false }]],
    ['group:"售后 一组"', [{ kind: 'field', field: 'group', operator: ':', value: { kind: 'name', value: '售后 一组' }, negated: false }]],
    ['group:none', [{ kind: 'field', field: 'group', operator: ':', value: { kind: 'none' }, negated: false }]],
    ['tag:vip', [{ kind: 'field', field: 'tag', operator: ':', value: { kind: 'text', value: 'vip' }, negated: false }]],
    ['-tag:spam', [{ kind: 'field', field: 'tag', operator: ':', value: { kind: 'text', value: 'spam' }, negated: true }]],
    ['created>2026-01-01', [{ kind: 'field', field: 'created', operator: '>', value: { kind: 'date', value: '2026-01-01', dateOnly: true }, negated: false }]],
    ['updated<2026-06-01', [{ kind: 'field', field: 'updated', operator: '<', value: { kind: 'date', value: '2026-06-01', dateOnly: true }, negated: false }]],
    ['created>=2026-01-01T08:00:00Z', [{ kind: 'field', field: 'created', operator: '>=', value: { kind: 'date', value: '2026-01-01T08:00:00Z', dateOnly: false }, negated: false }]],
    ['requester:liu@example.cn', [{ kind: 'field', field: 'requester', operator: ':', value: { kind: 'email', value: 'liu@example.cn' }, negated: false }]],
    ['requester:me', [{ kind: 'field', field: 'requester', operator: ':', value: { kind: 'me' }, negated: false }]],
    ['via:email', [{ kind: 'field', field: 'via', operator: ':', value: { kind: 'text', value: 'email' }, negated: false }]],
    ['type:incident', [{ kind: 'field', field: 'type', operator: ':', value: { kind: 'type', value: 'incident' }, negated: false }]],
    ['see https://example.com/x', [{ kind: 'text', text: 'see', phrase: false, negated: false }, { kind: 'text', text: 'https://example.com/x', phrase: false, negated: false }]],
    ['10:30 meeting', [{ kind: 'text', text: '10:30', phrase: false, negated: false }, { kind: 'text', text: 'meeting', phrase: false, negated: false }]],
    ['a - b', [{ kind: 'text', text: 'a', phrase: false, negated: false }, { kind: 'text', text: '-', phrase: false, negated: false }, { kind: 'text', text: 'b', phrase: false, negated: false }]],
    ['退款：已处理', [{ kind: 'text', text: '退款：已处理', phrase: false, negated: false }]],
  ];
  it.each(cases)('%s', (q, expected) => {
    expect(strip(ok(q))).toEqual(expected);
  });

  it('mixes free words, phrases and filters, with positions', () => {
    const terms = ok('物流 "exact phrase" status<solved -tag:spam');
    expect(terms.map((term) => term.position)).toEqual([0, 3, 18, 32]);
  });
});

describe('query parser: malformed queries report the offset of the fault', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['"unclosed phrase', 0, /Unclosed quote/],
    ['refund "unclosed', 7, /Unclosed quote/],
    ['group:"售后', 6, /Unclosed quote/],
    ['colour:red', 0, /Unknown field "colour"/],
    ['refund -colour:red', 8, /Unknown field/],
    ['status:opened', 7, /Unknown status "opened"/],
    ['priority>=critical', 10, /Unknown priority/],
    ['tag<vip', 3, /tag takes only ":"/],
    ['assignee>me', 8, /assignee takes only ":"/],
    ['status:', 7, /needs a value/],
    ['created>2026-13-01', 8, /needs a date/],
    ['created>2026-02-30', 8, /needs a date/],
    ['created>yesterday', 8, /needs a date/],
    ['status<>open', 6, /Unknown operator/],
    ['type:bug', 5, /Unknown type/],
    ['assignee:bob', 9, /assignee is me, none/],
    ['requester:none', 10, /requester is me/],
    ['ab"cd', 2, /A quote must start/],
    ['""', 0, /Empty phrase/],
    ['   ', 0, /empty/],
    ['', 0, /empty/],
  ];
  it.each(cases)('%s -> position %i', (q, position, message) => {
    const result = parseQuery(q);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ message: expect.stringMatching(message), position });
  });

  it('reports every fault, not only the first', () => {
    const result = parseQuery('colour:red status:nope');
    expect(result.ok ? [] : result.errors.map((e) => e.position)).toEqual([0, 18]);
  });

  it('refuses over-long queries and too many terms', () => {
    expect(parseQuery('x'.repeat(501)).ok).toBe(false);
    expect(parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ')).ok).toBe(false);
  });
});

describe('field terms become ticket conditions', () => {
  const lookups = { me: '7', groups: new Map([['售后', '3']]), emails: new Map([['liu@example.cn', '9']]) };
  const conditions = (q: string) => toConditions(ok(q).filter((t) => t.kind === 'field') as never, lookups);

  it('orders statuses and priorities', () => {
    expect(conditions('status<solved')).toEqual([{ kind: 'in', column: 'status_category', values: ['new', 'open', 'pending', 'on_hold'], negated: false }]);
    expect(conditions('status>=solved')).toEqual([{ kind: 'in', column: 'status_category', values: ['solved', 'closed'], negated: false }]);
    expect(conditions('priority>=high')).toEqual([{ kind: 'in', column: 'priority', values: ['high', 'urgent'], negated: false }]);
    expect(conditions('priority<low')).toEqual([{ kind: 'in', column: 'priority', values: [], negated: false }]);
  });

  it('repeated values of one field mean any of them; tags mean all', () => {
    expect(conditions('status:open status:pending')).toEqual([{ kind: 'in', column: 'status_category', values: ['open', 'pending'], negated: false }]);
    expect(conditions('tag:a tag:b')).toHaveLength(2);
    expect(conditions('assignee:me assignee:none')).toEqual([{ kind: 'ref', column: 'assignee_id', ids: ['7'], includeNone: true, negated: false }]);
  });

  it('resolves names and e-mails; an unknown one matches nothing', () => {
    expect(conditions('group:"售后"')).toEqual([{ kind: 'ref', column: 'group_id', ids: ['3'], includeNone: false, negated: false }]);
    expect(conditions('group:"没有"')).toEqual([{ kind: 'ref', column: 'group_id', ids: [], includeNone: false, negated: false }]);
    expect(conditions('requester:liu@example.cn')).toEqual([{ kind: 'ref', column: 'requester_id', ids: ['9'], includeNone: false, negated: false }]);
    expect(conditions('-tag:spam')).toEqual([{ kind: 'tag', tag: 'spam', negated: true }]);
  });

  it('turns dates into UTC ranges', () => {
    const day = { value: '2026-01-01', dateOnly: true };
    expect(timeRange(':', day)).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' });
    expect(timeRange('>', day)).toEqual({ from: '2026-01-02T00:00:00.000Z' });
    expect(timeRange('>=', day)).toEqual({ from: '2026-01-01T00:00:00.000Z' });
    expect(timeRange('<', day)).toEqual({ to: '2026-01-01T00:00:00.000Z' });
    expect(timeRange('<=', day)).toEqual({ to: '2026-01-02T00:00:00.000Z' });
    expect(conditions('-created:2026-01-01')).toEqual([{ kind: 'time', column: 'created_at', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', negated: true }]);
  });
});
