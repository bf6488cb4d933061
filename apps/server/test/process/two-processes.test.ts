import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTenant, createToken, type TestTenant } from '../helpers/factories.ts';
import { eventually } from '../platform/jobs-support.ts';
import { openStream } from '../platform/realtime-support.ts';
import { api, startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * Two real server processes on one database: A serves the API only, B serves the API and runs
 * the worker and the scheduler. A change made through A reaches a WebSocket client of B
 * (PostgreSQL LISTEN/NOTIFY), and its reaction runs in B's worker.
 */
describe('two processes on one database', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let acme: TestTenant;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    acme = await createTenant(database.db);
    token = await createToken(database.db, acme.tenant.id, acme.owner.id, 'admin');
    [a, b] = await Promise.all([
      startServerProcess({ databaseUrl: database.url, roles: 'api' }),
      startServerProcess({ databaseUrl: database.url, roles: 'api,worker,scheduler' }),
    ]);
  });
  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    await database.close();
    // Both shut down cleanly on SIGTERM (exit code 0).
    expect(codes).toEqual([0, 0]);
  });

  it('a ticket created and changed through A is announced to a WebSocket client of B', async () => {
    const client = await openStream(b.baseUrl, { authorization: `Bearer ${token}` });

    const created = await api(a.baseUrl, token, 'POST', '/api/v1/tickets', {
      subject: 'Printer on fire',
      comment: { body: 'It is really on fire', public: true },
      requester: { email: 'li.na@example.com', name: '李娜' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ticketId = created.body.id as string;
    expect(await client.next((m) => m.type === 'ticket.created' && m.id === ticketId)).toEqual({
      type: 'ticket.created',
      id: ticketId,
      version: 1,
    });

    const patched = await api(a.baseUrl, token, 'PATCH', `/api/v1/tickets/${ticketId}`, { priority: 'urgent' }, { 'if-match': '1' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(await client.next((m) => m.type === 'ticket.updated' && m.id === ticketId)).toEqual({
      type: 'ticket.updated',
      id: ticketId,
      version: 2,
    });
    await client.close();
  }, 120_000);

  it('the reaction of a change made through A runs in B’s worker', async () => {
    const facts = await eventually(async () => {
      const response = await api(a.baseUrl, token, 'GET', '/api/v1/analytics/daily-ticket-facts');
      const created = (response.body.data as Array<{ created_count: number }>).reduce((sum, row) => sum + row.created_count, 0);
      const replies = (response.body.data as Array<{ public_replies: number }>).reduce((sum, row) => sum + row.public_replies, 0);
      return created === 1 && replies === 1 ? response.body.data : null;
    }, 60_000, 250);
    expect(facts).toEqual([expect.objectContaining({ via: 'api', created_count: 1, solved_count: 0, public_replies: 1 })]);
  }, 120_000);
});
