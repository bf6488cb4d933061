import { describe, expect, it } from 'vitest';
import { mayHear, toClientNotice, type Viewer } from '../../src/platform/realtime/audience.ts';
import type { RealtimeNotice } from '../../src/platform/realtime/notices.ts';

const viewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  tenantId: '1',
  userId: '10',
  role: 'agent',
  ticketAccess: 'all',
  groupIds: [],
  ...overrides,
});

const ticket = (audience: RealtimeNotice['audience'], overrides: Partial<RealtimeNotice> = {}): RealtimeNotice => ({
  tenantId: '1',
  type: 'ticket.updated',
  id: '500',
  version: 3,
  audience,
  ...overrides,
});

describe('realtime audience', () => {
  const cases: Array<[string, Viewer, RealtimeNotice, boolean]> = [
    ['another tenant never hears', viewer({ tenantId: '2' }), ticket({ requesterId: '7' }), false],
    ['staff with all access hear any ticket', viewer(), ticket({ requesterId: '7', groupId: '3', assigneeId: '99' }), true],
    ['staff with all access hear staff-only notices', viewer(), ticket({ requesterId: '7', staffOnly: true }), true],
    ['light agents follow their ticket access too', viewer({ role: 'light_agent', ticketAccess: 'all' }), ticket({ requesterId: '7' }), true],
    ['group agent hears tickets of their groups', viewer({ ticketAccess: 'groups', groupIds: ['3', '4'] }), ticket({ requesterId: '7', groupId: '4', assigneeId: null }), true],
    ['group agent hears tickets assigned to them outside their groups', viewer({ ticketAccess: 'groups', groupIds: ['3'] }), ticket({ requesterId: '7', groupId: '8', assigneeId: '10' }), true],
    ['group agent does not hear other groups', viewer({ ticketAccess: 'groups', groupIds: ['3'] }), ticket({ requesterId: '7', groupId: '8', assigneeId: '11' }), false],
    ['group agent does not hear ungrouped unassigned tickets', viewer({ ticketAccess: 'groups', groupIds: ['3'] }), ticket({ requesterId: '7', groupId: null, assigneeId: null }), false],
    ['assigned-only agent hears their tickets', viewer({ ticketAccess: 'assigned' }), ticket({ requesterId: '7', groupId: '3', assigneeId: '10' }), true],
    ['assigned-only agent does not hear their groups', viewer({ ticketAccess: 'assigned', groupIds: ['3'] }), ticket({ requesterId: '7', groupId: '3', assigneeId: null }), false],
    ['staff hear tenant-wide notices', viewer({ ticketAccess: 'assigned' }), ticket({}, { type: 'settings.updated', id: 'statuses' }), true],
    ['customer hears their own request', viewer({ role: 'customer', userId: '7' }), ticket({ requesterId: '7', assigneeId: '10' }), true],
    ['customer never hears staff-only notices of their request', viewer({ role: 'customer', userId: '7' }), ticket({ requesterId: '7', staffOnly: true }), false],
    ['customer does not hear others\' requests', viewer({ role: 'customer', userId: '8' }), ticket({ requesterId: '7' }), false],
    ['customer does not hear tenant-wide notices', viewer({ role: 'customer', userId: '7' }), ticket({}, { type: 'settings.updated' }), false],
    ['a customer id equal to an assignee id is not enough', viewer({ role: 'customer', userId: '10' }), ticket({ requesterId: '7', assigneeId: '10' }), false],
  ];

  it.each(cases)('%s', (_name, who, notice, expected) => {
    expect(mayHear(who, notice)).toBe(expected);
  });

  it('tells browsers only the type, id and version', () => {
    expect(toClientNotice(ticket({ requesterId: '7', staffOnly: true }))).toEqual({ type: 'ticket.updated', id: '500', version: 3 });
    expect(toClientNotice(ticket({}, { version: undefined }))).toEqual({ type: 'ticket.updated', id: '500' });
  });
});
