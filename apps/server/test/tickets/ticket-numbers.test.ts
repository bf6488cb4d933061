import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket } from '../helpers/ticket-factories.ts';

// Numbers come from a per-tenant sequence (migration 0500), not a row locked until commit.
describe('ticket numbers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are unique and dense when tickets are created concurrently', async () => {
    const env = await createTenantWithRoles(t.ctx.db);
    const created = await Promise.all(Array.from({ length: 24 }, (_, i) => createTicket(t.app, env.tokens.agent, { subject: `parallel ${i}` })));
    const numbers = created.map((ticket) => Number(ticket.number)).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it('continue after the highest number a tenant already has, and after its old counter', async () => {
    const env = await createTenantWithRoles(t.ctx.db);
    // A tenant from before the sequences: its counter stood at 41, no sequence exists yet.
    await sql`update tenants set next_ticket_number = 41 where id = ${env.tenant.id}`.execute(t.ctx.db.system);
    expect((await createTicket(t.app, env.tokens.agent)).number).toBe('41');
    expect((await createTicket(t.app, env.tokens.agent)).number).toBe('42');
  });

  it('skip a number a failed creation took, and never repeat one', async () => {
    const env = await createTenantWithRoles(t.ctx.db);
    const first = await createTicket(t.app, env.tokens.agent, { external_id: 'order-1' });
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: bearer(env.tokens.agent),
      payload: { subject: 'again', comment: { body: 'x' }, external_id: 'order-1' },
    });
    expect(duplicate.statusCode).toBe(409);
    const next = await createTicket(t.app, env.tokens.agent);
    expect(Number(next.number)).toBeGreaterThan(Number(first.number));
  });

  it('cannot be drawn for another tenant from a tenant transaction', async () => {
    const a = await createTenantWithRoles(t.ctx.db);
    const b = await createTenantWithRoles(t.ctx.db);
    await expect(t.ctx.db.tenantTx(a.tenant.id, (trx) => sql`select next_ticket_number(${b.tenant.id})`.execute(trx))).rejects.toThrow(/not the current tenant/);
  });
});
