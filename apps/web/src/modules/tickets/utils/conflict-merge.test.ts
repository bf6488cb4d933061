import { describe, expect, it } from 'vitest';
import { changedFields, mergeConflict, sameValue, snapshotOf, toUpdateBody } from './conflict-merge';

const ticket = {
  subject: 'Parcel late',
  status_id: '2',
  priority: 'normal' as const,
  type: null,
  category_id: null,
  group_id: '5',
  assignee_id: null,
  tags: ['vip', 'shipping'],
  form_id: null,
  custom_fields: { order_no: 'A-1', channel: 'tmall' },
};

describe('conflict merge', () => {
  it('flattens a ticket into the fields an agent edits', () => {
    const snapshot = snapshotOf(ticket);
    expect(snapshot['custom_fields.order_no']).toBe('A-1');
    expect(snapshot.assignee_id).toBeNull();
    expect(snapshot).not.toHaveProperty('custom_fields');
  });

  it('shows both sides of a clash, their other changes, and re-applies only mine', () => {
    const base = snapshotOf(ticket);
    const mine = { priority: 'urgent', assignee_id: '7' };
    const theirs = { ...base, priority: 'high', status_id: '3', tags: ['shipping', 'vip'] };
    const merge = mergeConflict(base, mine, theirs);
    expect(merge.rows).toEqual([
      { field: 'priority', base: 'normal', theirs: 'high', mine: 'urgent', kind: 'clash' },
      { field: 'assignee_id', base: null, theirs: null, mine: '7', kind: 'mine' },
      { field: 'status_id', base: '2', theirs: '3', mine: '2', kind: 'theirs' },
    ]);
    expect(merge.clashes).toBe(1);
    // Their status change stays; my two changes go on top.
    expect(merge.patch).toEqual({ priority: 'urgent', assignee_id: '7' });
  });

  it('has nothing to re-apply when they made the same change', () => {
    const base = snapshotOf(ticket);
    const merge = mergeConflict(base, { group_id: '9' }, { ...base, group_id: '9' });
    expect(merge.rows).toEqual([{ field: 'group_id', base: '5', theirs: '9', mine: '9', kind: 'same' }]);
    expect(merge.patch).toEqual({});
  });

  it('treats tags as a set and empty values alike', () => {
    expect(sameValue('tags', ['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue('custom_fields.x', '', null)).toBe(true);
    expect(sameValue('custom_fields.multi', ['a', 'b'], ['b', 'a'])).toBe(false);
    const base = snapshotOf(ticket);
    expect(mergeConflict(base, { tags: ['shipping', 'vip'] }, base).rows).toEqual([]);
  });

  it('sees a custom field they cleared, and one I set', () => {
    const base = snapshotOf(ticket);
    const theirs = { ...base };
    delete theirs['custom_fields.channel'];
    const merge = mergeConflict(base, { 'custom_fields.order_no': 'A-2' }, theirs);
    expect(merge.rows.map((row) => [row.field, row.kind])).toEqual([
      ['custom_fields.order_no', 'mine'],
      ['custom_fields.channel', 'theirs'],
    ]);
    expect(toUpdateBody(merge.patch)).toEqual({ custom_fields: { order_no: 'A-2' } });
  });

  it('turns edits into a PATCH body', () => {
    const base = snapshotOf(ticket);
    const draft = { ...base, priority: 'high', 'custom_fields.channel': '', tags: ['vip', 'shipping'] };
    expect(changedFields(base, draft)).toEqual({ priority: 'high', 'custom_fields.channel': '' });
    expect(toUpdateBody(changedFields(base, draft))).toEqual({ priority: 'high', custom_fields: { channel: null } });
  });
});
