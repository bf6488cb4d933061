import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConditions, type Conditions } from '../../src/modules/views/domain/conditions.ts';
import { countableFromAggregate, matches, possibleCategories, resolveConditions } from '../../src/modules/views/domain/predicates.ts';
import { conditionsSql } from '../../src/modules/views/domain/view-sql.ts';
import { aggregateCounts } from '../../src/modules/views/view-counts.repo.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { buildViewWorld, type ViewWorld } from './view-fixtures.ts';

type Raw = { field: string; operator: string; value?: unknown };
type Case = [label: string, build: (ids: Record<string, string>) => { all?: Raw[]; any?: Raw[] }, expected: string[]];
const one = (field: string, operator: string, value?: unknown) => ({ all: [{ field, operator, ...(value === undefined ? {} : { value }) }] });

/** Every operator of every field, with the tickets (view-fixtures.ts) it must select. Viewer: `me`, in group g1. */
const cases: Case[] = [
  ['status is open', () => one('status_category', 'is', 'open'), ['t2']],
  ['status is not open', () => one('status_category', 'is_not', 'open'), ['t1', 't3', 't4', 't5', 't6']],
  ['status in new, pending', () => one('status_category', 'in', ['new', 'pending']), ['t1', 't3']],
  ['status not in new, pending', () => one('status_category', 'not_in', ['new', 'pending']), ['t2', 't4', 't5', 't6']],
  ['status less than solved', () => one('status_category', 'less_than', 'solved'), ['t1', 't2', 't3', 't4']],
  ['status less than new', () => one('status_category', 'less_than', 'new'), []],
  ['status greater than on_hold', () => one('status_category', 'greater_than', 'on_hold'), ['t5', 't6']],
  ['status id is the default pending', (ids) => one('status_id', 'is', ids.status_pending), ['t3']],
  ['status id is not pending', (ids) => one('status_id', 'is_not', ids.status_pending), ['t1', 't2', 't4', 't5', 't6']],
  ['status id in new, open', (ids) => one('status_id', 'in', [ids.status_new, ids.status_open]), ['t1', 't2']],
  ['status id not in new, open', (ids) => one('status_id', 'not_in', [ids.status_new, ids.status_open]), ['t3', 't4', 't5', 't6']],
  ['assignee is me', () => one('assignee_id', 'is', 'me'), ['t2', 't4']],
  ['assignee is not me', () => one('assignee_id', 'is_not', 'me'), ['t1', 't3', 't5', 't6']],
  ['assignee is none', () => one('assignee_id', 'is', 'none'), ['t1', 't6']],
  ['assignee is not none', () => one('assignee_id', 'is_not', 'none'), ['t2', 't3', 't4', 't5']],
  ['assignee is other', (ids) => one('assignee_id', 'is', ids.other), ['t3', 't5']],
  ['group is my groups', () => one('group_id', 'is', 'my_groups'), ['t1', 't2']],
  ['group is not my groups', () => one('group_id', 'is_not', 'my_groups'), ['t3', 't4', 't5', 't6']],
  ['group is none', () => one('group_id', 'is', 'none'), ['t4', 't6']],
  ['group is g2', (ids) => one('group_id', 'is', ids.g2), ['t3', 't5']],
  ['group is not g2', (ids) => one('group_id', 'is_not', ids.g2), ['t1', 't2', 't4', 't6']],
  ['priority is low', () => one('priority', 'is', 'low'), ['t3', 't6']],
  ['priority is not low', () => one('priority', 'is_not', 'low'), ['t1', 't2', 't4', 't5']],
  ['priority in high, urgent', () => one('priority', 'in', ['high', 'urgent']), ['t2', 't4']],
  ['priority not in normal', () => one('priority', 'not_in', ['normal']), ['t2', 't3', 't4', 't6']],
  ['priority at least high', () => one('priority', 'greater_or_equal', 'high'), ['t2', 't4']],
  ['priority below normal', () => one('priority', 'less_than', 'normal'), ['t3', 't6']],
  ['type is incident', () => one('type', 'is', 'incident'), ['t3']],
  ['type is none', () => one('type', 'is', 'none'), ['t1', 't2', 't5', 't6']],
  ['type is not incident', () => one('type', 'is_not', 'incident'), ['t1', 't2', 't4', 't5', 't6']],
  ['type in question, incident', () => one('type', 'in', ['question', 'incident']), ['t3', 't4']],
  ['type not in question', () => one('type', 'not_in', ['question']), ['t1', 't2', 't3', 't5', 't6']],
  ['via is email', () => one('via', 'is', 'email'), ['t1', 't5']],
  ['via is not email', () => one('via', 'is_not', 'email'), ['t2', 't3', 't4', 't6']],
  ['via in chat, api', () => one('via', 'in', ['chat', 'api']), ['t3', 't4']],
  ['via not in web, email', () => one('via', 'not_in', ['web', 'email']), ['t3', 't4']],
  ['requester is c2', (ids) => one('requester_id', 'is', ids.c2), ['t2']],
  ['requester is not c2', (ids) => one('requester_id', 'is_not', ids.c2), ['t1', 't3', 't4', 't5', 't6']],
  ['organization is org', (ids) => one('organization_id', 'is', ids.org), ['t2']],
  ['organization is none', () => one('organization_id', 'is', 'none'), ['t1', 't3', 't4', 't5', 't6']],
  ['organization is not org', (ids) => one('organization_id', 'is_not', ids.org), ['t1', 't3', 't4', 't5', 't6']],
  ['tags include any of vip, spam', () => one('tags', 'includes_any', ['VIP', 'spam']), ['t1', 't2', 't5']],
  ['tags include all of vip, refund', () => one('tags', 'includes_all', ['vip', 'refund']), ['t2']],
  ['tags exclude refund', () => one('tags', 'excludes', ['refund']), ['t1', 't3', 't5', 't6']],
  ['custom field plan is gold', () => one('custom_fields.plan', 'is', 'gold'), ['t1']],
  ['custom field plan is not gold', () => one('custom_fields.plan', 'is_not', 'gold'), ['t2', 't3', 't4', 't5', 't6']],
  ['custom field size is 3 (a number)', () => one('custom_fields.size', 'is', 3), ['t2']],
  ['custom field size is "3" (a string is not a number)', () => one('custom_fields.size', 'is', '3'), []],
  ['custom field vip is true', () => one('custom_fields.vip', 'is', true), ['t4']],
  ['custom multi-select flags has y', () => one('custom_fields.flags', 'is', 'y'), ['t3']],
  ['custom field plan present (empty string is not)', () => one('custom_fields.plan', 'present'), ['t1', 't2']],
  ['custom field plan absent', () => one('custom_fields.plan', 'absent'), ['t3', 't4', 't5', 't6']],
  ['created within the last 2 days', () => one('created_at', 'within_last', { amount: 2, unit: 'days' }), ['t1', 't4']],
  ['created not within the last 2 days', () => one('created_at', 'not_within_last', { amount: 2, unit: 'days' }), ['t2', 't3', 't5', 't6']],
  ['updated within the last 3 hours', () => one('updated_at', 'within_last', { amount: 3, unit: 'hours' }), ['t1', 't2']],
  ['created before 2026-01-01', () => one('created_at', 'before', '2026-01-01'), ['t6']],
  ['created after 2026-03-09T00:00:00Z', () => one('created_at', 'after', '2026-03-09T00:00:00Z'), ['t1', 't4']],
  ['updated before 2026-03-09T12:00:00+08:00', () => one('updated_at', 'before', '2026-03-09T12:00:00+08:00'), ['t3', 't5', 't6']],
  ['solved within the last 7 days (live tickets have no solved_at)', () => one('solved_at', 'within_last', { amount: 7, unit: 'days' }), ['t5']],
  ['solved not within the last 7 days', () => one('solved_at', 'not_within_last', { amount: 7, unit: 'days' }), ['t6']],
  ['solved after a date', () => one('solved_at', 'after', '2026-01-01'), ['t5']],
  // Combinations: the default views, any-lists, and empty conditions.
  ['my open tickets', () => ({ all: [{ field: 'assignee_id', operator: 'is', value: 'me' }, { field: 'status_category', operator: 'less_than', value: 'solved' }] }), ['t2', 't4']],
  ['unassigned in my groups', () => ({ all: [{ field: 'assignee_id', operator: 'is', value: 'none' }, { field: 'group_id', operator: 'is', value: 'my_groups' }, { field: 'status_category', operator: 'less_than', value: 'solved' }] }), ['t1']],
  ['any: urgent or tagged spam', () => ({ any: [{ field: 'priority', operator: 'is', value: 'urgent' }, { field: 'tags', operator: 'includes_any', value: ['spam'] }] }), ['t4', 't5']],
  ['all + any: live and (vip or pending)', () => ({ all: [{ field: 'status_category', operator: 'less_than', value: 'solved' }], any: [{ field: 'tags', operator: 'includes_any', value: ['vip'] }, { field: 'status_category', operator: 'is', value: 'pending' }] }), ['t1', 't2', 't3']],
  ['no conditions: every ticket', () => ({}), ['t1', 't2', 't3', 't4', 't5', 't6']],
];

describe('view conditions: JS evaluation and SQL agree on every operator', () => {
  let database: TestDatabase;
  let world: ViewWorld;
  const labelOf = (id: string) => Object.entries(world.tickets).find(([, ticketId]) => ticketId === id)![0];

  beforeAll(async () => {
    database = await createTestDatabase();
    world = await buildViewWorld(database.db);
  });
  afterAll(() => database.close());

  for (const [label, build, expected] of cases) {
    it(label, async () => {
      const raw = build(world.ids);
      const checked = validateConditions({ all: raw.all ?? [], any: raw.any ?? [] });
      if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
      const resolved = resolveConditions(checked.conditions, { userId: world.ids.me!, groupIds: [world.ids.g1!], now: world.now });

      const rows = await world.rows();
      const byJs = rows.filter((row) => matches(resolved, row)).map((row) => labelOf(row.id));
      const bySql = (await sql<{ id: string }>`select t.id from tickets t where t.tenant_id = ${world.tenantId}
        and ${conditionsSql(resolved, 't')} order by t.id`.execute(database.db.system)).rows.map((row) => labelOf(row.id));
      expect(byJs).toEqual(expected);
      expect(bySql).toEqual(expected);
      // The live-slice guard never drops a ticket the view holds.
      const categories = possibleCategories(resolved);
      expect(rows.filter((row) => matches(resolved, row)).every((row) => categories.includes(row.status_category as never))).toBe(true);
      // Views the aggregate can answer give the same count from it.
      if (countableFromAggregate(resolved)) {
        const [count] = await database.db.tenantTx(world.tenantId, (trx) => aggregateCounts(trx, world.tenantId, [resolved]));
        expect(count).toBe(expected.length);
      }
    });
  }
});

describe('view condition validation', () => {
  const check = (all: Raw[], any: Raw[] = []) => validateConditions({ all, any });
  const issues = (all: Raw[], any: Raw[] = []) => {
    const result = check(all, any);
    return result.ok ? [] : result.issues;
  };

  it('answers every fault with its path', () => {
    expect(issues([{ field: 'nope', operator: 'is', value: 1 }])).toEqual([{ path: 'body.conditions.all[0].field', message: expect.stringContaining('unknown field') }]);
    expect(issues([], [{ field: 'priority', operator: 'includes_any', value: ['high'] }])).toEqual([{ path: 'body.conditions.any[0].operator', message: expect.stringContaining('greater_or_equal') }]);
    const several = issues([
      { field: 'status_category', operator: 'is', value: 'done' },
      { field: 'assignee_id', operator: 'is', value: 'someone' },
      { field: 'created_at', operator: 'within_last', value: { amount: 0, unit: 'days' } },
      { field: 'custom_fields.Bad-Key', operator: 'is', value: 'x' },
      { field: 'custom_fields.plan', operator: 'present', value: 'x' },
      { field: 'tags', operator: 'includes_any', value: [] },
      { field: 'updated_at', operator: 'before', value: 'yesterday' },
      { field: 'status_id', operator: 'in', value: ['1', 'x'] },
      { field: 'custom_fields.plan', operator: 'is', value: { nested: true } },
      { field: 'status_category', operator: 'constructor', value: 'new' },
    ]);
    expect(several.map((issue) => issue.path)).toEqual([
      'body.conditions.all[0].value', 'body.conditions.all[1].value', 'body.conditions.all[2].value', 'body.conditions.all[3].field',
      'body.conditions.all[4].value', 'body.conditions.all[5].value', 'body.conditions.all[6].value', 'body.conditions.all[7].value',
      'body.conditions.all[8].value', 'body.conditions.all[9].operator',
    ]);
  });

  it('normalises tags as tickets keep them and drops duplicates', () => {
    const result = check([{ field: 'tags', operator: 'includes_any', value: ['VIP', ' vip ', 'Big Order'] }]);
    expect(result.ok && (result.conditions as Conditions).all[0]).toEqual({ field: 'tags', operator: 'includes_any', value: ['vip', 'big_order'] });
  });

  it('keeps the aggregate to status, assignee, group and priority', () => {
    const context = { userId: '1', groupIds: ['2'], now: new Date() };
    const resolvedOf = (all: Raw[]) => {
      const result = check(all);
      if (!result.ok) throw new Error('invalid');
      return resolveConditions(result.conditions, context);
    };
    expect(countableFromAggregate(resolvedOf([{ field: 'group_id', operator: 'is', value: 'my_groups' }, { field: 'priority', operator: 'greater_or_equal', value: 'high' }]))).toBe(true);
    expect(countableFromAggregate(resolvedOf([{ field: 'tags', operator: 'includes_any', value: ['x'] }]))).toBe(false);
    expect(countableFromAggregate(resolvedOf([{ field: 'via', operator: 'is', value: 'email' }]))).toBe(false);
    expect(possibleCategories(resolvedOf([{ field: 'status_category', operator: 'less_than', value: 'solved' }, { field: 'status_category', operator: 'is_not', value: 'new' }])))
      .toEqual(['open', 'pending', 'on_hold']);
  });
});
