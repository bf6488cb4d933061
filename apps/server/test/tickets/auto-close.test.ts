import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { ticketJobs } from '../../src/modules/tickets/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket, getTicket, ticketEvents, updateTicket, type Json } from '../helpers/ticket-factories.ts';

describe('auto-close job', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const ageSolved = (ticket: Json, days: number) =>
    sql`update tickets set solved_at = now() - ${`${days} days`}::interval where id = ${ticket.id}`.execute(t.ctx.db.system);

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(() => t.close());

  it('closes solved tickets older than the tenant’s setting, once, as the system', async () => {
    const [job] = ticketJobs(t.ctx);
    expect(job).toMatchObject({ name: 'tickets.auto-close', cron: '*/5 * * * *' });
    const old = await updateTicket(t.app, env.tokens.agent, await createTicket(t.app, env.tokens.agent), { status: 'solved' });
    const recent = await updateTicket(t.app, env.tokens.agent, await createTicket(t.app, env.tokens.agent), { status: 'solved' });
    const open = await createTicket(t.app, env.tokens.agent);
    await ageSolved(old, 5);
    await ageSolved(recent, 3);
    await ageSolved(open, 30); // not solved: never closed by the job

    const context = { logger: createLogger('silent'), attempt: 1 };
    expect(await job!.handler({}, context)).toBe('done');
    expect(await job!.handler({}, context)).toBe('skipped');

    const closed = await getTicket(t.app, env.tokens.agent, old.id);
    expect(closed).toMatchObject({ status: 'closed', status_name: 'Closed', version: old.version + 1 });
    expect(closed.closed_at).not.toBeNull();
    expect((await getTicket(t.app, env.tokens.agent, recent.id)).status).toBe('solved');
    expect((await getTicket(t.app, env.tokens.agent, open.id)).status).toBe('new');
    const events = (await ticketEvents(t.app, env.tokens.agent, old.id)).filter((event) => event.actor_type === 'system');
    expect(events).toEqual([
      expect.objectContaining({ type: 'ticket.updated', actor_id: null, via: 'system', changes: expect.objectContaining({ status_category: ['solved', 'closed'] }) }),
    ]);
  });

  it('honours settings.auto_close_days, and 0 turns it off', async () => {
    const [job] = ticketJobs(t.ctx);
    const context = { logger: createLogger('silent'), attempt: 1 };
    const other = await createTenantWithRoles(t.ctx.db);
    const setDays = (days: number) =>
      sql`update tenants set settings = settings || ${JSON.stringify({ auto_close_days: days })}::jsonb where id = ${other.tenant.id}`.execute(t.ctx.db.system);
    const ticket = await updateTicket(t.app, other.tokens.agent, await createTicket(t.app, other.tokens.agent), { status: 'solved' });
    await ageSolved(ticket, 2);
    await setDays(0);
    await job!.handler({}, context);
    expect((await getTicket(t.app, other.tokens.agent, ticket.id)).status).toBe('solved');
    await setDays(1);
    await job!.handler({}, context);
    expect((await getTicket(t.app, other.tokens.agent, ticket.id)).status).toBe('closed');
  });
});
