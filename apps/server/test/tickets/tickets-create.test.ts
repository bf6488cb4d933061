import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles, createUser, createToken, createGroup } from '../helpers/factories.ts';
import { createTicket, getTicket, ticketEvents } from '../helpers/ticket-factories.ts';

describe('creating tickets', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('creates a ticket with a new requester, numbered per tenant', async () => {
    const first = await createTicket(t.app, env.tokens.agent, { requester: { email: 'wang.fang@example.com', name: '王芳' } });
    expect(first).toMatchObject({ subject: expect.any(String), status: 'new', status_name: 'New', priority: 'normal', version: 1, via: 'api' });
    const second = await createTicket(t.app, env.tokens.agent, { requester: { email: 'WANG.FANG@example.com' } });
    expect(second.requester_id).toBe(first.requester_id);
    expect(Number(second.number)).toBe(Number(first.number) + 1);
    const events = await ticketEvents(t.app, env.tokens.agent, first.id);
    expect(events.map((event) => event.type)).toEqual(['ticket.created', 'message.created']);
    expect(events[0].changes.subject).toEqual([null, first.subject]);
    expect(events[0]).toMatchObject({ actor_type: 'token', actor_id: env.users.agent.id, via: 'api' });
    const fetched = await getTicket(t.app, env.tokens.agent, first.id);
    expect(fetched.id).toBe(first.id);
  });
});
