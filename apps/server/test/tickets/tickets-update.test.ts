import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { createCustomField, createTicket, ticketEvents, updateTicket, type Json } from '../helpers/ticket-factories.ts';

describe('PATCH /api/v1/tickets/:id', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const patch = (id: string, payload: unknown, headers: Record<string, string> = {}, token = env.tokens.agent) =>
    t.app.inject({ method: 'PATCH', url: `/api/v1/tickets/${id}`, headers: { ...bearer(token), ...headers }, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('requires If-Match (428), refuses a stale version (412), bumps the version and the ETag', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent);
    const missing = await patch(ticket.id, { priority: 'high' });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('TICKET_VERSION_REQUIRED');
    expect((await patch(ticket.id, { priority: 'high' }, { 'if-match': 'soon' })).json().code).toBe('TICKET_VERSION_INVALID');

    const ok = await patch(ticket.id, { priority: 'high' }, { 'if-match': '"1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ priority: 'high', version: 2 });
    expect(ok.headers.etag).toBe('"2"');

    const stale = await patch(ticket.id, { priority: 'low' }, { 'if-match': '1' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'TICKET_STALE_VERSION', current_version: 2 });

    const weak = await patch(ticket.id, { priority: 'low' }, { 'if-match': 'W/"2"' });
    expect(weak.json().version).toBe(3);
  });

  it('does not bump the version or write an event when nothing changes', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { priority: 'high' });
    const same = await updateTicket(t.app, env.tokens.agent, ticket, { priority: 'high', tags: [] });
    expect(same.version).toBe(1);
    expect((await ticketEvents(t.app, env.tokens.agent, ticket.id)).filter((e) => e.type === 'ticket.updated')).toHaveLength(0);
  });

  it('records every change as {field: [before, after]} in one ticket.updated event', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { tags: ['a'] });
    const updated = await updateTicket(t.app, env.tokens.agent, ticket, {
      status: 'pending',
      assignee_id: env.users.agent.id,
      add_tags: ['B'],
      remove_tags: ['a'],
      follower_ids: [env.users.supervisor.id],
      cc_ids: [env.users.customer.id],
      subject: 'New subject',
    });
    expect(updated).toMatchObject({ status: 'pending', status_name: 'Pending', tags: ['b'], subject: 'New subject' });
    const events = await ticketEvents(t.app, env.tokens.agent, ticket.id);
    const change = events.find((event) => event.type === 'ticket.updated')!;
    expect(change).toMatchObject({ actor_type: 'token', actor_id: env.users.agent.id, via: 'api' });
    expect(change.changes).toEqual({
      status_category: ['new', 'pending'],
      status_id: [ticket.status_id, updated.status_id],
      assignee_id: [null, env.users.agent.id],
      tags: [['a'], ['b']],
      follower_ids: [[], [env.users.supervisor.id]],
      cc_ids: [[], [env.users.customer.id]],
      subject: [ticket.subject, 'New subject'],
    });
  });

  it('stamps solved_at on solve, clears it on reopen, and closes only a solved ticket', async () => {
    let ticket: Json = await createTicket(t.app, env.tokens.agent);
    const early = await patch(ticket.id, { status: 'closed' }, { 'if-match': '1' });
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('TICKET_STATUS_TRANSITION_INVALID');

    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'solved' });
    expect(ticket.solved_at).not.toBeNull();
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'open' });
    expect(ticket.solved_at).toBeNull();
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'solved' });
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'closed' });
    expect(ticket.closed_at).not.toBeNull();
    expect(ticket.solved_at).not.toBeNull();
  });

  it('refuses any change to a closed ticket with 409 TICKET_CLOSED', async () => {
    let ticket: Json = await createTicket(t.app, env.tokens.agent);
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'solved' });
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'closed' });
    for (const body of [{ status: 'open' }, { priority: 'low' }, { tags: ['late'] }]) {
      const response = await patch(ticket.id, body, { 'if-match': String(ticket.version) });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('TICKET_CLOSED');
    }
  });

  it('uses a custom status, and refuses an inactive or mismatched one', async () => {
    const created = await t.app.inject({
      method: 'POST', url: '/api/v1/ticket-statuses', headers: bearer(env.tokens.admin),
      payload: { category: 'open', name: 'In progress', name_zh: '进行中' },
    });
    expect(created.statusCode).toBe(201);
    const status = created.json();
    const ticket = await createTicket(t.app, env.tokens.agent);
    const updated = await updateTicket(t.app, env.tokens.agent, ticket, { status_id: status.id });
    expect(updated).toMatchObject({ status: 'open', status_id: status.id, status_name: 'In progress' });
    const mismatch = await patch(ticket.id, { status_id: status.id, status: 'pending' }, { 'if-match': '2' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().errors[0].path).toBe('body.status');
  });

  describe('custom fields', () => {
    const fieldValues: Array<[string, Json, unknown, unknown]> = [
      // type, definition, a good value, a bad value
      ['text', { type: 'text' }, 'A-100', 100],
      ['number', { type: 'number' }, 12.5, 'twelve'],
      ['date', { type: 'date' }, '2026-02-28', '2026-02-30'],
      ['dropdown', { type: 'dropdown', options: [{ value: 'sf' }, { value: 'ems' }] }, 'sf', 'dhl'],
      ['multi_select', { type: 'multi_select', options: [{ value: 'a' }, { value: 'b' }] }, ['b', 'a'], ['a', 'z']],
      ['checkbox', { type: 'checkbox' }, true, 'yes'],
      ['regex', { type: 'regex', pattern: 'SF\\d{6}' }, 'SF123456', 'SF12'],
    ];
    it.each(fieldValues)('%s: accepts a good value and refuses a bad one with its path', async (type, definition, good, bad) => {
      const key = `f_${type}`;
      await createCustomField(t.app, env.tokens.admin, { key, ...definition });
      const ticket = await createTicket(t.app, env.tokens.agent, { custom_fields: { [key]: good } });
      expect(ticket.custom_fields[key]).toEqual(type === 'multi_select' ? ['a', 'b'] : good);
      const response = await patch(ticket.id, { custom_fields: { [key]: bad } }, { 'if-match': '1' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: `body.custom_fields.${key}` }] });
      const cleared = await updateTicket(t.app, env.tokens.agent, ticket, { custom_fields: { [key]: null } });
      expect(cleared.custom_fields).not.toHaveProperty(key);
      const events = await ticketEvents(t.app, env.tokens.agent, ticket.id);
      expect(events.at(-1)!.changes[`custom_fields.${key}`]).toEqual([type === 'multi_select' ? ['a', 'b'] : good, null]);
    });

    it('refuses unknown fields and accepts [{id, value}]', async () => {
      const field = await createCustomField(t.app, env.tokens.admin, { key: 'order_ref', type: 'text' });
      const ticket = await createTicket(t.app, env.tokens.agent, { custom_fields: [{ id: Number(field.id), value: 'R-1' }] });
      expect(ticket.custom_fields.order_ref).toBe('R-1');
      const unknown = await patch(ticket.id, { custom_fields: { nope: 1 } }, { 'if-match': '1' });
      expect(unknown.json().errors[0].path).toBe('body.custom_fields.nope');
    });

    it('requires required-on-solve fields before solving', async () => {
      await createCustomField(t.app, env.tokens.admin, { key: 'resolution', type: 'dropdown', options: [{ value: 'fixed' }], required_on_solve: true });
      const ticket = await createTicket(t.app, env.tokens.agent);
      const refused = await patch(ticket.id, { status: 'solved' }, { 'if-match': '1' });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TICKET_FIELDS_REQUIRED', errors: [{ path: 'body.custom_fields.resolution' }] });
      const solved = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'solved', custom_fields: { resolution: 'fixed' } });
      expect(solved.status).toBe('solved');
    });

    it('requires "required" fields when a customer opens a ticket, not when staff do', async () => {
      await createCustomField(t.app, env.tokens.admin, { key: 'order_number', type: 'text', required: true });
      const send = (token: string, payload: Json) => t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: bearer(token), payload });
      const refused = await send(env.tokens.customer, { subject: 'Help', comment: { body: 'x' } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'TICKET_FIELDS_REQUIRED', errors: [{ path: 'body.custom_fields.order_number' }] });
      expect((await send(env.tokens.customer, { subject: 'Help', comment: { body: 'x' }, custom_fields: { order_number: 'A-1' } })).statusCode).toBe(201);
      expect((await send(env.tokens.agent, { subject: 'Help', comment: { body: 'x' } })).statusCode).toBe(201);
    });
  });

  it('answers 400, never 500, to bad bodies', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent);
    for (const body of [{ unknown_field: 1 }, { assignee_id: 'me' }, { tags: [1] }, { subject: '' }, { status: 'nope' }]) {
      const response = await patch(ticket.id, body, { 'if-match': '1' });
      expect(response.statusCode).toBe(400);
    }
    const malformed = await t.app.inject({
      method: 'PATCH', url: `/api/v1/tickets/${ticket.id}`,
      headers: { ...bearer(env.tokens.agent), 'if-match': '1', 'content-type': 'application/json' }, payload: '{"priority":',
    });
    expect(malformed.statusCode).toBe(400);
  });
});
