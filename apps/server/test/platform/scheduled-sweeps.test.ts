import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxSweepJob } from '../../src/app/worker.ts';
import { COMPACT_VIEW_COUNTS_JOB, createViewsModule } from '../../src/modules/views/index.ts';
import { createOutboxDispatcher } from '../../src/platform/events/dispatcher.ts';
import { enqueueReaction } from '../../src/platform/events/outbox.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTenantWithRoles } from '../helpers/factories.ts';
import { createTicket } from '../helpers/ticket-factories.ts';

/** The scheduled jobs that replaced timer loops: each does its work once, then finds nothing. */
describe('scheduled sweeps', () => {
  let t: TestApp;
  let tenantId: string;
  let token: string;
  const context = { logger: createLogger('silent'), attempt: 1 };
  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenantWithRoles(t.ctx.db);
    tenantId = tenant.tenant.id;
    token = tenant.tokens.admin;
  });
  afterAll(() => t.close());

  it('platform.outbox-sweep dispatches rows a missed NOTIFY left, then skips', async () => {
    // Rows written by the ticket creation, and one of our own topic.
    await createTicket(t.app, token);
    await t.ctx.db.tenantTx(tenantId, (trx) => enqueueReaction(trx, tenantId, 'sweep.test', { n: 1 }));
    const inserted: string[] = [];
    const dispatcher = createOutboxDispatcher({
      db: t.ctx.db,
      databaseUrl: t.ctx.databaseUrl,
      logger: context.logger,
      listen: false,
      routes: new Map([['sweep.test', [{ queue: 'reaction.sweep-test', eventsPerJob: 1 }]]]),
      insertJobs: async (queue, payloads) => {
        inserted.push(...payloads.map(() => queue));
      },
    });
    const job = createOutboxSweepJob(dispatcher);
    expect(await job.handler({}, context)).toBe('done');
    expect(inserted).toEqual(['reaction.sweep-test']);
    expect(await job.handler({}, context)).toBe('skipped');
  });

  it('views.compact-counts folds pending deltas, then skips', async () => {
    await createTicket(t.app, token);
    const job = createViewsModule(t.ctx).jobs.find((j) => j.name === COMPACT_VIEW_COUNTS_JOB)!;
    expect(job.cron).toBeDefined();
    expect(await job.handler({}, context)).toBe('done');
    expect(await job.handler({}, context)).toBe('skipped');
  });
});
