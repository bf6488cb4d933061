import { describe, expect, it } from 'vitest';
import { mergedProfile, ticketChanges, type MergeProfile } from '../../src/modules/identity/domain/customer-merge.ts';

const profile = (overrides: Partial<MergeProfile> = {}): MergeProfile => ({
  tags: [],
  vip_level: 0,
  organization_id: null,
  notes: '',
  locale: null,
  time_zone: null,
  external_id: null,
  ...overrides,
});

describe('merged profile', () => {
  it('unites tags (target first), keeps the higher VIP and the target organization', () => {
    const merged = mergedProfile(profile({ tags: ['vip', 'b'], vip_level: 2, organization_id: '7' }), profile({ tags: ['b', 'c'], vip_level: 1, organization_id: '9' }));
    expect(merged.patch).toMatchObject({ tags: ['vip', 'b', 'c'], vip_level: 2, organization_id: '7' });
    expect(merged.details).toMatchObject({ tags_added: ['c'], vip_level: { from: 2, to: 2 }, organization_id: { from: '7', to: '7' } });
  });

  it('takes what the target lacks from the source', () => {
    const merged = mergedProfile(profile({ vip_level: 1 }), profile({ vip_level: 5, organization_id: '9', locale: 'zh-CN', time_zone: 'Asia/Shanghai', external_id: 'crm-1' }));
    expect(merged.patch).toMatchObject({ vip_level: 5, organization_id: '9', locale: 'zh-CN', time_zone: 'Asia/Shanghai', external_id: 'crm-1' });
  });

  it('appends the source notes once, and never blank ones', () => {
    expect(mergedProfile(profile({ notes: 'A' }), profile({ notes: 'B' })).patch.notes).toBe('A\n\nB');
    expect(mergedProfile(profile({ notes: '' }), profile({ notes: ' B ' })).patch.notes).toBe('B');
    expect(mergedProfile(profile({ notes: 'A\n\nB' }), profile({ notes: 'B' })).patch.notes).toBe('A\n\nB');
    const blank = mergedProfile(profile({ notes: 'A' }), profile({ notes: '   ' }));
    expect(blank.patch.notes).toBe('A');
    expect(blank.details.notes_appended).toBe(false);
  });
});

describe('ticket changes of a merge', () => {
  const ticket = { requester_id: '1', organization_id: null, cc_ids: ['5'], follower_ids: [] };

  it('lists only what changed, as [before, after]', () => {
    expect(ticketChanges(ticket, { ...ticket, requester_id: '2', organization_id: '3' })).toEqual({ requester_id: ['1', '2'], organization_id: [null, '3'] });
    expect(ticketChanges(ticket, { ...ticket, cc_ids: ['6'] })).toEqual({ cc_ids: [['5'], ['6']] });
    expect(ticketChanges({ ...ticket, cc_ids: ['5', '6'] }, { ...ticket, cc_ids: ['6', '5'] })).toEqual({});
  });
});
