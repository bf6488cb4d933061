import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { registerRealtime, registerWebsocketSupport } from '../../src/app/realtime.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { createHttpServer, type HttpServer } from '../../src/platform/http/create-http-server.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { holdNotices, publishNotice, type RealtimeNotice } from '../../src/platform/realtime/notices.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { bearer, createGroup, createTenant, createToken, createUser, login, type TestTenant } from '../helpers/factories.ts';
import { eventually } from './jobs-support.ts';
import { openStream, refusedWith, type StreamClient } from './realtime-support.ts';

describe('GET /api/v1/stream', () => {
  let t: TestApp;
  let baseUrl: string;
  let acme: TestTenant;
  let other: TestTenant;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  const publish = (notice: RealtimeNotice) => t.ctx.db.systemTx((trx) => publishNotice(trx, notice));

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    acme = await createTenant(t.ctx.db);
    other = await createTenant(t.ctx.db);
    const tenantId = acme.tenant.id;
    ids.group = await createGroup(t.ctx.db, tenantId);
    ids.otherGroup = await createGroup(t.ctx.db, tenantId);
    const groupAgent = await createUser(t.ctx.db, tenantId, { ticketAccess: 'groups', groupIds: [ids.group] });
    const assignedAgent = await createUser(t.ctx.db, tenantId, { ticketAccess: 'assigned' });
    const customerA = await createUser(t.ctx.db, tenantId, { role: 'customer' });
    const customerB = await createUser(t.ctx.db, tenantId, { role: 'customer' });
    Object.assign(ids, { groupAgent: groupAgent.id, assignedAgent: assignedAgent.id, customerA: customerA.id, customerB: customerB.id });
    tokens.owner = await createToken(t.ctx.db, tenantId, acme.owner.id, 'read');
    tokens.groupAgent = await createToken(t.ctx.db, tenantId, groupAgent.id);
    tokens.assignedAgent = await createToken(t.ctx.db, tenantId, assignedAgent.id);
    tokens.customerA = await createToken(t.ctx.db, tenantId, customerA.id);
    tokens.customerB = await createToken(t.ctx.db, tenantId, customerB.id);
    tokens.otherOwner = await createToken(t.ctx.db, other.tenant.id, other.owner.id);
  });
  afterAll(() => t.close());

  it('refuses the upgrade without credentials (401) or with a bad token (401)', async () => {
    expect(await refusedWith(baseUrl)).toBe(401);
    expect(await refusedWith(baseUrl, bearer('sbt_not-a-real-token'))).toBe(401);
  });

  it('answers a plain HTTP request with 426 and a problem document', async () => {
    const response = await t.app.inject({ url: '/api/v1/stream', headers: bearer(tokens.owner) });
    expect(response.statusCode).toBe(426);
    expect(response.json()).toMatchObject({ code: 'UPGRADE_REQUIRED' });
  });

  it('delivers each notice to exactly the sockets that may see it, as {type, id, version}', async () => {
    const clients: Record<string, StreamClient> = {};
    for (const who of ['owner', 'groupAgent', 'assignedAgent', 'customerA', 'customerB', 'otherOwner']) {
      clients[who] = await openStream(baseUrl, bearer(tokens[who]));
    }
    const tenantId = acme.tenant.id;
    const notices: RealtimeNotice[] = [
      { tenantId, type: 'ticket.updated', id: '1', version: 2, audience: { requesterId: ids.customerA, groupId: ids.group, assigneeId: null } },
      { tenantId, type: 'ticket.updated', id: '2', version: 5, audience: { requesterId: ids.customerB, groupId: ids.otherGroup, assigneeId: ids.assignedAgent } },
      { tenantId, type: 'message.created', id: '1', audience: { requesterId: ids.customerA, groupId: ids.group, assigneeId: null, staffOnly: true } },
      { tenantId: other.tenant.id, type: 'ticket.updated', id: '3', version: 1, audience: { requesterId: other.owner.id } },
      { tenantId, type: 'settings.updated', id: 'statuses', audience: { staffOnly: true } },
    ];
    for (const notice of notices) await publish(notice);
    // One last notice per socket, heard by it: everything before it has been delivered (one connection, in order).
    const fence = (who: string, audience: RealtimeNotice['audience'], tenant = tenantId) =>
      publish({ tenantId: tenant, type: 'test.fence', id: who, audience });
    await fence('staff', {});
    await fence('customerA', { requesterId: ids.customerA });
    await fence('customerB', { requesterId: ids.customerB });
    await fence('otherOwner', {}, other.tenant.id);
    const seen = async (who: string, fenceId: string) => {
      await clients[who].next((m) => m.type === 'test.fence' && m.id === fenceId);
      return clients[who].messages.filter((m) => m.type !== 'stream.ready' && m.type !== 'test.fence');
    };

    expect(await seen('owner', 'staff')).toEqual([
      { type: 'ticket.updated', id: '1', version: 2 },
      { type: 'ticket.updated', id: '2', version: 5 },
      { type: 'message.created', id: '1' },
      { type: 'settings.updated', id: 'statuses' },
    ]);
    expect(await seen('groupAgent', 'staff')).toEqual([
      { type: 'ticket.updated', id: '1', version: 2 },
      { type: 'message.created', id: '1' },
      { type: 'settings.updated', id: 'statuses' },
    ]);
    expect(await seen('assignedAgent', 'staff')).toEqual([
      { type: 'ticket.updated', id: '2', version: 5 },
      { type: 'settings.updated', id: 'statuses' },
    ]);
    expect(await seen('customerA', 'customerA')).toEqual([{ type: 'ticket.updated', id: '1', version: 2 }]);
    expect(await seen('customerB', 'customerB')).toEqual([{ type: 'ticket.updated', id: '2', version: 5 }]);
    expect(await seen('otherOwner', 'otherOwner')).toEqual([{ type: 'ticket.updated', id: '3', version: 1 }]);
    for (const client of Object.values(clients)) await client.close();
  });

  it('delivers the notices a transaction held in one statement at its end, without those it dropped', async () => {
    const owner = await openStream(baseUrl, bearer(tokens.owner));
    const tenantId = acme.tenant.id;
    const notice = (id: string): RealtimeNotice => ({ tenantId, type: 'ticket.updated', id, version: 1, audience: { staffOnly: true } });
    await t.ctx.db.systemTx(async (trx) => {
      const held = holdNotices(trx);
      await publishNotice(trx, notice('held-1'));
      const mark = held.mark();
      await publishNotice(trx, notice('rolled-back'));
      held.dropSince(mark);
      await publishNotice(trx, notice('held-2'));
      await held.release();
    });
    await publish({ tenantId, type: 'test.fence', id: 'held', audience: {} });
    await owner.next((m) => m.type === 'test.fence' && m.id === 'held');
    expect(owner.messages.filter((m) => m.type === 'ticket.updated').map((m) => m.id)).toEqual(['held-1', 'held-2']);
    await owner.close();
  });

  it('accepts a session cookie from the same origin and refuses it from another origin (403)', async () => {
    const session = await login(t.app, acme.owner.email!, acme.password);
    expect(await refusedWith(baseUrl, { cookie: session.cookie, origin: 'https://evil.example' })).toBe(403);
    const client = await openStream(baseUrl, { cookie: session.cookie, origin: baseUrl });
    await publish({ tenantId: acme.tenant.id, type: 'ticket.created', id: '9', version: 1, audience: { requesterId: ids.customerA } });
    expect(await client.next((m) => m.type === 'ticket.created')).toEqual({ type: 'ticket.created', id: '9', version: 1 });
    await client.close();
  });

  it('tells sockets to resync after its listen connection came back, and keeps delivering', async () => {
    const client = await openStream(baseUrl, bearer(tokens.owner));
    const killed = await sql<{ killed: boolean }>`
      select pg_terminate_backend(pid) as killed from pg_stat_activity
      where application_name = 'switchboard-listen' and datname = current_database()`.execute(t.ctx.db.system);
    expect(killed.rows.length).toBeGreaterThan(0);
    await client.next((m) => m.type === 'stream.resync');
    await eventually(async () => {
      await publish({ tenantId: acme.tenant.id, type: 'ticket.updated', id: '77', version: 1, audience: {} });
      return client.messages.some((m) => m.id === '77');
    }, 20_000, 250);
    await client.close();
  });
});

describe('stream heartbeat', () => {
  let database: TestDatabase;
  let app: HttpServer;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createHttpServer({ logger: createLogger('silent'), trustProxy: false });
    await registerWebsocketSupport(app);
    // A stand-in for the identity hook: these tests are about the socket, not about sign-in.
    app.addHook('onRequest', async (request) => {
      request.actor = { tenantId: '1', userId: '1', role: 'agent', name: 'A', locale: null, groupIds: [], ticketAccess: 'all', kind: 'token' };
    });
    registerRealtime(app, { config: loadConfig({ NODE_ENV: 'test' }), logger: createLogger('silent'), databaseUrl: database.url }, { heartbeatMs: 100 });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('pings sockets and closes one that stops answering', async () => {
    const live = await openStream(baseUrl);
    let pings = 0;
    live.socket.on('ping', () => (pings += 1));
    const silent = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/stream`, { autoPong: false });
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
    await eventually(() => pings >= 3);
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
    await live.close();
  });
});
