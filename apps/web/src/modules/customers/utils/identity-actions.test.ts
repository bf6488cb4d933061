import type { CustomerIdentity } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { identityActions, sortIdentities } from './identity-actions';

const identity = (id: string, kind: CustomerIdentity['kind'], isPrimary: boolean, verified = false): CustomerIdentity => ({
  id,
  kind,
  value: `${kind}-${id}`,
  value_normalized: `${kind}-${id}`,
  is_primary: isPrimary,
  verified_at: verified ? '2025-01-01T00:00:00.000Z' : null,
  created_at: '2025-01-01T00:00:00.000Z',
  created_by: null,
});

describe('identity actions', () => {
  it('never removes the last identity', () => {
    const only = identity('1', 'email', true);
    expect(identityActions(only, [only], 'customer').removeBlock).toBe('last');
  });

  it('keeps a primary while others of its kind remain, and a staff member’s primary email', () => {
    const main = identity('1', 'email', true);
    const alias = identity('2', 'email', false);
    const phone = identity('3', 'phone', true);
    expect(identityActions(main, [main, alias, phone], 'customer').removeBlock).toBe('primary');
    expect(identityActions(alias, [main, alias, phone], 'customer').removeBlock).toBeNull();
    expect(identityActions(main, [main, phone], 'customer').removeBlock).toBeNull();
    expect(identityActions(main, [main, phone], 'agent').removeBlock).toBe('staffEmail');
    expect(identityActions(phone, [main, phone], 'agent').removeBlock).toBeNull();
  });

  it('offers verify and make primary only when they change something', () => {
    const verifiedPrimary = identity('1', 'email', true, true);
    const other = identity('2', 'email', false);
    expect(identityActions(verifiedPrimary, [verifiedPrimary, other], 'customer')).toMatchObject({ verify: false, makePrimary: false });
    expect(identityActions(other, [verifiedPrimary, other], 'customer')).toMatchObject({ verify: true, makePrimary: true });
  });

  it('sorts by kind, primary first', () => {
    const list = [identity('5', 'wechat', false), identity('4', 'phone', true), identity('3', 'email', false), identity('2', 'email', true)];
    expect(sortIdentities(list).map((i) => i.id)).toEqual(['2', '3', '4', '5']);
  });
});
