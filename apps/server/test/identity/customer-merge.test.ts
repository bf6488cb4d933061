import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { findOrCreateCustomerByEmail } from '../../src/modules/identity/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createOrganization, createTenantWithRoles, createUser } from '../helpers/factories.ts';
import { createTicket, getTicket, ticketEvents, type Json } from '../helpers/ticket-factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;

describe('customer merge', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  let seq = 0;
  const customer = (options: { name?: string; email?: string | null; organizationId?: string } = {}) =>
    createUser(t.ctx.db, w.tenant.id, {
      role: 'customer',
      name: options.name ?? `Customer ${++seq}`,
      email: options.email === undefined ? `merge-${seq}-${Math.random().toString(16).slice(2)}@example.com` : options.email,
      organizationId: options.organizationId,
      password: null,
    });
  const merge = (targetId: string, sourceId: string | number, role: Role = 'agent') =>
    t.app.inject({ method: 'POST', url: `/api/v1/customers/${targetId}/merge`, headers: as(role), payload: { source_id: sourceId } });
  const patch = (id: string, body: Json) => t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${id}`, headers: as('agent'), payload: body });
  const profile = async (id: string) => (await t.app.inject({ url: `/api/v1/customers/${id}`, headers: as('admin') })).json();

  it('moves every ticket, identity and tag of the source into the target, in one transaction, with events, audit and history', async () => {
    const orgA = await createOrganization(t.ctx.db, w.tenant.id, { name: `Org A ${Date.now()}` });
    const target = await customer({ name: 'Zhang Wei', email: 'zhang.wei@corp.example', organizationId: orgA });
    const source = await customer({ name: 'Wei Zhang', email: 'weizhang@gmail.example' });
    await patch(target.id, { tags: ['vip', 'beijing'], vip_level: 1, notes: 'Prefers email.' });
    await patch(source.id, { tags: ['beijing', 'returns'], vip_level: 3, notes: 'Called about a refund.' });
    await t.app.inject({ method: 'POST', url: `/api/v1/customers/${source.id}/identities`, headers: as('agent'), payload: { kind: 'phone', value: '+86 139 1111 2222' } });

    const requested = [
      await createTicket(t.app, w.tokens.agent, { requester_id: source.id, subject: 'Refund please' }),
      await createTicket(t.app, w.tokens.agent, { requester_id: source.id, subject: 'Second' }),
    ];
    // The source is CC on a ticket of the target (the target must not become their own CC), and
    // CC on someone else's ticket where the target is CC already (no duplicate).
    const targetsOwn = await createTicket(t.app, w.tokens.agent, { requester_id: target.id, cc_ids: [source.id] });
    const third = await customer();
    const shared = await createTicket(t.app, w.tokens.agent, { requester_id: third.id, cc_ids: [source.id, target.id] });
    const untouched = await createTicket(t.app, w.tokens.agent, { requester_id: third.id });

    const response = await merge(target.id, source.id);
    expect(response.statusCode, response.body).toBe(200);
    const { merge: record, customer: merged } = response.json();
    expect(record).toMatchObject({
      source_id: source.id,
      source_name: 'Wei Zhang',
      target_id: target.id,
      target_name: 'Zhang Wei',
      merged_by: w.users.agent.id,
    });
    expect([...record.moved_ticket_ids].sort()).toEqual(requested.map((ticket) => ticket.id).sort());
    expect(merged).toMatchObject({
      email: 'zhang.wei@corp.example',
      phone: '+86 139 1111 2222',
      tags: ['vip', 'beijing', 'returns'],
      vip_level: 3,
      organization_id: orgA,
      notes: 'Prefers email.\n\nCalled about a refund.',
    });
    expect(merged.identities.map((identity: Json) => [identity.value, identity.is_primary])).toEqual([
      ['zhang.wei@corp.example', true],
      ['weizhang@gmail.example', false],
      ['+86 139 1111 2222', true],
    ]);

    for (const ticket of requested) {
      const moved = await getTicket(t.app, w.tokens.admin, ticket.id);
      expect(moved).toMatchObject({ requester_id: target.id, organization_id: orgA, version: ticket.version + 1 });
      const events = await ticketEvents(t.app, w.tokens.admin, ticket.id);
      const event = events.find((e: Json) => e.data?.reason === 'customer_merge');
      expect(event).toMatchObject({
        type: 'ticket.updated',
        actor_id: w.users.agent.id,
        changes: { requester_id: [source.id, target.id] },
        data: { merge_id: record.id, source_id: source.id, target_id: target.id },
      });
    }
    expect((await getTicket(t.app, w.tokens.admin, targetsOwn.id)).cc_ids).toEqual([]);
    expect((await getTicket(t.app, w.tokens.admin, shared.id)).cc_ids).toEqual([target.id]);
    const sharedEvent = (await ticketEvents(t.app, w.tokens.admin, shared.id)).find((e: Json) => e.data?.reason === 'customer_merge');
    expect(sharedEvent?.changes.cc_ids[1]).toEqual([target.id]);
    expect((await ticketEvents(t.app, w.tokens.admin, untouched.id)).some((e: Json) => e.data?.reason === 'customer_merge')).toBe(false);

    const retired = await profile(source.id);
    expect(retired).toMatchObject({ active: false, merged_into_id: target.id, email: null, phone: null, identities: [] });

    const view = await profile(target.id);
    expect(view.ticket_counts.total).toBe(3);
    expect(view.tickets.data.map((ticket: Json) => ticket.id)).toEqual(expect.arrayContaining(requested.map((ticket) => ticket.id)));

    const audit = await t.ctx.db.system.selectFrom('audit_log').selectAll().where('action', '=', 'customer.merged').where('target_id', '=', target.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ source_id: source.id, moved_tickets: 2 });

    const historyIn = (await t.app.inject({ url: `/api/v1/customers/${target.id}/history`, headers: as('light_agent') })).json().data;
    expect(historyIn[0]).toMatchObject({ type: 'merged_in', actor_name: w.users.agent.name, merge: { id: record.id, source_name: 'Wei Zhang' } });
    const historyOut = (await t.app.inject({ url: `/api/v1/customers/${source.id}/history`, headers: as('agent') })).json().data;
    expect(historyOut.find((entry: Json) => entry.type === 'merged_out')).toMatchObject({ merge: { target_id: target.id } });
    expect(historyOut.find((entry: Json) => entry.type === 'identity_added')).toMatchObject({ identity: { kind: 'phone', value: '+86 139 1111 2222' } });

    // Mail from the source's address now finds the target.
    const tenantId = w.tenant.id;
    const found = await t.ctx.db.tenantTx(tenantId, (trx) => findOrCreateCustomerByEmail(trx, tenantId, { email: 'WeiZhang@gmail.example' }));
    expect(found.id).toBe(target.id);
  });

  it('takes the source primary email when the target has none, and the source organization when the target has none', async () => {
    const org = await createOrganization(t.ctx.db, w.tenant.id, { name: `Org B ${Date.now()}` });
    const target = await customer({ email: null });
    await t.app.inject({ method: 'POST', url: `/api/v1/customers/${target.id}/identities`, headers: as('agent'), payload: { kind: 'phone', value: '+1 415 555 0101' } });
    const source = await customer({ email: 'only-source@example.com', organizationId: org });
    const ticket = await createTicket(t.app, w.tokens.agent, { requester_id: source.id });
    const merged = (await merge(target.id, source.id)).json().customer;
    expect(merged).toMatchObject({ email: 'only-source@example.com', organization_id: org });
    const row = await t.ctx.db.system.selectFrom('users').select('email').where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(row.email).toBe('only-source@example.com');
    expect(await getTicket(t.app, w.tokens.admin, ticket.id)).toMatchObject({ requester_id: target.id, organization_id: org });
  });

  it('refuses self-merge, staff, already merged sources and merged targets with 409 codes', async () => {
    const a = await customer();
    const b = await customer();
    const c = await customer();
    expect((await merge(a.id, a.id)).json()).toMatchObject({ status: 409, code: 'MERGE_SAME_CUSTOMER' });
    expect((await merge(a.id, w.users.agent.id)).json()).toMatchObject({ status: 409, code: 'MERGE_STAFF_USER' });
    expect((await merge(w.users.light_agent.id, a.id, 'admin')).json()).toMatchObject({ status: 409, code: 'MERGE_STAFF_USER' });
    expect((await merge(a.id, b.id)).statusCode).toBe(200);
    expect((await merge(c.id, b.id)).json()).toMatchObject({ status: 409, code: 'MERGE_SOURCE_ALREADY_MERGED' });
    expect((await merge(b.id, c.id)).json()).toMatchObject({ status: 409, code: 'CUSTOMER_MERGED' });
    expect((await patch(b.id, { notes: 'x' })).json()).toMatchObject({ status: 409, code: 'CUSTOMER_MERGED' });
    const missing = await merge(a.id, '999999999');
    expect(missing.json()).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
    const bad = await merge(a.id, 'abc');
    expect(bad.json()).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('a chain of merges resolves in one hop', async () => {
    const a = await customer();
    const b = await customer();
    const c = await customer();
    await merge(b.id, a.id);
    await merge(c.id, b.id);
    expect((await profile(a.id)).merged_into_id).toBe(c.id);
  });

  it('two concurrent merges of the same source: exactly one wins', async () => {
    const source = await customer();
    const one = await customer();
    const two = await customer();
    await createTicket(t.app, w.tokens.agent, { requester_id: source.id });
    const results = await Promise.all([merge(one.id, source.id), merge(two.id, source.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const moves = await t.ctx.db.system.selectFrom('customer_merges').select('target_id').where('source_id', '=', source.id).execute();
    expect(moves).toHaveLength(1);
  });

  it('role checks: agents, supervisors and admins merge; light agents and customers may not', async () => {
    for (const role of ['light_agent', 'customer'] as const) {
      const response = await merge((await customer()).id, (await customer()).id, role);
      expect(response.statusCode).toBe(403);
    }
    for (const role of ['supervisor', 'admin', 'owner'] as const) {
      expect((await merge((await customer()).id, (await customer()).id, role)).statusCode).toBe(200);
    }
  });

  it('tenant isolation: another tenant can neither merge, read nor be merged into', async () => {
    const other = await createTenantWithRoles(t.ctx.db);
    const mine = await customer();
    const theirs = await createUser(t.ctx.db, other.tenant.id, { role: 'customer', password: null });
    const across = await merge(mine.id, theirs.id, 'owner');
    expect(across.json()).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
    const fromThem = await t.app.inject({ method: 'POST', url: `/api/v1/customers/${theirs.id}/merge`, headers: bearer(other.tokens.owner), payload: { source_id: mine.id } });
    expect(fromThem.json()).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
    for (const url of [`/api/v1/customers/${mine.id}`, `/api/v1/customers/${mine.id}/tickets`, `/api/v1/customers/${mine.id}/history`]) {
      expect((await t.app.inject({ url, headers: bearer(other.tokens.owner) })).statusCode).toBe(404);
    }
    expect((await profile(mine.id)).active).toBe(true);
  });
});
