import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createViewsModule } from '../../src/modules/views/index.ts';
import type { ReactionConsumer } from '../../src/platform/queue/job.ts';
import { publishNotice } from '../../src/platform/realtime/notices.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenant, createToken, createUser, type TestTenant } from '../helpers/factories.ts';
import { createTicket, updateTicket, type Json } from '../helpers/ticket-factories.ts';
import { openStream, type StreamClient } from '../platform/realtime-support.ts';

describe("live 'view.changed' notices", () => {
  let t: TestApp;
  let baseUrl: string;
  let acme: TestTenant;
  let consumer: ReactionConsumer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const views: Record<string, string> = {};
  const handled = new Set<string>();

  /** Runs the consumer on every ticket event committed so far (what the worker does after commit). */
  async function react(): Promise<string[]> {
    const rows = await sql<{ id: string; tenant_id: string; topic: string; payload: Record<string, unknown> }>`
      select id, tenant_id, topic, payload from outbox where topic = 'ticket.event' order by id`.execute(t.ctx.db.system);
    const outcomes: string[] = [];
    for (const row of rows.rows.filter((r) => !handled.has(r.id))) {
      handled.add(row.id);
      outcomes.push(await consumer.handle({ tenantId: row.tenant_id, topic: row.topic, payload: row.payload, key: `outbox:${row.id}` }));
    }
    return outcomes;
  }

  /** Everything a socket heard up to a marker published after the reaction (so nothing is still on its way). */
  async function heard(clients: Record<string, StreamClient>): Promise<Record<string, string[]>> {
    const marker = `m${Math.random().toString(36).slice(2)}`;
    await t.ctx.db.systemTx((trx) => publishNotice(trx, { tenantId: acme.tenant.id, type: 'test.marker', id: marker, audience: {} }));
    const result: Record<string, string[]> = {};
    for (const [who, client] of Object.entries(clients)) {
      if (who !== 'customer') await client.next((m) => m.id === marker);
      result[who] = client.messages.filter((m) => m.type === 'view.changed').map((m) => String(m.id)).sort();
      client.messages.length = 0;
    }
    return result;
  }

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    consumer = createViewsModule(t.ctx).consumers[0]!;
    acme = await createTenant(t.ctx.db);
    const tenantId = acme.tenant.id;
    ids.g1 = await createGroup(t.ctx.db, tenantId);
    ids.g2 = await createGroup(t.ctx.db, tenantId);
    const a = await createUser(t.ctx.db, tenantId, { groupIds: [ids.g1] });
    const b = await createUser(t.ctx.db, tenantId, { groupIds: [ids.g2] });
    const customer = await createUser(t.ctx.db, tenantId, { role: 'customer' });
    Object.assign(ids, { a: a.id, b: b.id, customer: customer.id });
    tokens.owner = await createToken(t.ctx.db, tenantId, acme.owner.id);
    tokens.a = await createToken(t.ctx.db, tenantId, a.id);
    tokens.b = await createToken(t.ctx.db, tenantId, b.id);
    tokens.customer = await createToken(t.ctx.db, tenantId, customer.id);
    const list = await t.app.inject({ url: '/api/v1/views', headers: bearer(tokens.a) });
    for (const view of list.json().data as Json[]) views[view.key] = view.id;
    const personal = await t.app.inject({
      method: 'POST', url: '/api/v1/views', headers: bearer(tokens.b),
      payload: { title: 'Urgent', conditions: { all: [{ field: 'priority', operator: 'is', value: 'urgent' }] } },
    });
    views.bUrgent = personal.json().id;
    await react();
  });
  afterAll(() => t.close());

  it('tells the agents who have a view when a ticket enters or leaves it, and no one else', async () => {
    const clients: Record<string, StreamClient> = {};
    for (const who of ['owner', 'a', 'b', 'customer']) clients[who] = await openStream(baseUrl, bearer(tokens[who]!));
    try {
      // New, unassigned, in g1: All open for every staff member; Unassigned in my groups for g1's member only.
      const ticket = await createTicket(t.app, tokens.owner!, { group_id: ids.g1 });
      expect(await react()).toContain('done');
      expect(await heard(clients)).toEqual({
        owner: [views.all_open],
        a: [views.all_open, views.unassigned_my_groups].sort(),
        b: [views.all_open],
        customer: [],
      });

      // Assigned to A and made urgent: A's queues move; B's personal view gains it; nobody else hears B's view.
      const assigned = await updateTicket(t.app, tokens.owner!, ticket, { assignee_id: ids.a, priority: 'urgent', status: 'open' });
      await react();
      expect(await heard(clients)).toEqual({
        owner: [],
        a: [views.my_open, views.unassigned_my_groups].sort(),
        b: [views.bUrgent],
        customer: [],
      });

      // A change no view tests (the subject) and a reply tell nobody.
      await updateTicket(t.app, tokens.owner!, assigned, { subject: 'Renamed' });
      await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(tokens.a!), payload: { body: 'on it', public: false } });
      expect(await react()).toEqual(['skipped', 'skipped']);
      expect(await heard(clients)).toEqual({ owner: [], a: [], b: [], customer: [] });
    } finally {
      for (const client of Object.values(clients)) await client.close();
    }
  });

  it('tells each event once, however often the job runs', async () => {
    const ticket = await createTicket(t.app, tokens.owner!, { group_id: ids.g2 });
    const rows = await sql<{ id: string; payload: Record<string, unknown> }>`select id, payload from outbox
      where topic = 'ticket.event' and payload->>'ticket_id' = ${ticket.id} and payload->>'type' = 'ticket.created'`.execute(t.ctx.db.system);
    const event = { tenantId: acme.tenant.id, topic: 'ticket.event', payload: rows.rows[0]!.payload, key: `outbox:${rows.rows[0]!.id}` };
    expect(await consumer.handle(event)).toBe('done');
    expect(await consumer.handle(event)).toBe('skipped');
    await react();
  });
});
