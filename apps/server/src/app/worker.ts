import { z } from 'zod';
import { pruneProcessedEvents } from '../platform/events/consume-once.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from '../platform/events/dispatcher.ts';
import type { JobDefinition, ReactionConsumer } from '../platform/queue/job.ts';
import { createJobQueue, type JobQueue } from '../platform/queue/queue.ts';
import { reactionJobs, routeTopics, sharedReactionJob } from '../platform/queue/reactions.ts';
import { createAnalyticsModule } from '../modules/analytics/index.ts';
import { createIdentityPruneJob } from '../modules/identity/index.ts';
import { TICKET_EVENT_TOPIC, ticketJobs } from '../modules/tickets/index.ts';
import { createSearchModule } from '../modules/search/index.ts';
import { createViewsModule } from '../modules/views/index.ts';
import { createEmailModule } from '../modules/email/index.ts';
import { pruneIdempotencyKeys } from '../platform/http/idempotency.ts';
import { createMailJobs } from '../platform/mail/index.ts';
import type { AppContext } from './context.ts';

export interface BackgroundRoles {
  /** Runs job handlers, the outbox dispatcher and the inbound mail pump. */
  worker: boolean;
  /** Installs cron schedules and fires them (pg-boss makes one firing per tick across nodes). */
  scheduler: boolean;
}

export interface RunningBackground {
  queue: JobQueue;
  dispatcher?: OutboxDispatcher;
  stop: () => Promise<void>;
}

/** The job that the batching consumers of ticket events share (see sharedReactionJob). */
export const TICKET_FOLLOWERS_JOB = 'ticket-event-followers';

/**
 * Every reaction consumer of every module: the one list the dispatcher routes topics with. The
 * batching consumers that follow ticket events and nothing else (search, views, analytics, email
 * replies) share one job per dispatch.
 */
export function reactionConsumers(ctx: Pick<AppContext, 'db' | 'logger' | 'config'>): ReactionConsumer[] {
  const all = [
    ...createAnalyticsModule(ctx).consumers, createMailJobs(ctx).consumer, ...createSearchModule(ctx).consumers,
    ...createViewsModule(ctx).consumers, ...createEmailModule(ctx).consumers,
  ];
  const followsTickets = (consumer: ReactionConsumer) => consumer.handleBatch !== undefined && consumer.topics.length === 1 && consumer.topics[0] === TICKET_EVENT_TOPIC;
  const followers = all.filter(followsTickets);
  return followers.length > 1 ? [...all.filter((consumer) => !followsTickets(consumer)), sharedReactionJob(TICKET_FOLLOWERS_JOB, followers)] : all;
}

/** Platform housekeeping jobs. */
export function platformJobs(ctx: Pick<AppContext, 'db'>): JobDefinition<any>[] {
  const prune: JobDefinition<Record<string, never>> = {
    name: 'platform.prune-processed-events',
    payload: z.object({}).strict(),
    cron: '17 3 * * *',
    // Jobs are retried for at most days; a month of marks is ample.
    handler: async (_payload, { logger }) => {
      const removed = await pruneProcessedEvents(ctx.db, 30);
      logger.info({ removed }, 'processed_events pruned');
      return removed > 0 ? 'done' : 'skipped';
    },
  };
  const pruneIdempotency: JobDefinition<Record<string, never>> = {
    name: 'platform.prune-idempotency-keys',
    payload: z.object({}).strict(),
    cron: '23 * * * *',
    handler: async (_payload, { logger }) => {
      const removed = await pruneIdempotencyKeys(ctx.db);
      logger.info({ removed }, 'idempotency keys pruned');
      return removed > 0 ? 'done' : 'skipped';
    },
  };
  return [prune, pruneIdempotency];
}

/**
 * Every minute: dispatches outbox rows a missed NOTIFY left behind (the listener normally wakes
 * the dispatcher at once). Idempotent: an empty outbox is 'skipped'.
 */
export function createOutboxSweepJob(dispatcher: Pick<OutboxDispatcher, 'drain'>): JobDefinition<Record<string, never>> {
  return {
    name: 'platform.outbox-sweep',
    payload: z.object({}).strict(),
    cron: '* * * * *',
    handler: async (_payload, { logger }) => {
      const dispatched = await dispatcher.drain();
      if (dispatched > 0) logger.info({ dispatched }, 'outbox rows swept');
      return dispatched > 0 ? 'done' : 'skipped';
    },
  };
}

/** Every job definition of every module, plus one reaction queue per consumer. */
export function allJobs(
  ctx: Pick<AppContext, 'db' | 'logger' | 'config'>,
  consumers: ReactionConsumer[],
  email: Pick<ReturnType<typeof createEmailModule>, 'jobs'> = createEmailModule(ctx),
): JobDefinition<any>[] {
  const mail = createMailJobs(ctx);
  return [...platformJobs(ctx), createIdentityPruneJob(ctx), ...ticketJobs(ctx), mail.sweep, mail.prune, ...createViewsModule(ctx).jobs, ...email.jobs, ...createAnalyticsModule(ctx).jobs, ...reactionJobs(consumers)];
}

/**
 * The worker and scheduler roles: pg-boss on the owner connection (schema pgboss), the job
 * handlers and the outbox dispatcher (worker), the cron schedules (scheduler).
 */
export async function startBackgroundRoles(ctx: AppContext, roles: BackgroundRoles): Promise<RunningBackground> {
  const queue = createJobQueue({
    databaseUrl: ctx.databaseUrl, logger: ctx.logger, metrics: ctx.metrics, schedule: roles.scheduler,
    preparedStatements: ctx.config.SWITCHBOARD_PREPARED_STATEMENTS,
  });
  await queue.start();
  const consumers = reactionConsumers(ctx);
  // Created on every background node (it holds no connection until started): the sweep job
  // below drains through it on whichever worker claims the job.
  const dispatcher = createOutboxDispatcher({
    db: ctx.db,
    databaseUrl: ctx.databaseUrl,
    logger: ctx.logger,
    routes: routeTopics(consumers),
    insertJobs: (name, payloads, options) => queue.insert(name, payloads, options),
  });
  // Its inbound pump is the one the sweep job drains through (see createInboundPump).
  const email = createEmailModule(ctx);
  const jobs = [...allJobs(ctx, consumers, email), createOutboxSweepJob(dispatcher)];
  await queue.registerJobs(jobs, { work: roles.worker });
  if (roles.scheduler) await queue.schedule(jobs);
  if (roles.worker) await Promise.all([dispatcher.start(), email.pump.start()]);
  return {
    queue,
    dispatcher: roles.worker ? dispatcher : undefined,
    stop: async () => {
      if (roles.worker) await Promise.all([email.pump.stop(), dispatcher.stop()]);
      await queue.stop();
    },
  };
}
