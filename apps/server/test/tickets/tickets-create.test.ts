import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenantWithRoles, createToken, createUser, login } from '../helpers/factories.ts';
import { createTicket, getTicket, ticketEvents } from '../helpers/ticket-factories.ts';

describe('POST /api/v1/tickets', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const post = (token: string | null, payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...(token ? bearer(token) : {}), ...headers }, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('creates a ticket with a new requester, then finds the known requester by email', async () => {
    const first = await createTicket(t.app, env.tokens.agent, { requester: { email: 'wang.fang@example.com', name: '王芳' } });
    expect(first).toMatchObject({ status: 'new', status_name: 'New', priority: 'normal', version: 1, via: 'api', submitter_id: env.users.agent.id });
    const second = await createTicket(t.app, env.tokens.agent, { requester: { email: 'WANG.FANG@example.com' } });
    expect(second.requester_id).toBe(first.requester_id);
    expect(Number(second.number)).toBe(Number(first.number) + 1);

    const events = await ticketEvents(t.app, env.tokens.agent, first.id);
    expect(events.map((event) => event.type)).toEqual(['ticket.created', 'message.created']);
    expect(events[0]).toMatchObject({ actor_type: 'token', actor_id: env.users.agent.id, via: 'api' });
    expect(events[0].changes).toMatchObject({ subject: [null, first.subject], status_category: [null, 'new'], requester_id: [null, first.requester_id] });
    expect(events[1].data).toMatchObject({ public: true });
    expect(JSON.stringify(events[1])).not.toContain('Where is my parcel');
    // Their reactions leave in the same order (dispatch follows outbox ids), each with its event.
    const { rows: reactions } = await sql<{ type: string; event_id: string }>`select payload->>'type' as type, payload->>'event_id' as event_id
      from outbox where payload->>'ticket_id' = ${first.id} order by id`.execute(t.ctx.db.system);
    expect(reactions).toEqual(events.map((event) => ({ type: event.type, event_id: event.id })));
  });

  it('numbers tickets per tenant, each tenant from 1', async () => {
    const other = await createTenantWithRoles(t.ctx.db);
    const a = await createTicket(t.app, other.tokens.admin);
    const b = await createTicket(t.app, other.tokens.admin);
    expect([a.number, b.number]).toEqual(['1', '2']);
  });

  it('takes requester_id, the requester’s organization, and defaults the requester to the caller', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { requester: undefined, requester_id: env.users.customer.id });
    expect(ticket.requester_id).toBe(env.users.customer.id);
    const own = await createTicket(t.app, env.tokens.agent, { requester: undefined });
    expect(own.requester_id).toBe(env.users.agent.id);
    const missing = await post(env.tokens.agent, { subject: 's', comment: { body: 'b' }, requester_id: '999999' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: 'body.requester_id' })]);
  });

  it('accepts Zendesk’s {"ticket": {...}} envelope and numeric ids', async () => {
    const response = await post(env.tokens.agent, {
      ticket: { subject: 'Envelope', comment: { body: 'hi' }, requester_id: Number(env.users.customer.id), priority: 'urgent', type: 'incident' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ subject: 'Envelope', priority: 'urgent', type: 'incident', requester_id: env.users.customer.id });
    expect(response.headers.etag).toBe('"1"');
  });

  it('refuses a second ticket with the same external_id with 409 and the existing id', async () => {
    const first = await createTicket(t.app, env.tokens.admin, { external_id: 'shop-order-77' });
    const again = await post(env.tokens.admin, { subject: 'dup', comment: { body: 'x' }, external_id: 'shop-order-77' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'TICKET_EXTERNAL_ID_EXISTS', ticket_id: first.id });
  });

  it('assigns, groups, tags, CCs and followers, checking every reference', async () => {
    const agent = await createUser(t.ctx.db, env.tenant.id, { role: 'agent' });
    const group = await createGroup(t.ctx.db, env.tenant.id, { memberIds: [agent.id] });
    const ticket = await createTicket(t.app, env.tokens.admin, {
      assignee_id: agent.id,
      group_id: group,
      tags: ['VIP', ' Late Delivery ', 'vip'],
      cc_emails: ['boss@example.com'],
      follower_ids: [env.users.supervisor.id],
    });
    // An assigned new ticket starts open (Zendesk's rule).
    expect(ticket).toMatchObject({ status: 'open', assignee_id: agent.id, group_id: group, tags: ['vip', 'late_delivery'] });
    expect(ticket.cc_ids).toHaveLength(1);
    expect(ticket.follower_ids).toEqual([env.users.supervisor.id]);
    // As stored, not only as answered.
    expect(await getTicket(t.app, env.tokens.admin, ticket.id)).toMatchObject({ cc_ids: ticket.cc_ids, follower_ids: ticket.follower_ids, tags: ticket.tags });
    const tags = await t.app.inject({ method: 'GET', url: '/api/v1/tags', headers: bearer(env.tokens.admin) });
    expect(JSON.stringify(tags.json())).toContain('late_delivery');

    const bad = await post(env.tokens.admin, {
      subject: 's',
      comment: { body: 'b' },
      assignee_id: env.users.light_agent.id,
      group_id: '987654',
      follower_ids: [env.users.customer.id],
      cc_ids: ['123456'],
      tags: ['a,b'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((error: { path: string }) => error.path).sort()).toEqual(
      ['body.assignee_id', 'body.cc_ids.0', 'body.follower_ids.0', 'body.group_id', 'body.tags.0'].sort(),
    );

    const outsider = await post(env.tokens.admin, { subject: 's', comment: { body: 'b' }, assignee_id: env.users.agent.id, group_id: group });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().errors[0]).toMatchObject({ path: 'body.assignee_id', message: expect.stringContaining('member') });
  });

  it('lets a customer open a ticket for themself only', async () => {
    const response = await post(env.tokens.customer, { subject: 'My order', comment: { body: 'late' }, priority: 'high' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ requester_id: env.users.customer.id, priority: 'high' });
    expect(response.json()).not.toHaveProperty('follower_ids');

    const staffFields = await post(env.tokens.customer, { subject: 'x', comment: { body: 'y' }, assignee_id: env.users.agent.id, tags: ['a'] });
    expect(staffFields.statusCode).toBe(403);
    expect(staffFields.json()).toMatchObject({ code: 'TICKET_FIELD_FORBIDDEN' });
    const note = await post(env.tokens.customer, { subject: 'x', comment: { body: 'y', public: false } });
    expect(note.statusCode).toBe(403);
  });

  it('refuses light agents and anonymous callers', async () => {
    expect((await post(env.tokens.light_agent, { subject: 'x', comment: { body: 'y' } })).statusCode).toBe(403);
    const anonymous = await post(null, { subject: 'x', comment: { body: 'y' } });
    expect(anonymous.statusCode).toBe(401);
  });

  it('records via web for sessions and api for tokens; only admins and tokens may set via', async () => {
    const session = await login(t.app, env.users.agent.email!);
    const byWeb = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: session.headers, payload: { subject: 'web', comment: { body: 'x' } } });
    expect(byWeb.statusCode).toBe(201);
    expect(byWeb.json().via).toBe('web');
    const setVia = await t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: session.headers, payload: { subject: 'w', comment: { body: 'x' }, via: 'phone' } });
    expect(setVia.statusCode).toBe(403);
    const byToken = await createTicket(t.app, env.tokens.agent, { via: 'phone' });
    expect(byToken.via).toBe('phone');
  });

  it('sanitises HTML bodies and keeps a plain-text body', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, {
      comment: { html_body: '<p onclick="x()">Hello <b>there</b></p><script>alert("x")</script><a href="https://shop.example">order</a>' },
    });
    const messages = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages`, headers: bearer(env.tokens.agent) })).json().data;
    expect(messages[0].html_body).toBe('<p>Hello <b>there</b></p><a href="https://shop.example" rel="noopener noreferrer nofollow">order</a>');
    expect(messages[0].body).toBe('Hello there\norder');
  });

  describe('bad input is a 400, never a 500', () => {
    const cases: Array<[string, unknown, string?]> = [
      ['malformed JSON', '{"subject": "x", ', 'MALFORMED_JSON'],
      ['an array body', [1, 2, 3]],
      ['a missing comment', { subject: 'x' }],
      ['an empty comment', { subject: 'x', comment: { body: '   ' } }],
      ['a number subject', { subject: 42, comment: { body: 'x' } }],
      ['a huge subject', { subject: 'x'.repeat(10_000), comment: { body: 'x' } }],
      ['an unknown priority', { subject: 'x', comment: { body: 'x' }, priority: 'asap' }],
      ['an id too large for bigint', { subject: 'x', comment: { body: 'x' }, requester_id: '99999999999999999999' }],
      ['a negative id', { subject: 'x', comment: { body: 'x' }, group_id: -1 }],
      ['a bad email', { subject: 'x', comment: { body: 'x' }, requester: { email: 'not-an-email' } }],
      ['tags as a string', { subject: 'x', comment: { body: 'x' }, tags: 'vip' }],
      ['a null subject', { subject: null, comment: { body: 'x' } }],
      ['status closed', { subject: 'x', comment: { body: 'x' }, status: 'closed' }, 'TICKET_STATUS_TRANSITION_INVALID'],
    ];
    it.each(cases)('%s', async (_name, payload, code) => {
      const headers: Record<string, string> = typeof payload === 'string' ? { 'content-type': 'application/json' } : {};
      const response = await post(env.tokens.admin, payload, headers);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (code) expect(response.json().code).toBe(code);
    });
  });

  it('GET by id answers 404 for unknown and malformed ids', async () => {
    expect((await t.app.inject({ url: '/api/v1/tickets/424242', headers: bearer(env.tokens.admin) })).json().code).toBe('TICKET_NOT_FOUND');
    expect((await t.app.inject({ url: '/api/v1/tickets/abc', headers: bearer(env.tokens.admin) })).statusCode).toBe(400);
    const token = await createToken(t.ctx.db, env.tenant.id, env.users.agent.id, 'read');
    const ticket = await createTicket(t.app, env.tokens.agent);
    expect((await getTicket(t.app, token, ticket.id)).id).toBe(ticket.id);
    expect((await post(token, { subject: 'x', comment: { body: 'y' } })).statusCode).toBe(403);
  });
});

describe('POST /api/v1/tickets with Idempotency-Key, and the OpenAPI document', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('answers a repeated request with the same ticket, and a reused key with 422', async () => {
    const send = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...bearer(env.tokens.agent), 'idempotency-key': 'order-9-ticket' }, payload });
    const body = { subject: 'Once only', comment: { body: 'x' } };
    const first = await send(body);
    const again = await send(body);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect((await t.app.inject({ url: '/api/v1/tickets', headers: bearer(env.tokens.agent) })).json().data).toHaveLength(1);
    expect((await send({ ...body, subject: 'Other' })).statusCode).toBe(422);
  });

  it('documents the ticket routes', async () => {
    const paths = Object.keys((await t.app.inject({ url: '/api/docs/json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining([
      '/api/v1/tickets', '/api/v1/tickets/{id}', '/api/v1/tickets/{id}/messages', '/api/v1/tickets/{id}/events',
      '/api/v1/attachments', '/api/v1/attachments/{id}', '/api/v1/ticket-statuses', '/api/v1/categories', '/api/v1/tags',
      '/api/v1/custom-fields', '/api/v1/ticket-forms',
    ]));
  });
});
