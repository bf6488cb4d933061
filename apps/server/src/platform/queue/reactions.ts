import { z } from 'zod';
import type { JobDefinition, ReactionConsumer, ReactionEvent } from './job.ts';

/** The job a dispatched outbox row becomes, one per consumer of its topic. */
export const reactionJobPayload = z.object({
  outboxId: z.string().regex(/^\d+$/),
  tenantId: z.string().regex(/^\d+$/),
  topic: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type ReactionJobPayload = z.infer<typeof reactionJobPayload>;

export const reactionQueueName = (consumer: Pick<ReactionConsumer, 'name'>) => `reaction.${consumer.name}`;

/** The key a consumer dedupes on: one outbox row is one event. */
export const reactionEventKey = (payload: Pick<ReactionJobPayload, 'outboxId'>) => `outbox:${payload.outboxId}`;

/** A consumer's queue, and the events of the topic it wants (all when unset). */
export interface ReactionRoute {
  queue: string;
  wants?: ReactionConsumer['wants'];
}

/** Which queues each topic fans out to. */
export function routeTopics(consumers: ReadonlyArray<ReactionConsumer>): Map<string, ReactionRoute[]> {
  const routes = new Map<string, ReactionRoute[]>();
  const names = new Set<string>();
  for (const consumer of consumers) {
    if (names.has(consumer.name)) throw new Error(`Two reaction consumers are named ${consumer.name}`);
    names.add(consumer.name);
    for (const topic of consumer.topics) routes.set(topic, [...(routes.get(topic) ?? []), { queue: reactionQueueName(consumer), wants: consumer.wants }]);
  }
  return routes;
}

const toEvent = (job: ReactionJobPayload): ReactionEvent => ({ tenantId: job.tenantId, topic: job.topic, payload: job.payload, key: reactionEventKey(job) });

/** Jobs a batching consumer takes at once: the dispatcher's coalescing makes batches this large under load. */
const REACTION_BATCH = 100;

/** Each consumer runs as an ordinary job on its own queue (retries, logs and metrics included). */
export function reactionJobs(consumers: ReadonlyArray<ReactionConsumer>): JobDefinition<ReactionJobPayload>[] {
  return consumers.map((consumer) => {
    const handleBatch = consumer.handleBatch;
    return {
      name: reactionQueueName(consumer),
      payload: reactionJobPayload,
      handler: async (job, { logger }) => {
        if (!consumer.topics.includes(job.topic)) {
          logger.warn({ topic: job.topic }, 'reaction for a topic this consumer no longer handles');
          return 'skipped';
        }
        return consumer.handle(toEvent(job));
      },
      ...(handleBatch
        ? {
            batchSize: consumer.batchSize ?? REACTION_BATCH,
            concurrency: consumer.concurrency,
            batchHandler: async (jobs: ReactionJobPayload[]) => handleBatch(jobs.filter((job) => consumer.topics.includes(job.topic)).map(toEvent)),
          }
        : {}),
    };
  });
}

/**
 * A consumer written once for many events: `handle` is the batch of one. Its effect must be
 * right for any mix of events (tenants, tickets, repeats of one ticket) in any batch size.
 */
export function batchedConsumer(
  consumer: Omit<ReactionConsumer, 'handle' | 'handleBatch'> & {
    handleBatch: (events: ReactionEvent[]) => Promise<number>;
  },
): ReactionConsumer {
  return {
    ...consumer,
    handle: async (event) => ((await consumer.handleBatch([event])) > 0 ? 'done' : 'skipped'),
    handleBatch: async (events) => {
      await consumer.handleBatch(events);
    },
  };
}
