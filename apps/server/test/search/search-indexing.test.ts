import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackgroundRoles, type RunningBackground } from '../../src/app/worker.ts';
import { createSearchModule, getSegmenter, reindexTenant, SEARCH_TICKETS_CONSUMER, type ReindexProgress } from '../../src/modules/search/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { bearer, createOrganization, createTenantWithRoles, createUser } from '../helpers/factories.ts';
import { createTicket, postMessage, updateTicket, type Json } from '../helpers/ticket-factories.ts';
import { eventually } from '../platform/jobs-support.ts';

const run = promisify(execFile);
const CLI = path.resolve('apps/server/src/cli.ts');

/** The index follows changes through the reactions (a real worker), and the reindex command. */
describe('search index upkeep', () => {
  let t: TestApp;
  let background: RunningBackground;
  let env: Awaited<ReturnType<typeof createTenantWithRoles>>;

  const found = async (q: string, type = 'ticket') => {
    const response = await t.app.inject({ url: '/api/v1/search', query: { q, type }, headers: bearer(env.tokens.agent) });
    return response.json().data.map((hit: Json) => hit.id) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    background = await startBackgroundRoles(t.ctx, { worker: true, scheduler: false });
    env = await createTenantWithRoles(t.ctx.db);
  });
  afterAll(async () => {
    await background.stop();
    await t.close();
  });

  it('a new ticket, a new message and a subject change become searchable', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { subject: '发票抬头填错了', comment: { body: 'please fix the invoice' } });
    await eventually(async () => (await found('发票')).includes(ticket.id));
    await eventually(async () => (await found('invoices')).includes(ticket.id));

    await postMessage(t.app, env.tokens.agent, ticket.id, { body: '已经重新开具增值税专用发票', public: true });
    await eventually(async () => (await found('增值税')).includes(ticket.id));

    await updateTicket(t.app, env.tokens.agent, ticket, { subject: 'Wrong billing address' });
    await eventually(async () => (await found('billing')).includes(ticket.id));
    expect(await found('抬头')).toEqual([]);
  });

  it('a renamed customer is found by the new name, and so are their tickets', async () => {
    const customer = await createUser(t.ctx.db, env.tenant.id, { role: 'customer', name: '陈小姐' });
    const ticket = await createTicket(t.app, env.tokens.agent, { requester: undefined, requester_id: customer.id, subject: 'Delivery', comment: { body: 'late' } });
    await eventually(async () => (await found('陈小姐', 'user')).includes(customer.id));
    await sql`update users set name = '欧阳娜娜' where tenant_id = ${env.tenant.id} and id = ${customer.id}`.execute(t.ctx.db.system);
    await eventually(async () => (await found('欧阳娜娜', 'user')).includes(customer.id));
    await eventually(async () => (await found('欧阳娜娜')).includes(ticket.id));
    const org = await createOrganization(t.ctx.db, env.tenant.id, { name: '顺丰速运', domains: ['sf-express.example'] });
    await eventually(async () => (await found('顺丰', 'organization')).includes(org));
  });

  it('a ticket event handled twice writes the document once', async () => {
    const [consumer] = createSearchModule(t.ctx).consumers.filter((c) => c.name === SEARCH_TICKETS_CONSUMER);
    const ticket = await createTicket(t.app, env.tokens.agent, { subject: '重复事件', comment: { body: 'twice' } });
    const event = { tenantId: env.tenant.id, topic: 'ticket.event', key: `test:${ticket.id}`, payload: { ticket_id: ticket.id, type: 'message.created', changes: {} } };
    expect(await consumer!.handle(event)).toBe('done');
    expect(await consumer!.handle(event)).toBe('skipped');
    expect(await consumer!.handle({ ...event, key: `test:${ticket.id}:status`, payload: { ticket_id: ticket.id, type: 'ticket.updated', changes: { status_category: ['new', 'open'] } } })).toBe('skipped');
    expect(await consumer!.handle({ ...event, key: 'test:bad', payload: { nonsense: true } })).toBe('skipped');
  });

  it('an interrupted reindex resumes after its last batch; a finished one starts over', async () => {
    const { rows } = await sql<{ id: string }>`select id from tickets where tenant_id = ${env.tenant.id} order by id`.execute(t.ctx.db.system);
    const middle = rows[Math.floor(rows.length / 2)]!.id;
    await sql`insert into search_reindex_runs (tenant_id, kind, last_id, indexed) values (${env.tenant.id}, 'tickets', ${middle}, 7)
      on conflict (tenant_id, kind) do update set last_id = excluded.last_id, indexed = 7, finished_at = null`.execute(t.ctx.db.system);
    const progress: ReindexProgress[] = [];
    const resumed = await reindexTenant(t.ctx.db, env.tenant.id, { segmenter: getSegmenter(), kinds: ['tickets'], batchSize: 1, onProgress: (p) => progress.push(p) });
    expect(resumed.tickets).toBe(7 + rows.filter((row) => BigInt(row.id) > BigInt(middle)).length);
    expect(progress.at(-1)).toMatchObject({ kind: 'tickets', resumed: true, done: true, total: rows.length });
    const again = await reindexTenant(t.ctx.db, env.tenant.id, { segmenter: getSegmenter(), kinds: ['tickets'] });
    expect(again.tickets).toBe(rows.length);
  });

  it('`search reindex` rebuilds a tenant and reports progress', async () => {
    const ticket = await createTicket(t.app, env.tokens.agent, { subject: '重建索引', comment: { body: 'reindex me' } });
    await eventually(async () => (await found('重建索引')).includes(ticket.id));
    await sql`delete from search_tickets where tenant_id = ${env.tenant.id}`.execute(t.ctx.db.system);
    expect(await found('重建索引')).toEqual([]);
    const { stdout, stderr } = await run(process.execPath, [CLI, 'search', 'reindex', '--tenant', env.tenant.slug], {
      env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(/Reindexed ".*": \d+ tickets, \d+ users, \d+ organizations in [\d.]+ s \(segmenter: jieba\)/);
    expect(stderr).toMatch(/tickets done \d+\/\d+ \(100\.0%\), \d+\/s/);
    expect(await found('重建索引')).toEqual([ticket.id]);
    const unknown = await run(process.execPath, [CLI, 'search', 'reindex', '--tenant', 'no-such-tenant'], {
      env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: 'warn' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('No tenant named') });
  });
});
