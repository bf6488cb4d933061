import { describe, expect, it } from 'vitest';
import { can } from './permissions';

describe('what the UI offers each role', () => {
  it('lets agents and above change tickets, reply and write notes', () => {
    for (const role of ['owner', 'admin', 'supervisor', 'agent'] as const) {
      expect([can(role, 'tickets:update'), can(role, 'tickets:reply'), can(role, 'tickets:note')]).toEqual([true, true, true]);
    }
  });

  it('gives light agents internal notes only', () => {
    expect([can('light_agent', 'tickets:update'), can('light_agent', 'tickets:reply'), can('light_agent', 'tickets:note')]).toEqual([false, false, true]);
  });

  it('gives customers public replies only', () => {
    expect([can('customer', 'tickets:update'), can('customer', 'tickets:reply'), can('customer', 'tickets:note')]).toEqual([false, true, false]);
  });

  it('offers nothing to nobody', () => {
    expect(can(undefined, 'tickets:reply')).toBe(false);
  });
});
