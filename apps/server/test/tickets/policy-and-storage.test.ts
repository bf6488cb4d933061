import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/platform/auth-context/actor.ts';
import { createLocalDiskStorage } from '../../src/platform/storage/local-disk-storage.ts';
import { canSeeTicket, ticketVisibility } from '../../src/modules/tickets/tickets.policy.ts';

const actor = (overrides: Partial<Actor>): Actor => ({
  tenantId: '1', userId: '10', role: 'agent', name: 'A', locale: null, groupIds: ['5'], ticketAccess: 'all', kind: 'token', ...overrides,
});
const ticket = (overrides: Partial<Parameters<typeof canSeeTicket>[1]> = {}) => ({
  requester_id: '20', assignee_id: null, group_id: null, cc_ids: [], follower_ids: [], ...overrides,
});

describe('ticket policy', () => {
  it.each([
    ['an agent with all access sees any ticket', actor({}), ticket(), true],
    ['a customer sees their own ticket', actor({ role: 'customer', userId: '20' }), ticket(), true],
    ['a customer CC’d sees the ticket', actor({ role: 'customer', userId: '21' }), ticket({ cc_ids: ['21'] }), true],
    ['a customer does not see another’s ticket', actor({ role: 'customer', userId: '22' }), ticket(), false],
    ['a group agent sees the group’s ticket', actor({ ticketAccess: 'groups' }), ticket({ group_id: '5' }), true],
    ['a group agent sees a ticket assigned to them', actor({ ticketAccess: 'groups' }), ticket({ assignee_id: '10' }), true],
    ['a group agent sees a ticket they follow', actor({ ticketAccess: 'groups' }), ticket({ follower_ids: ['10'] }), true],
    ['a group agent does not see another group’s ticket', actor({ ticketAccess: 'groups' }), ticket({ group_id: '6' }), false],
    ['an assigned-only agent sees their ticket', actor({ ticketAccess: 'assigned' }), ticket({ assignee_id: '10' }), true],
    ['an assigned-only agent does not see their group’s ticket', actor({ ticketAccess: 'assigned' }), ticket({ group_id: '5' }), false],
    ['a light agent with group access is scoped too', actor({ role: 'light_agent', ticketAccess: 'groups' }), ticket({ group_id: '6' }), false],
  ])('%s', (_name, who, facts, expected) => {
    expect(canSeeTicket(who, facts)).toBe(expected);
  });

  it('maps access to list visibility', () => {
    expect(ticketVisibility(actor({ role: 'customer' }))).toEqual({ kind: 'customer', userId: '10' });
    expect(ticketVisibility(actor({ ticketAccess: 'groups' }))).toEqual({ kind: 'groups', userId: '10', groupIds: ['5'] });
    expect(ticketVisibility(actor({ ticketAccess: 'assigned' }))).toEqual({ kind: 'assigned', userId: '10' });
    expect(ticketVisibility(actor({}))).toEqual({ kind: 'all' });
  });
});

describe('local disk storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-storage-'));
  const storage = createLocalDiskStorage(root);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const read = async (stream: Readable) => Buffer.concat(await stream.toArray()).toString();

  it('puts, gets and deletes by key', async () => {
    expect(await storage.put('1/2026/01/abc', Readable.from(['hello ', 'world']))).toEqual({ size: 11 });
    expect(await read((await storage.get('1/2026/01/abc'))!)).toBe('hello world');
    await storage.delete('1/2026/01/abc');
    expect(await storage.get('1/2026/01/abc')).toBeNull();
    await storage.delete('1/2026/01/abc');
  });

  it('leaves nothing behind when the stream fails', async () => {
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put('1/2026/01/broken', failing)).rejects.toThrow('client went away');
    expect(await storage.get('1/2026/01/broken')).toBeNull();
    expect(fs.readdirSync(path.join(root, '1', '2026', '01'))).toEqual([]);
  });

  it.each(['../escape', '/absolute', 'a//b', 'UPPER', 'a/../../b', ''])('refuses the key %j', async (key) => {
    await expect(storage.put(key, Readable.from(['x']))).rejects.toThrow('invalid storage key');
  });
});
