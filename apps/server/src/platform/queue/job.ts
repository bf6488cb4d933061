import type { z } from 'zod';
import type { Logger } from '../logger/logger.ts';

/**
 * A background job: a name, a payload schema and an idempotent handler (running it twice does
 * no harm). Definitions live with their module (modules/<m>/jobs/); the worker runs them.
 */
export interface JobDefinition<Payload = unknown> {
  name: string;
  payload: z.ZodType<Payload>;
  handler: (payload: Payload, context: { logger: Logger; attempt: number }) => Promise<'done' | 'skipped'>;
  /**
   * Handles the jobs fetched together in one call (one transaction instead of one per job). A
   * batch that fails is run again job by job through `handler`, so one bad job fails alone.
   */
  batchHandler?: (payloads: Payload[], context: { logger: Logger }) => Promise<void>;
  /** Jobs fetched at once by one worker (default 10). */
  batchSize?: number;
  /** Batches this process runs side by side (default 1). */
  concurrency?: number;
  /** Cron schedule (5-field, UTC) for periodic jobs run by the scheduler role. */
  cron?: string;
  retryLimit?: number;
}

/** One committed outbox row as its consumers see it; `key` identifies it for consume-once. */
export interface ReactionEvent {
  tenantId: string;
  topic: string;
  payload: Record<string, unknown>;
  key: string;
}

/** A reaction to an outbox topic: called once per committed event (idempotent by event key). */
export interface ReactionConsumer {
  name: string;
  topics: string[];
  handle: (event: ReactionEvent) => Promise<'done' | 'skipped'>;
  /** Many events at once (see JobDefinition.batchHandler); `handle` stays the one-event path. */
  handleBatch?: (events: ReactionEvent[]) => Promise<void>;
  /** Events per batch and per job (default 100), and batches run side by side (default 1). */
  batchSize?: number;
  concurrency?: number;
  /**
   * Which events of its topics it needs at all; the others never become jobs. A cheap test on
   * the payload: every job costs a claim, a run and a completion whatever the handler does.
   */
  wants?: (payload: Record<string, unknown>, topic: string) => boolean;
  /**
   * The consumers a shared job runs (see sharedReactionJob). Their own queues are still worked,
   * for jobs queued before they were shared.
   */
  members?: ReadonlyArray<ReactionConsumer>;
}
