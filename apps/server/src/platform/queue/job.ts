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
  /** Cron schedule (5-field, UTC) for periodic jobs run by the scheduler role. */
  cron?: string;
  retryLimit?: number;
}

/** A reaction to an outbox topic: called once per committed event (idempotent by event key). */
export interface ReactionConsumer {
  name: string;
  topics: string[];
  handle: (event: { tenantId: string; topic: string; payload: Record<string, unknown>; key: string }) => Promise<'done' | 'skipped'>;
  /**
   * Which events of its topics it needs at all; the others never become jobs. A cheap test on
   * the payload: every job costs a claim, a run and a completion whatever the handler does.
   */
  wants?: (payload: Record<string, unknown>, topic: string) => boolean;
}
