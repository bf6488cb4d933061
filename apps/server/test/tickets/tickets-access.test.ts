import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';
import { createTicket, postMessage, type Json } from '../helpers/ticket-factories.ts';

describe('who sees and changes which ticket', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let own: Json;
  let others: Json;
  const get = (token: string, path: string) => t.app.inject({ url: `/api/v1${path}`, headers: bearer(token) });

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
    own = await createTicket(t.app, env.tokens.agent, { requester: undefined, requester_id: env.users.customer.id });
    others = await createTicket(t.app, env.tokens.agent);
  });
  afterAll(() => t.close());

  it('a customer sees their own tickets; another customer’s ticket is a 404', async () => {
    expect((await get(env.tokens.customer, `/tickets/${own.id}`)).statusCode).toBe(200);
    for (const path of [`/tickets/${others.id}`, `/tickets/${others.id}/messages`]) {
      const response = await get(env.tokens.customer, path);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('TICKET_NOT_FOUND');
    }
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${others.id}/messages`, headers: bearer(env.tokens.customer), payload: { body: 'hi' } });
    expect(reply.statusCode).toBe(404);
  });

  it('a customer CC’d on a ticket sees it', async () => {
    const cc = await createUser(t.ctx.db, env.tenant.id, { role: 'customer' });
    const ccToken = await createToken(t.ctx.db, env.tenant.id, cc.id);
    const ticket = await createTicket(t.app, env.tokens.agent, { cc_ids: [cc.id] });
    expect((await get(ccToken, `/tickets/${ticket.id}`)).statusCode).toBe(200);
  });

  it('internal notes never reach the customer; history is staff only', async () => {
    await postMessage(t.app, env.tokens.agent, own.id, { body: 'Customer seems angry, refund approved', public: false });
    await postMessage(t.app, env.tokens.agent, own.id, { body: 'We have refunded you.', public: true });
    const asCustomer = (await get(env.tokens.customer, `/tickets/${own.id}/messages`)).json().data;
    expect(asCustomer.map((message: Json) => message.body)).toEqual([expect.stringContaining('Where is my parcel'), 'We have refunded you.']);
    const asAgent = (await get(env.tokens.agent, `/tickets/${own.id}/messages`)).json().data;
    expect(asAgent).toHaveLength(3);
    expect((await get(env.tokens.customer, `/tickets/${own.id}/events`)).statusCode).toBe(403);
    expect((await get(env.tokens.light_agent, `/tickets/${own.id}/events`)).statusCode).toBe(200);
  });

  it('a customer cannot write internal notes or change tickets', async () => {
    const note = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${own.id}/messages`, headers: bearer(env.tokens.customer), payload: { body: 'x', public: false } });
    expect(note.statusCode).toBe(403);
    const change = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${own.id}`, headers: { ...bearer(env.tokens.customer), 'if-match': '1' }, payload: { priority: 'urgent' } });
    expect(change.statusCode).toBe(403);
  });

  it('a light agent reads and adds internal notes, but cannot change or reply publicly', async () => {
    const token = env.tokens.light_agent;
    expect((await get(token, `/tickets/${others.id}`)).statusCode).toBe(200);
    const change = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${others.id}`, headers: { ...bearer(token), 'if-match': '1' }, payload: { priority: 'urgent' } });
    expect(change.statusCode).toBe(403);
    const reply = await t.app.inject({ method: 'POST', url: `/api/v1/tickets/${others.id}/messages`, headers: bearer(token), payload: { body: 'hello', public: true } });
    expect(reply.statusCode).toBe(403);
    const note = await postMessage(t.app, token, others.id, { body: 'Checked the warehouse: parcel lost', public: false });
    expect(note).toMatchObject({ public: false, author_id: env.users.light_agent.id });
  });

  it('group-scoped agents see their groups’ tickets, those assigned to them, and those they follow', async () => {
    const group = await createGroup(t.ctx.db, env.tenant.id);
    const scoped = await createUser(t.ctx.db, env.tenant.id, { role: 'agent', ticketAccess: 'groups', groupIds: [group] });
    const assignedOnly = await createUser(t.ctx.db, env.tenant.id, { role: 'agent', ticketAccess: 'assigned' });
    const scopedToken = await createToken(t.ctx.db, env.tenant.id, scoped.id);
    const assignedToken = await createToken(t.ctx.db, env.tenant.id, assignedOnly.id);
    const inGroup = await createTicket(t.app, env.tokens.admin, { group_id: group });
    const assigned = await createTicket(t.app, env.tokens.admin, { assignee_id: assignedOnly.id });
    const followed = await createTicket(t.app, env.tokens.admin, { follower_ids: [assignedOnly.id] });

    expect((await get(scopedToken, `/tickets/${inGroup.id}`)).statusCode).toBe(200);
    expect((await get(scopedToken, `/tickets/${assigned.id}`)).statusCode).toBe(404);
    expect((await get(assignedToken, `/tickets/${assigned.id}`)).statusCode).toBe(200);
    expect((await get(assignedToken, `/tickets/${followed.id}`)).statusCode).toBe(200);
    expect((await get(assignedToken, `/tickets/${inGroup.id}`)).statusCode).toBe(404);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${inGroup.id}`, headers: { ...bearer(assignedToken), 'if-match': '1' }, payload: { priority: 'low' } });
    expect(patch.statusCode).toBe(404);
  });

  it('another tenant sees nothing', async () => {
    const stranger = await createTenantWithRoles(t.ctx.db);
    for (const path of [`/tickets/${own.id}`, `/tickets/${own.id}/messages`, `/tickets/${own.id}/events`]) {
      expect((await get(stranger.tokens.owner, path)).statusCode).toBe(404);
    }
    expect((await get(stranger.tokens.owner, '/tickets')).json().data).toEqual([]);
  });

  it('customers do not see followers', async () => {
    const response = (await get(env.tokens.customer, `/tickets/${own.id}`)).json();
    expect(response).not.toHaveProperty('follower_ids');
    expect((await get(env.tokens.agent, `/tickets/${own.id}`)).json()).toHaveProperty('follower_ids');
  });
});
