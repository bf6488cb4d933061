import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/platform/auth-context/actor.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createOrganization, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';
import { createTicket, updateTicket, type Json } from '../helpers/ticket-factories.ts';

type World = Awaited<ReturnType<typeof createTenantWithRoles>>;

describe('customer 360 page API', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  const as = (role: Role) => bearer(w.tokens[role]);
  const customer = (name = 'Chen Jing') => createUser(t.ctx.db, w.tenant.id, { role: 'customer', name, password: null });

  it('shows the profile, identities, ticket counts by status category and the newest tickets across channels', async () => {
    const org = await createOrganization(t.ctx.db, w.tenant.id, { name: 'Acme Shanghai' });
    const person = await customer();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${person.id}`, headers: as('agent'), payload: { organization_id: org, vip_level: 2, tags: ['wholesale'] } });
    const open = await createTicket(t.app, w.tokens.agent, { requester_id: person.id, status: 'open', via: 'phone' });
    const solved = await createTicket(t.app, w.tokens.agent, { requester_id: person.id, via: 'email' });
    await updateTicket(t.app, w.tokens.agent, solved, { status: 'solved' });
    await createTicket(t.app, w.tokens.agent, { requester_id: person.id });

    const response = await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('light_agent') });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      id: person.id,
      name: 'Chen Jing',
      organization: { id: org, name: 'Acme Shanghai' },
      vip_level: 2,
      tags: ['wholesale'],
      notes: '',
      merged_into_id: null,
      can_manage: false,
      ticket_counts: { new: 1, open: 1, pending: 0, on_hold: 0, solved: 1, closed: 0, total: 3 },
    });
    expect(body.identities).toHaveLength(1);
    expect(body.tickets.data[0]).toMatchObject({ status: 'new', status_name: expect.any(String) });
    expect(body.tickets.data.map((ticket: Json) => ticket.via)).toEqual(['api', 'email', 'phone']);
    expect(body.tickets.data.map((ticket: Json) => ticket.id).at(-1)).toBe(open.id);
    expect((await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: as('agent') })).json().can_manage).toBe(true);
  });

  it('pages the tickets newest first with a cursor, and refuses a forged cursor', async () => {
    const person = await customer();
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1) made.push((await createTicket(t.app, w.tokens.agent, { requester_id: person.id })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers/${person.id}/tickets?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.app.inject({ url, headers: as('agent') })).json();
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((ticket: Json) => ticket.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const forged = await t.app.inject({ url: `/api/v1/customers/${person.id}/tickets?cursor=bm9wZQ`, headers: as('agent') });
    expect(forged.json()).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('shows a group-restricted agent only the tickets they may see, in the list and in the counts', async () => {
    const group = await createGroup(t.ctx.db, w.tenant.id);
    const restricted = await createUser(t.ctx.db, w.tenant.id, { role: 'agent', ticketAccess: 'groups', groupIds: [group] });
    const token = await createToken(t.ctx.db, w.tenant.id, restricted.id);
    const person = await customer();
    const visible = await createTicket(t.app, w.tokens.agent, { requester_id: person.id, group_id: group });
    await createTicket(t.app, w.tokens.agent, { requester_id: person.id });
    const body = (await t.app.inject({ url: `/api/v1/customers/${person.id}`, headers: bearer(token) })).json();
    expect(body.ticket_counts.total).toBe(1);
    expect(body.tickets.data.map((ticket: Json) => ticket.id)).toEqual([visible.id]);
  });

  it('edits name, organization, VIP, tags and notes, audited; bad input is a 400 with a code', async () => {
    const person = await customer();
    const org = await createOrganization(t.ctx.db, w.tenant.id);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${person.id}`,
      headers: as('agent'),
      payload: { name: '陈静', organization_id: org, vip_level: 4, tags: ['a', 'b', 'a'], notes: '只在工作日联系。' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: '陈静', organization_id: org, vip_level: 4, tags: ['a', 'b'], notes: '只在工作日联系。' });
    const audit = await t.ctx.db.system.selectFrom('audit_log').selectAll().where('action', '=', 'customer.updated').where('target_id', '=', person.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toMatchObject({ vip_level: { from: 0, to: 4 }, notes: { from: '', to: '只在工作日联系。' } });
    const history = (await t.app.inject({ url: `/api/v1/customers/${person.id}/history`, headers: as('agent') })).json().data;
    expect(history[0]).toMatchObject({ type: 'profile_updated', changes: { name: { from: 'Chen Jing', to: '陈静' } } });

    for (const [payload, code] of [
      [{ vip_level: 11 }, 'VALIDATION_FAILED'],
      [{ organization_id: '999999999' }, 'ORGANIZATION_NOT_FOUND'],
      [{ name: '' }, 'VALIDATION_FAILED'],
      [{ email: 'x@example.com' }, 'VALIDATION_FAILED'],
    ] as const) {
      const bad = await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${person.id}`, headers: as('agent'), payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().code).toBe(code);
    }
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${person.id}`, headers: as('light_agent'), payload: { notes: 'x' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/customers/${w.users.admin.id}`, headers: as('agent'), payload: { notes: 'x' } })).statusCode).toBe(403);
  });

  it('401 without credentials, 404 for an unknown customer', async () => {
    expect((await t.app.inject({ url: `/api/v1/customers/${w.users.customer.id}` })).statusCode).toBe(401);
    const missing = await t.app.inject({ url: '/api/v1/customers/999999999', headers: as('agent') });
    expect(missing.json()).toMatchObject({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
  });
});
