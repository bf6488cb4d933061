import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createGroup, createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket, getTicket, postMessage, ticketEvents, updateTicket, type Json } from '../helpers/ticket-factories.ts';

describe('messages', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const customerTicket = (extra: Json = {}) =>
    createTicket(t.app, env.tokens.agent, { requester: undefined, requester_id: env.users.customer.id, ...extra });
  const post = (token: string, id: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url: `/api/v1/tickets/${id}/messages`, headers: bearer(token), payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('adds a public reply and an internal note, each with a message.created event', async () => {
    const ticket = await customerTicket();
    const reply = await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'On its way', html_body: '<p>On its <i>way</i></p>' });
    expect(reply).toMatchObject({ ticket_id: ticket.id, public: true, author_id: env.users.agent.id, body: 'On its way', html_body: '<p>On its <i>way</i></p>', follow_up_ticket_id: null, via: 'api' });
    const note = await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'Courier confirmed', public: false });
    expect(note.public).toBe(false);
    const events = await ticketEvents(t.app, env.tokens.agent, ticket.id);
    const messageEvents = events.filter((event) => event.type === 'message.created');
    expect(messageEvents.map((event) => event.data)).toEqual([
      expect.objectContaining({ public: true }),
      expect.objectContaining({ message_id: reply.id, public: true }),
      expect.objectContaining({ message_id: note.id, public: false }),
    ]);
    // Messages do not change the version (field edits are what If-Match guards).
    expect((await getTicket(t.app, env.tokens.agent, ticket.id)).version).toBe(1);
  });

  it.each([
    ['pending', 'open'],
    ['solved', 'open'],
    ['on_hold', 'on_hold'],
    ['open', 'open'],
  ])('a customer reply on a %s ticket leaves it %s', async (from, to) => {
    let ticket = await customerTicket();
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: from });
    await postMessage(t.app, env.tokens.customer, ticket.id, { body: 'Any news?' });
    const after = await getTicket(t.app, env.tokens.agent, ticket.id);
    expect(after.status).toBe(to);
    const events = await ticketEvents(t.app, env.tokens.agent, ticket.id);
    if (from !== to) {
      expect(after.version).toBe(ticket.version + 1);
      expect(after.solved_at).toBeNull();
      expect(events.slice(-2)).toMatchObject([
        { type: 'message.created', actor_id: env.users.customer.id },
        { type: 'ticket.updated', actor_id: env.users.customer.id, changes: { status_category: [from, 'open'] } },
      ]);
    } else {
      // Nothing moved: the same version, no ticket.updated event, but the ticket shows activity.
      expect(after.version).toBe(ticket.version);
      expect(events.at(-1)!.type).toBe('message.created');
      expect(new Date(after.updated_at).getTime()).toBeGreaterThan(new Date(ticket.updated_at).getTime());
    }
    // The reactions leave in the events' order.
    const { rows: reactions } = await sql<{ event_id: string }>`select payload->>'event_id' as event_id from outbox
      where payload->>'ticket_id' = ${ticket.id} order by id`.execute(t.ctx.db.system);
    expect(reactions.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
  });

  it('an agent reply does not reopen a pending ticket', async () => {
    let ticket = await customerTicket();
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'pending' });
    await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'Reminder' });
    expect((await getTicket(t.app, env.tokens.agent, ticket.id)).status).toBe('pending');
  });

  it('a message to a closed ticket opens a linked follow-up; a note is refused', async () => {
    const group = await createGroup(t.ctx.db, env.tenant.id, { memberIds: [env.users.agent.id] });
    let ticket = await customerTicket({ group_id: group, subject: '退款问题' });
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'solved' });
    ticket = await updateTicket(t.app, env.tokens.agent, ticket, { status: 'closed' });

    const note = await post(env.tokens.agent, ticket.id, { body: 'late note', public: false });
    expect(note.statusCode).toBe(409);
    expect(note.json().code).toBe('TICKET_CLOSED');

    const message = await postMessage(t.app, env.tokens.customer, ticket.id, { body: 'It broke again' });
    expect(message.follow_up_ticket_id).toBeTruthy();
    expect(message.ticket_id).toBe(message.follow_up_ticket_id);
    const followUp = await getTicket(t.app, env.tokens.customer, message.follow_up_ticket_id);
    expect(followUp).toMatchObject({ subject: '退款问题', requester_id: env.users.customer.id, group_id: group, status: 'new', via: 'api' });
    expect(Number(followUp.number)).toBeGreaterThan(Number(ticket.number));

    const closed = await getTicket(t.app, env.tokens.agent, ticket.id);
    expect(closed).toMatchObject({ status: 'closed', version: ticket.version });
    const sourceEvents = await ticketEvents(t.app, env.tokens.agent, ticket.id);
    expect(sourceEvents.at(-1)).toMatchObject({ type: 'ticket.follow_up_created', data: { follow_up_id: followUp.id } });
    const followUpEvents = await ticketEvents(t.app, env.tokens.agent, followUp.id);
    expect(followUpEvents[0]).toMatchObject({ type: 'ticket.created', data: { follow_up_of: ticket.id } });
    const links = await t.ctx.db.system.selectFrom('ticket_links').selectAll().where('source_id', '=', followUp.id).execute();
    expect(links).toEqual([expect.objectContaining({ target_id: ticket.id, kind: 'follow_up' })]);
  });

  it('writes an outbox reaction per event and a realtime notice in the same transaction', async () => {
    const ticket = await customerTicket();
    await postMessage(t.app, env.tokens.agent, ticket.id, { body: 'secret', public: false });
    const reactions = await sql<{ payload: Json }>`select payload from outbox where tenant_id = ${env.tenant.id}
      and payload->>'ticket_id' = ${ticket.id} order by id`.execute(t.ctx.db.system);
    // No worker runs in this test app, so every reaction is still in the outbox.
    expect(reactions.rows.map((row) => row.payload.type)).toEqual(['ticket.created', 'message.created', 'message.created']);
    for (const { payload } of reactions.rows) {
      expect(payload).toMatchObject({ event_id: expect.any(String), ticket_id: ticket.id, type: expect.any(String), via: 'api', created_at: expect.any(String), changes: expect.any(Object) });
      expect(JSON.stringify(payload)).not.toContain('secret');
    }
    const events = await ticketEvents(t.app, env.tokens.agent, ticket.id);
    expect(events).toHaveLength(3);
  });

  it('refuses empty and oversized messages with 400', async () => {
    const ticket = await customerTicket();
    for (const payload of [{}, { body: '' }, { body: '   ' }, { body: 'x'.repeat(200_001) }, { body: 5 }, { body: 'x', public: 'yes' }, { body: 'x', extra: 1 }]) {
      const response = await post(env.tokens.agent, ticket.id, payload);
      expect(response.statusCode).toBe(400);
    }
  });

  it('pages messages oldest first', async () => {
    const ticket = await customerTicket();
    for (let index = 0; index < 4; index += 1) await postMessage(t.app, env.tokens.agent, ticket.id, { body: `m${index}` });
    const first = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages?limit=3`, headers: bearer(env.tokens.agent) })).json();
    const second = (await t.app.inject({ url: `/api/v1/tickets/${ticket.id}/messages?limit=3&cursor=${first.next_cursor}`, headers: bearer(env.tokens.agent) })).json();
    expect([...first.data, ...second.data].map((message: Json) => message.body).slice(1)).toEqual(['m0', 'm1', 'm2', 'm3']);
    expect(second.next_cursor).toBeNull();
  });
});
