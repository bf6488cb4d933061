import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { createTenant, createToken, type TestTenant } from '../helpers/factories.ts';
import { eventually } from '../platform/jobs-support.ts';
import { api, startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * The crash test: tickets are created over HTTP, four at a time, and the server is killed with
 * SIGKILL while requests are in flight (and while its worker dispatches and runs reactions).
 * After a restart, every ticket whose create was answered 2xx exists exactly once, and the
 * reaction of every ticket that exists has run exactly once (daily facts count each ticket once).
 */
describe('crash: SIGKILL mid-way, then restart', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  let acme: TestTenant;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    acme = await createTenant(database.db);
    token = await createToken(database.db, acme.tenant.id, acme.owner.id, 'admin');
  });
  afterAll(async () => {
    await server?.stop();
    await database.close();
  });

  it('loses no accepted ticket, doubles none, and runs every reaction once', async () => {
    server = await startServerProcess({ databaseUrl: database.url, roles: 'api,worker,scheduler' });
    const target = server;
    const accepted: Array<{ marker: string; id: string }> = [];
    let attempted = 0;
    let killed = false;
    const killAfter = 30 + Math.floor(Math.random() * 20);

    const loop = async (lane: number) => {
      for (let i = 0; !killed && i < 500; i += 1) {
        const marker = `crash-${lane}-${i}`;
        attempted += 1;
        try {
          const response = await api(target.baseUrl, token, 'POST', '/api/v1/tickets', {
            subject: `Lost parcel ${marker}`,
            external_id: marker,
            comment: { body: 'Where is it?', public: true },
            requester: { email: `${marker}@example.com`, name: `Customer ${marker}` },
          });
          if (response.status >= 200 && response.status < 300) accepted.push({ marker, id: response.body.id });
        } catch {
          // The connection died with the server: this create may or may not have committed.
        }
        if (!killed && accepted.length >= killAfter) {
          killed = true;
          await target.kill();
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(loop));
    expect(killed).toBe(true);
    expect(accepted.length).toBeGreaterThanOrEqual(killAfter);

    server = await startServerProcess({ databaseUrl: database.url, roles: 'api,worker,scheduler' });

    // Every accepted create is there exactly once, under the id it was answered with.
    const { rows } = await sql<{ external_id: string; id: string; copies: number }>`
      select external_id, min(id) as id, count(*)::int as copies from tickets
      where tenant_id = ${acme.tenant.id} and external_id like 'crash-%' group by external_id`.execute(database.db.system);
    const byMarker = new Map(rows.map((row) => [row.external_id, row]));
    for (const { marker, id } of accepted) {
      expect(byMarker.get(marker), marker).toMatchObject({ id, copies: 1 });
    }
    expect(rows.every((row) => row.copies === 1)).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(attempted);

    // Every ticket that exists (accepted, or committed just before the kill) had its reaction, once.
    const ticketCount = rows.length;
    const facts = await eventually(async () => {
      const response = await api(server!.baseUrl, token, 'GET', '/api/v1/analytics/daily-ticket-facts');
      const data = response.body.data as Array<{ created_count: number; public_replies: number }>;
      const created = data.reduce((sum, row) => sum + row.created_count, 0);
      const replies = data.reduce((sum, row) => sum + row.public_replies, 0);
      if (created !== ticketCount || replies !== ticketCount) throw new Error(`facts: ${created} created, ${replies} replies; ${ticketCount} tickets`);
      return { created, replies };
    }, 120_000, 500);
    expect(facts).toEqual({ created: ticketCount, replies: ticketCount });
    const outbox = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(database.db.system);
    expect(outbox.rows[0].n).toBe(0);
  }, 300_000);
});
