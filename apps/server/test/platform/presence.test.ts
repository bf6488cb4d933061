import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app/http.ts';
import type { HttpServer } from '../../src/platform/http/create-http-server.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createRealtimeHub } from '../../src/platform/realtime/hub.ts';
import { createPresenceRegistry, parseClientPresence, type PresenceAnnouncement } from '../../src/platform/realtime/presence.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenant, createToken, createUser, type TestTenant } from '../helpers/factories.ts';
import { createTicket } from '../helpers/ticket-factories.ts';
import { eventually } from './jobs-support.ts';
import { openStream, type StreamClient } from './realtime-support.ts';

describe('presence registry', () => {
  const audience = { requesterId: '9', assigneeId: null, groupId: '3' };
  const say = (connectionId: string, userId: string, name: string, state: PresenceAnnouncement['state'], ticketId = '1'): PresenceAnnouncement => ({
    tenantId: 't1',
    ticketId,
    connectionId,
    userId,
    name,
    state,
    audience,
  });

  it('lists everyone on a ticket once, with their most engaged state, and forgets who left', () => {
    const registry = createPresenceRegistry({ ttlMs: 30_000, now: () => 1000 });
    const key = { tenantId: 't1', ticketId: '1' };
    expect(registry.apply(say('c1', 'u1', '王芳', 'viewing'))).toBe(true);
    expect(registry.apply(say('c2', 'u2', 'Alex', 'viewing'))).toBe(true);
    // A second tab of the same person, replying: one person, replying.
    expect(registry.apply(say('c3', 'u1', '王芳', 'replying'))).toBe(true);
    expect(registry.users(key)).toEqual([
      { id: 'u2', name: 'Alex', state: 'viewing' },
      { id: 'u1', name: '王芳', state: 'replying' },
    ]);
    // A refresh that changes nothing is not news.
    expect(registry.apply(say('c2', 'u2', 'Alex', 'viewing'))).toBe(false);
    expect(registry.apply(say('c3', 'u1', '王芳', 'left'))).toBe(true);
    expect(registry.users(key)).toEqual([
      { id: 'u2', name: 'Alex', state: 'viewing' },
      { id: 'u1', name: '王芳', state: 'viewing' },
    ]);
    registry.apply(say('c1', 'u1', '王芳', 'left'));
    registry.apply(say('c2', 'u2', 'Alex', 'left'));
    expect(registry.users(key)).toEqual([]);
    expect(registry.size()).toBe(0);
    // Leaving a ticket one never announced changes nothing.
    expect(registry.apply(say('c9', 'u9', 'Nobody', 'left'))).toBe(false);
  });

  it('expires an entry that was not refreshed within the time to live', () => {
    let now = 0;
    const registry = createPresenceRegistry({ ttlMs: 30_000, now: () => now });
    registry.apply(say('c1', 'u1', '王芳', 'viewing'));
    now = 20_000;
    registry.apply(say('c2', 'u2', 'Alex', 'replying', '2'));
    now = 29_999;
    expect(registry.sweep()).toEqual([]);
    now = 30_000;
    expect(registry.users({ tenantId: 't1', ticketId: '1' })).toEqual([]);
    expect(registry.sweep()).toEqual([{ tenantId: 't1', ticketId: '1', audience }]);
    expect(registry.size()).toBe(1);
    now = 50_000;
    expect(registry.sweep()).toEqual([{ tenantId: 't1', ticketId: '2', audience }]);
    expect(registry.size()).toBe(0);
  });

  it('keeps tenants apart', () => {
    const registry = createPresenceRegistry({ now: () => 0 });
    registry.apply(say('c1', 'u1', 'A', 'viewing'));
    registry.apply({ ...say('c2', 'u2', 'B', 'viewing'), tenantId: 't2' });
    expect(registry.users({ tenantId: 't1', ticketId: '1' }).map((u) => u.id)).toEqual(['u1']);
    expect(registry.users({ tenantId: 't2', ticketId: '1' }).map((u) => u.id)).toEqual(['u2']);
  });

  it('reads only well-formed presence frames from browsers', () => {
    expect(parseClientPresence('{"type":"presence","ticket_id":"12","state":"viewing"}')).toEqual({ ticketId: '12', state: 'viewing' });
    expect(parseClientPresence('{"type":"presence","ticket_id":12,"state":"left"}')).toEqual({ ticketId: '12', state: 'left' });
    for (const frame of [
      '',
      'nope',
      'null',
      '[]',
      '{"type":"presence","ticket_id":"0","state":"viewing"}',
      '{"type":"presence","ticket_id":"1 or 1=1","state":"viewing"}',
      '{"type":"presence","ticket_id":"1","state":"typing"}',
      '{"type":"other","ticket_id":"1","state":"viewing"}',
      `{"type":"presence","ticket_id":"1","state":"viewing","pad":"${'x'.repeat(2000)}"}`,
    ]) {
      expect(parseClientPresence(frame)).toBeNull();
    }
  });
});

describe('presence over /api/v1/stream', () => {
  let t: TestApp;
  let secondNode: HttpServer;
  let baseUrl: string;
  let secondUrl: string;
  let acme: TestTenant;
  const tokens: Record<string, string> = {};
  const names: Record<string, string> = {};
  let ticketId: string;
  let customerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // A second API node on the same database: presence must cross nodes.
    secondNode = await buildHttpApp(t.ctx);
    secondUrl = await secondNode.listen({ port: 0, host: '127.0.0.1' });
    acme = await createTenant(t.ctx.db);
    const tenantId = acme.tenant.id;
    const group = await createGroup(t.ctx.db, tenantId);
    const otherGroup = await createGroup(t.ctx.db, tenantId);
    const wang = await createUser(t.ctx.db, tenantId, { name: '王芳' });
    const alex = await createUser(t.ctx.db, tenantId, { name: 'Alex Chen' });
    const outsider = await createUser(t.ctx.db, tenantId, { name: 'Other group', ticketAccess: 'groups', groupIds: [otherGroup] });
    tokens.owner = await createToken(t.ctx.db, tenantId, acme.owner.id);
    tokens.wang = await createToken(t.ctx.db, tenantId, wang.id);
    tokens.alex = await createToken(t.ctx.db, tenantId, alex.id);
    tokens.outsider = await createToken(t.ctx.db, tenantId, outsider.id);
    Object.assign(names, { wang: wang.id, alex: alex.id });
    const ticket = await createTicket(t.app, tokens.owner, { group_id: group });
    ticketId = ticket.id;
    customerId = ticket.requester_id;
    tokens.customer = await createToken(t.ctx.db, tenantId, customerId);
  });
  afterAll(async () => {
    await secondNode.close();
    await t.close();
  });

  const presenceOf = (client: StreamClient, match: (users: Array<Record<string, unknown>>) => boolean) =>
    client.next((m) => m.type === 'presence' && m.id === ticketId && match(m.users as Array<Record<string, unknown>>), 10_000);
  const say = (client: StreamClient, state: string, id = ticketId) =>
    client.socket.send(JSON.stringify({ type: 'presence', ticket_id: id, state }));

  it('shows two agents on different nodes to each other, viewing then replying, and drops one who closes the tab', async () => {
    const wang = await openStream(baseUrl, bearer(tokens.wang));
    const alex = await openStream(secondUrl, bearer(tokens.alex));
    say(wang, 'viewing');
    await presenceOf(alex, (users) => users.some((u) => u.name === '王芳' && u.state === 'viewing'));
    say(alex, 'replying');
    const both = await presenceOf(wang, (users) => users.length === 2);
    expect(both.users).toEqual([
      { id: names.alex, name: 'Alex Chen', state: 'replying' },
      { id: names.wang, name: '王芳', state: 'viewing' },
    ]);
    // Closing the socket withdraws its presence, on every node.
    await alex.close();
    await presenceOf(wang, (users) => users.length === 1 && users[0].id === names.wang);
    say(wang, 'left');
    await presenceOf(wang, (users) => users.length === 0);
    await wang.close();
  });

  it('withdraws a presence nobody refreshed, by itself', async () => {
    const hub = createRealtimeHub({ databaseUrl: t.database.url, logger: createLogger('silent'), presenceTtlMs: 300 });
    const heard: Array<Record<string, unknown>> = [];
    const viewer = { tenantId: acme.tenant.id, userId: acme.owner.id, role: 'owner' as const, ticketAccess: 'all' as const, groupIds: [] };
    await hub.subscribe({ viewer, send: (message) => heard.push(message as Record<string, unknown>) });
    await hub.announce({
      tenantId: acme.tenant.id,
      ticketId,
      connectionId: 'tab-1',
      userId: names.wang,
      name: '王芳',
      state: 'viewing',
      audience: { requesterId: customerId, assigneeId: null, groupId: null },
    });
    expect(heard.at(-1)).toEqual({ type: 'presence', id: ticketId, users: [{ id: names.wang, name: '王芳', state: 'viewing' }] });
    await eventually(() => heard.length === 3 && (heard.at(-1)!.users as unknown[]).length === 0, 10_000, 20);
    await hub.close();
  });

  it('tells nobody who may not see the ticket, and ignores customers’ and unknown tickets’ frames', async () => {
    const wang = await openStream(baseUrl, bearer(tokens.wang));
    // Owners on both nodes: once they heard, every socket of their node has been considered.
    const fences = [await openStream(baseUrl, bearer(tokens.owner)), await openStream(secondUrl, bearer(tokens.owner))];
    const outsider = await openStream(baseUrl, bearer(tokens.outsider));
    const customer = await openStream(secondUrl, bearer(tokens.customer));
    const otherTenant = await createTenant(t.ctx.db);
    const stranger = await openStream(baseUrl, bearer(await createToken(t.ctx.db, otherTenant.tenant.id, otherTenant.owner.id)));

    say(customer, 'viewing');
    say(outsider, 'viewing'); // cannot see this ticket: dropped
    say(wang, 'viewing', '999999'); // no such ticket: dropped
    customer.socket.send('not json');
    customer.socket.send(JSON.stringify({ type: 'presence', ticket_id: 'x', state: 'viewing' }));
    say(wang, 'viewing');
    for (const fence of [wang, ...fences]) {
      const seen = await presenceOf(fence, (users) => users.length > 0);
      expect(seen.users).toEqual([{ id: names.wang, name: '王芳', state: 'viewing' }]);
    }
    say(wang, 'left');
    for (const fence of fences) await presenceOf(fence, (users) => users.length === 0);

    for (const client of [outsider, customer, stranger]) {
      expect(client.messages.filter((m) => m.type === 'presence')).toEqual([]);
      // Bad frames never close the stream.
      expect(client.socket.readyState).toBe(client.socket.OPEN);
      await client.close();
    }
    for (const client of [wang, ...fences]) await client.close();
  });
});
