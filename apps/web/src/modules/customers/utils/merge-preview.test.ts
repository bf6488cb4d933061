import type { Customer360, CustomerIdentity } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { mergePreview } from './merge-preview';

const identity = (id: string, kind: CustomerIdentity['kind'], isPrimary: boolean): CustomerIdentity => ({
  id,
  kind,
  value: `${kind}-${id}`,
  value_normalized: `${kind}-${id}`,
  is_primary: isPrimary,
  verified_at: null,
  created_at: '2025-01-01T00:00:00.000Z',
  created_by: null,
});

const counts = { new: 1, open: 1, pending: 0, on_hold: 0, solved: 2, closed: 0, total: 4 };
const customer = (overrides: Partial<Customer360>): Customer360 => ({
  id: '1',
  role: 'customer',
  name: 'A',
  email: null,
  phone: null,
  organization_id: null,
  organization: null,
  vip_level: 0,
  tags: [],
  notes: '',
  locale: null,
  time_zone: null,
  external_id: null,
  active: true,
  merged_into_id: null,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  identities: [],
  can_manage: true,
  ticket_counts: counts,
  tickets: { data: [], next_cursor: null },
  ...overrides,
});

describe('merge preview', () => {
  it('says what moves: tickets, identities (primary where the target has none), new tags, VIP and organization', () => {
    const target = customer({ id: '1', tags: ['vip'], vip_level: 1, identities: [identity('10', 'email', true)] });
    const source = customer({
      id: '2',
      tags: ['vip', 'returns'],
      vip_level: 3,
      organization: { id: '7', name: 'Acme' },
      identities: [identity('20', 'email', true), identity('21', 'phone', true)],
    });
    const preview = mergePreview(target, source);
    expect(preview).toMatchObject({ block: null, tickets: 4, tagsAdded: ['returns'], vipAfter: 3, organizationAfter: { id: '7', name: 'Acme' } });
    expect(preview.identities.map((i) => [i.id, i.becomesPrimary])).toEqual([
      ['20', false],
      ['21', true],
    ]);
  });

  it('keeps the target organization and refuses self, staff and merged sources', () => {
    const target = customer({ id: '1', organization: { id: '5', name: 'Own' } });
    expect(mergePreview(target, customer({ id: '2', organization: { id: '7', name: 'Other' } })).organizationAfter).toEqual({ id: '5', name: 'Own' });
    expect(mergePreview(target, customer({ id: '1' })).block).toBe('self');
    expect(mergePreview(target, customer({ id: '3', role: 'agent' })).block).toBe('staff');
    expect(mergePreview(target, customer({ id: '4', merged_into_id: '9' })).block).toBe('alreadyMerged');
  });
});
