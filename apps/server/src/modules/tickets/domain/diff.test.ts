import { describe, expect, it } from 'vitest';
import { creationChanges, deepEqual, diffFields } from './diff.ts';

describe('diffFields', () => {
  const fields = ['subject', 'assignee_id', 'tags', 'cc_ids'] as const;
  it.each([
    ['no change', { subject: 'a' }, { subject: 'a' }, {}],
    ['a changed value', { subject: 'a' }, { subject: 'b' }, { subject: ['a', 'b'] }],
    ['set to null', { assignee_id: '1' }, { assignee_id: null }, { assignee_id: ['1', null] }],
    ['from undefined to a value', {}, { assignee_id: '2' }, { assignee_id: [null, '2'] }],
    ['set-like arrays in another order', { cc_ids: ['1', '2'] }, { cc_ids: ['2', '1'] }, {}],
    ['set-like arrays with a new member', { cc_ids: ['1'] }, { cc_ids: ['1', '2'] }, { cc_ids: [['1'], ['1', '2']] }],
    ['fields absent from after are ignored', { subject: 'a' }, {}, {}],
  ])('%s', (_name, before, after, expected) => {
    expect(diffFields(before, after, { fields, setFields: ['tags', 'cc_ids'] })).toEqual(expected);
  });

  it('diffs maps per key', () => {
    const before = { custom_fields: { size: 'm', gift: true } };
    const after = { custom_fields: { size: 'l', order: 'A1' } };
    expect(diffFields(before, after, { fields: [], mapFields: ['custom_fields'] })).toEqual({
      'custom_fields.gift': [true, null],
      'custom_fields.order': [null, 'A1'],
      'custom_fields.size': ['m', 'l'],
    });
  });

  it('compares dates by instant and reports them as ISO strings', () => {
    const a = new Date('2026-01-01T00:00:00Z');
    expect(diffFields({ solved_at: a }, { solved_at: new Date(a) }, { fields: ['solved_at'] })).toEqual({});
    expect(diffFields({ solved_at: a }, { solved_at: null }, { fields: ['solved_at'] })).toEqual({ solved_at: ['2026-01-01T00:00:00.000Z', null] });
  });
});

describe('creationChanges', () => {
  it('lists every field with a value as [null, value]', () => {
    expect(creationChanges({ subject: 'Hi', assignee_id: null, tags: [], cc_ids: ['3'], custom_fields: { size: 'm' } })).toEqual({
      subject: [null, 'Hi'],
      cc_ids: [null, ['3']],
      'custom_fields.size': [null, 'm'],
    });
  });
});

describe('deepEqual', () => {
  it.each([
    [1, 1, true],
    ['a', 'b', false],
    [[1, [2]], [1, [2]], true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 2 }, false],
    [[1], { 0: 1 }, false],
    [null, {}, false],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});
