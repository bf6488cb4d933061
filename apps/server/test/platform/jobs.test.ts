import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { AppContext } from '../../src/app/context.ts';
import { reactionConsumers, startBackgroundRoles, TICKET_FOLLOWERS_JOB, type RunningBackground } from '../../src/app/worker.ts';
import { DAILY_TICKET_FACTS, TICKET_EVENT_TOPIC } from '../../src/modules/analytics/index.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { createOutboxDispatcher } from '../../src/platform/events/dispatcher.ts';
import { enqueueReaction } from '../../src/platform/events/outbox.ts';
import { createMetrics } from '../../src/platform/http/health-routes.ts';
import { createLogger } from '../../src/platform/logger/logger.ts';
import type { JobDefinition } from '../../src/platform/queue/job.ts';
import { createJobQueue, type JobQueue } from '../../src/platform/queue/queue.ts';
import { reactionJobs, reactionQueueName, routeTopics } from '../../src/platform/queue/reactions.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { eventually, insertTenant, ticketEvent } from './jobs-support.ts';

const logger = createLogger('silent');

function contextFor(database: TestDatabase): AppContext {
  return {
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    logger,
    db: database.db,
    metrics: createMetrics(),
    databaseUrl: database.url,
  };
}

async function jobCount(ctx: AppContext, queue: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = ${queue}`.execute(ctx.db.system);
  return rows[0].n;
}

async function outboxCount(ctx: AppContext): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(ctx.db.system);
  return rows[0].n;
}

async function createdFacts(ctx: AppContext, tenantId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select coalesce(sum(created_count), 0)::int as n from (select created_count from daily_ticket_facts where tenant_id = ${tenantId} union all select created_count from daily_ticket_fact_deltas where tenant_id = ${tenantId}) f`.execute(
    ctx.db.system,
  );
  return rows[0].n;
}

async function writeOutbox(ctx: AppContext, tenantId: string, count: number, topic = TICKET_EVENT_TOPIC) {
  await ctx.db.tenantTx(tenantId, async (trx) => {
    for (let i = 0; i < count; i += 1) await enqueueReaction(trx, tenantId, topic, ticketEvent({ ticket_id: String(i + 1) }));
  });
}

describe('outbox dispatcher', () => {
  let database: TestDatabase;
  let ctx: AppContext;
  let queue: JobQueue;
  let tenantId: string;
  const consumerA = { name: 'probe-a', topics: ['probe'], handle: async () => 'done' as const };
  const consumerB = { name: 'probe-b', topics: ['probe', 'other'], handle: async () => 'done' as const };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    queue = createJobQueue({ databaseUrl: ctx.databaseUrl, logger, metrics: ctx.metrics, schedule: false });
    await queue.start();
    // Queues exist, nobody works them: the jobs stay where the dispatcher put them.
    await queue.registerJobs(reactionJobs([consumerA, consumerB]), { work: false });
    tenantId = await insertTenant(ctx.db);
  });
  afterAll(async () => {
    await queue.stop();
    await database.close();
  });

  const dispatcherFor = (routes = routeTopics([consumerA, consumerB])) =>
    createOutboxDispatcher({
      db: ctx.db,
      databaseUrl: ctx.databaseUrl,
      logger,
      routes,
      batchSize: 25,
      listen: false,
      insertJobs: (name, payloads, options) => queue.insert(name, payloads, options),
    });

  it('turns each row into one job per consumer of its topic and deletes the row', async () => {
    await writeOutbox(ctx, tenantId, 3, 'probe');
    await writeOutbox(ctx, tenantId, 2, 'other');
    await writeOutbox(ctx, tenantId, 1, 'nobody-listens');
    expect(await dispatcherFor().drain()).toBe(6);
    expect(await outboxCount(ctx)).toBe(0);
    expect(await jobCount(ctx, reactionQueueName(consumerA))).toBe(3);
    expect(await jobCount(ctx, reactionQueueName(consumerB))).toBe(5);
    const { rows } = await sql<{ data: Record<string, unknown> }>`select data from pgboss.job where name = ${reactionQueueName(consumerA)} limit 1`.execute(
      ctx.db.system,
    );
    expect(rows[0].data).toMatchObject({ events: [{ tenantId, topic: 'probe', payload: { type: 'ticket.created' } }] });
  });

  it('gives a batching consumer one job for the rows of a dispatch, up to its batch size', async () => {
    const batching = { name: 'probe-batch', topics: ['probe'], handle: async () => 'done' as const, handleBatch: async () => {}, batchSize: 4 };
    await queue.registerJobs(reactionJobs([batching]), { work: false });
    await writeOutbox(ctx, tenantId, 10, 'probe');
    expect(await dispatcherFor(routeTopics([batching])).drain()).toBe(10);
    const { rows } = await sql<{ events: number }>`select jsonb_array_length(data->'events')::int as events from pgboss.job
      where name = ${reactionQueueName(batching)} order by events desc`.execute(ctx.db.system);
    expect(rows.map((row) => row.events)).toEqual([4, 4, 2]);
  });

  it('leaves the rows in place when the jobs cannot be written (one transaction)', async () => {
    await writeOutbox(ctx, tenantId, 4, 'probe');
    const broken = dispatcherFor(new Map([['probe', [{ queue: 'reaction.no-such-queue', eventsPerJob: 1 }]]]));
    await expect(broken.drain()).rejects.toThrow(/no-such-queue/);
    expect(await outboxCount(ctx)).toBe(4);
    await dispatcherFor().drain();
    expect(await outboxCount(ctx)).toBe(0);
  });

  it('delivers each row exactly once with two dispatchers racing', async () => {
    await sql`delete from pgboss.job where name in (${reactionQueueName(consumerA)}, ${reactionQueueName(consumerB)})`.execute(ctx.db.system);
    await writeOutbox(ctx, tenantId, 400, 'probe');
    const [first, second] = await Promise.all([dispatcherFor().drain(), dispatcherFor().drain()]);
    expect(first + second).toBe(400);
    expect(await outboxCount(ctx)).toBe(0);
    const { rows } = await sql<{ name: string; jobs: number; distinct_rows: number }>`
      select name, count(*)::int as jobs, count(distinct data->'events'->0->>'outboxId')::int as distinct_rows
      from pgboss.job where name in (${reactionQueueName(consumerA)}, ${reactionQueueName(consumerB)})
      group by name order by name`.execute(ctx.db.system);
    expect(rows).toEqual([
      { name: reactionQueueName(consumerA), jobs: 400, distinct_rows: 400 },
      { name: reactionQueueName(consumerB), jobs: 400, distinct_rows: 400 },
    ]);
  });
});

describe('job queue wrapper', () => {
  let database: TestDatabase;
  let ctx: AppContext;
  let queue: JobQueue;
  const attempts: number[] = [];

  const flaky: JobDefinition<{ n: number }> = {
    name: 'test.flaky',
    payload: z.object({ n: z.number().int() }),
    retryLimit: 3,
    handler: async (_payload, { attempt }) => {
      attempts.push(attempt);
      if (attempt === 1) throw new Error('first attempt fails');
      return 'done';
    },
  };
  const strict: JobDefinition<{ n: number }> = {
    name: 'test.strict',
    payload: z.object({ n: z.number().int() }),
    handler: async () => 'done',
  };
  const batches: number[][] = [];
  const singles: number[] = [];
  const batched: JobDefinition<{ n: number }> = {
    name: 'test.batched',
    payload: z.object({ n: z.number().int() }),
    retryLimit: 0,
    batchSize: 50,
    batchHandler: async (payloads) => {
      batches.push(payloads.map((p) => p.n));
      if (payloads.some((p) => p.n === 13)) throw new Error('13 spoils its batch');
    },
    handler: async ({ n }) => {
      singles.push(n);
      if (n === 13) throw new Error('13 fails alone');
      return 'done';
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    queue = createJobQueue({ databaseUrl: ctx.databaseUrl, logger, metrics: ctx.metrics, schedule: false, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 });
    await queue.start();
    await queue.registerJobs([flaky, strict, batched], { work: true });
    // Retries without the production back-off, so the test does not wait for it.
    await queue.boss.updateQueue(flaky.name, { retryDelay: 0, retryBackoff: false });
  });
  afterAll(async () => {
    await queue.stop();
    await database.close();
  });

  const counted = async (name: string, outcome: string) => {
    const metric = await ctx.metrics.jobsProcessed.get();
    return metric.values.find((v) => v.labels.queue === name && v.labels.outcome === outcome)?.value ?? 0;
  };

  it('retries a failed handler and tells it which attempt it is', async () => {
    await queue.send(flaky, { n: 1 });
    await eventually(async () => (await counted(flaky.name, 'done')) === 1);
    expect(attempts).toEqual([1, 2]);
    expect(await counted(flaky.name, 'failed')).toBe(1);
  });

  it('does not run (or retry) a job whose payload does not fit its schema', async () => {
    await queue.boss.send(strict.name, { n: 'not a number' });
    await eventually(async () => (await counted(strict.name, 'invalid')) === 1);
    const { rows } = await sql<{ state: string }>`select state::text from pgboss.job where name = ${strict.name}`.execute(ctx.db.system);
    await eventually(async () => {
      const { rows: now } = await sql<{ state: string }>`select state::text from pgboss.job where name = ${strict.name}`.execute(ctx.db.system);
      return now.length === 1 && now[0].state === 'failed';
    });
    expect(rows).toHaveLength(1);
    expect(await counted(strict.name, 'done')).toBe(0);
  });

  it('hands the jobs fetched together to the batch handler in one call', async () => {
    const numbers = Array.from({ length: 20 }, (_, i) => 100 + i);
    await queue.insert(
      batched.name,
      numbers.map((n) => ({ n })),
    );
    await eventually(async () => (await counted(batched.name, 'done')) === 20);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(numbers);
    expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
    expect(singles).toEqual([]);
  });

  it('runs a failing batch again job by job, so only the bad job fails', async () => {
    batches.length = 0;
    await queue.insert(batched.name, [{ n: 12 }, { n: 13 }, { n: 14 }]);
    await eventually(async () => (await counted(batched.name, 'done')) === 22 && (await counted(batched.name, 'failed')) === 1);
    expect(batches.flat().sort((a, b) => a - b)).toEqual([12, 13, 14]);
    expect(singles.sort((a, b) => a - b)).toEqual([12, 13, 14]);
  });
});

describe('reactions end to end (worker role)', () => {
  let database: TestDatabase;
  let ctx: AppContext;
  let background: RunningBackground;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = contextFor(database);
    background = await startBackgroundRoles(ctx, { worker: true, scheduler: true });
    tenantId = await insertTenant(ctx.db);
  });
  afterAll(async () => {
    await background.stop();
    await database.close();
  });

  it('runs the daily ticket facts consumer for every committed ticket event', async () => {
    await writeOutbox(ctx, tenantId, 5);
    await eventually(async () => (await createdFacts(ctx, tenantId)) === 5);
    expect(await outboxCount(ctx)).toBe(0);
    const metric = await ctx.metrics.jobsProcessed.get();
    // The five rows of one commit leave as one job, shared by every consumer of ticket events.
    expect(metric.values.find((v) => v.labels.queue === `reaction.${TICKET_FOLLOWERS_JOB}` && v.labels.outcome === 'done')?.value).toBe(1);
    expect(metric.values.find((v) => v.labels.queue === `reaction.${DAILY_TICKET_FACTS}`)).toBeUndefined();
  });

  it('picks up rows left in the outbox before it started', async () => {
    await background.stop();
    await writeOutbox(ctx, tenantId, 3);
    background = await startBackgroundRoles(ctx, { worker: true, scheduler: false });
    await eventually(async () => (await createdFacts(ctx, tenantId)) === 8);
  });

  it('installs the cron schedules of the scheduler role', async () => {
    const schedules = await background.queue.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain('platform.prune-processed-events');
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['identity.prune', 'platform.prune-idempotency-keys']));
  });

  it('a batch of reactions applies each event once, for each tenant, however often it repeats', async () => {
    const facts = reactionJobs(reactionConsumers(ctx)).find((job) => job.name === `reaction.${DAILY_TICKET_FACTS}`)!;
    const other = await insertTenant(ctx.db);
    const event = (outboxId: string, tenant: string) => ({ outboxId, tenantId: tenant, topic: TICKET_EVENT_TOPIC, payload: ticketEvent(), createdAt: new Date().toISOString() });
    const job = (...events: ReturnType<typeof event>[]) => ({ events });
    const before = await createdFacts(ctx, tenantId);
    await facts.batchHandler!([job(event('888001', tenantId), event('888002', tenantId)), job(event('888001', tenantId), event('888003', other))], { logger });
    await facts.batchHandler!([job(event('888002', tenantId)), job(event('888004', tenantId))], { logger });
    expect(await createdFacts(ctx, tenantId)).toBe(before + 3);
    expect(await createdFacts(ctx, other)).toBe(1);
  });

  it('a reaction job run twice does no harm', async () => {
    // A consumer's own queue: still worked for jobs queued before it shared one.
    const job = reactionJobs(reactionConsumers(ctx)).find((definition) => definition.name === `reaction.${DAILY_TICKET_FACTS}`)!;
    const payload = {
      events: [{ outboxId: '999999', tenantId, topic: TICKET_EVENT_TOPIC, payload: ticketEvent(), createdAt: new Date().toISOString() }],
    };
    const before = await createdFacts(ctx, tenantId);
    const outcomes = await Promise.all([1, 2, 3].map((attempt) => job.handler(payload, { logger, attempt })));
    expect(outcomes.sort()).toEqual(['done', 'skipped', 'skipped']);
    expect(await job.handler(payload, { logger, attempt: 4 })).toBe('skipped');
    expect(await createdFacts(ctx, tenantId)).toBe(before + 1);
  });
});
