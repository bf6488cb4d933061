import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { compactDailyTicketFacts, DAILY_TICKET_FACTS, TICKET_EVENT_TOPIC } from '../../src/modules/analytics/index.ts';
import { reactionConsumers } from '../../src/app/worker.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles, createToken, createUser } from '../helpers/factories.ts';
import { ticketEvent } from '../platform/jobs-support.ts';

describe('GET /api/v1/analytics/daily-ticket-facts', () => {
  let t: TestApp;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;
  let other: Awaited<ReturnType<typeof createTenantWithRoles>>;
  const get = (token: string | null, query = '') =>
    t.app.inject({ url: `/api/v1/analytics/daily-ticket-facts${query}`, headers: token ? bearer(token) : {} });

  beforeAll(async () => {
    t = await createTestApp();
    env = await createTenantWithRoles(t.ctx.db);
    other = await createTenantWithRoles(t.ctx.db);
    // A member of the job that the consumers of ticket events share.
    const consumer = reactionConsumers(t.ctx).flatMap((c) => c.members ?? [c]).find((c) => c.name === DAILY_TICKET_FACTS)!;
    const events: Array<[string, Record<string, unknown>]> = [
      [env.tenant.id, ticketEvent({ type: 'ticket.created', via: 'email', created_at: '2026-01-10T10:00:00Z' })],
      [env.tenant.id, ticketEvent({ type: 'ticket.created', via: 'email', created_at: '2026-01-10T11:00:00Z' })],
      [env.tenant.id, ticketEvent({ type: 'message.created', via: 'web', public: true, created_at: '2026-01-10T12:00:00Z' })],
      [env.tenant.id, ticketEvent({ type: 'ticket.updated', via: 'web', changes: { status_category: ['open', 'solved'] }, created_at: '2026-01-11T09:00:00Z' })],
      [other.tenant.id, ticketEvent({ type: 'ticket.created', via: 'email', created_at: '2026-01-10T10:00:00Z' })],
    ];
    let key = 0;
    for (const [tenantId, payload] of events) {
      key += 1;
      await consumer.handle({ tenantId, topic: TICKET_EVENT_TOPIC, payload, key: `test:${key}` });
    }
  });
  afterAll(() => t.close());

  it('answers the facts of the range for the caller’s tenant only', async () => {
    const response = await get(env.tokens.admin, '?from=2026-01-01&to=2026-01-31');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      data: [
        { day: '2026-01-10', via: 'email', created_count: 2, solved_count: 0, public_replies: 0 },
        { day: '2026-01-10', via: 'web', created_count: 0, solved_count: 0, public_replies: 1 },
        { day: '2026-01-11', via: 'web', created_count: 0, solved_count: 1, public_replies: 0 },
      ],
    });
    expect((await get(env.tokens.admin, '?from=2026-01-11&to=2026-01-11')).json().data).toHaveLength(1);
    expect((await get(other.tokens.admin, '?from=2026-01-01&to=2026-01-31')).json().data).toEqual([
      { day: '2026-01-10', via: 'email', created_count: 1, solved_count: 0, public_replies: 0 },
    ]);
  });

  it('answers the same after the deltas are folded into the day rows, and folds each delta once', async () => {
    const before = (await get(env.tokens.admin, '?from=2026-01-01&to=2026-01-31')).json();
    expect(await compactDailyTicketFacts(t.ctx.db.system)).toBe(5);
    expect(await compactDailyTicketFacts(t.ctx.db.system)).toBe(0);
    const { rows } = await sql<{ n: string }>`select count(*) as n from daily_ticket_fact_deltas`.execute(t.ctx.db.system);
    expect(rows[0]!.n).toBe('0');
    expect((await get(env.tokens.admin, '?from=2026-01-01&to=2026-01-31')).json()).toEqual(before);
  });

  it('defaults to the last 30 days', async () => {
    const response = await get(env.tokens.admin);
    expect(response.statusCode).toBe(200);
    expect(Array.isArray(response.json().data)).toBe(true);
  });

  it('refuses bad ranges with 400', async () => {
    expect((await get(env.tokens.admin, '?from=2026-02-01&to=2026-01-01')).json()).toMatchObject({ status: 400, code: 'ANALYTICS_RANGE_INVALID' });
    expect((await get(env.tokens.admin, '?from=2024-01-01&to=2026-01-01')).json()).toMatchObject({ status: 400, code: 'ANALYTICS_RANGE_TOO_LONG' });
    expect((await get(env.tokens.admin, '?from=yesterday')).statusCode).toBe(400);
  });

  it('is for signed-in staff who see every ticket (401, 403)', async () => {
    expect((await get(null)).statusCode).toBe(401);
    expect((await get(env.tokens.customer)).statusCode).toBe(403);
    const restricted = await createUser(t.ctx.db, env.tenant.id, { ticketAccess: 'groups' });
    expect((await get(await createToken(t.ctx.db, env.tenant.id, restricted.id))).statusCode).toBe(403);
    expect((await get(env.tokens.supervisor)).statusCode).toBe(200);
  });
});
