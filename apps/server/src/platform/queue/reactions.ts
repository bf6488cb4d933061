import { z } from 'zod';
import type { Logger } from '../logger/logger.ts';
import type { JobDefinition, ReactionConsumer, ReactionEvent } from './job.ts';

/** One committed outbox row as a consumer's job carries it. */
export const reactionJobPayload = z.object({
  outboxId: z.string().regex(/^\d+$/),
  tenantId: z.string().regex(/^\d+$/),
  topic: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type ReactionJobPayload = z.infer<typeof reactionJobPayload>;

/**
 * The job of one consumer: the events of one dispatch it wants, up to its batch size. One job per
 * event cost each event a job row, a claim and a completion: 30% of the statement time of an
 * inbound mail. A job of the earlier shape (one event) is still read.
 */
export const reactionGroupPayload = z.union([
  z.object({ events: z.array(reactionJobPayload).min(1) }),
  reactionJobPayload.transform((event) => ({ events: [event] })),
]);
export type ReactionGroupPayload = { events: ReactionJobPayload[] };

export const reactionQueueName = (consumer: Pick<ReactionConsumer, 'name'>) => `reaction.${consumer.name}`;

/** The key a consumer dedupes on: one outbox row is one event. */
export const reactionEventKey = (payload: Pick<ReactionJobPayload, 'outboxId'>) => `outbox:${payload.outboxId}`;

/** Events a batching consumer takes at once: the dispatcher's coalescing makes batches this large under load. */
const REACTION_BATCH = 100;

const eventsPerJob = (consumer: ReactionConsumer) => (consumer.handleBatch ? (consumer.batchSize ?? REACTION_BATCH) : 1);

/** A consumer's queue, the events of the topic it wants (all when unset), and how many one job holds. */
export interface ReactionRoute {
  queue: string;
  wants?: ReactionConsumer['wants'];
  eventsPerJob: number;
}

/** Which queues each topic fans out to. */
export function routeTopics(consumers: ReadonlyArray<ReactionConsumer>): Map<string, ReactionRoute[]> {
  const routes = new Map<string, ReactionRoute[]>();
  const names = new Set<string>();
  for (const consumer of consumers) {
    if (names.has(consumer.name)) throw new Error(`Two reaction consumers are named ${consumer.name}`);
    names.add(consumer.name);
    for (const topic of consumer.topics) routes.set(topic, [...(routes.get(topic) ?? []), { queue: reactionQueueName(consumer), wants: consumer.wants, eventsPerJob: eventsPerJob(consumer) }]);
  }
  return routes;
}

const toEvent = (job: ReactionJobPayload): ReactionEvent => ({ tenantId: job.tenantId, topic: job.topic, payload: job.payload, key: reactionEventKey(job) });

/**
 * Consumers of the same events run as ONE job per dispatch instead of one each: every job costs a
 * row, a claim, a completion and a worker's turn. For the four consumers of ticket events, pg-boss's
 * statements per inbound mail fell by 40%. Each member still applies its events in its own
 * transaction with its own consume-once marks; they run side by side, and the job fails (to be
 * retried whole) when any of them fails: on the retry, those that succeeded skip what they applied.
 */
export function sharedReactionJob(name: string, members: ReactionConsumer[]): ReactionConsumer {
  const applies = (member: ReactionConsumer, payload: Record<string, unknown>, topic: string) =>
    member.topics.includes(topic) && (!member.wants || member.wants(payload, topic));
  const sizes = members.map((member) => member.batchSize ?? REACTION_BATCH);
  const settle = async (runs: Promise<unknown>[]) => {
    const failed = (await Promise.allSettled(runs)).find((run) => run.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return {
    name,
    topics: [...new Set(members.flatMap((member) => member.topics))],
    wants: (payload, topic) => members.some((member) => applies(member, payload, topic)),
    batchSize: Math.min(...sizes),
    concurrency: Math.max(...members.map((member) => member.concurrency ?? 1)),
    members,
    handle: async (event) => {
      const outcomes: Array<'done' | 'skipped'> = [];
      await settle(members.filter((member) => applies(member, event.payload, event.topic)).map(async (member) => outcomes.push(await member.handle(event))));
      return outcomes.includes('done') ? 'done' : 'skipped';
    },
    handleBatch: async (events) => {
      await settle(
        members.map(async (member) => {
          const own = events.filter((event) => applies(member, event.payload, event.topic));
          if (own.length === 0) return;
          if (member.handleBatch) await member.handleBatch(own);
          else for (const event of own) await member.handle(event);
        }),
      );
    },
  };
}

/**
 * Each consumer runs as an ordinary job on its own queue (retries, logs and metrics included). A
 * job's events go through `handleBatch` together; when that fails, each goes through `handle`
 * alone, and the job fails (to be retried whole: consumers are idempotent) if any of them does.
 */
export function reactionJobs(consumers: ReadonlyArray<ReactionConsumer>): JobDefinition<ReactionGroupPayload>[] {
  return consumers.flatMap((consumer) => [consumer, ...(consumer.members ?? [])]).map((consumer) => {
    const perJob = eventsPerJob(consumer);
    const ownEvents = (events: ReactionJobPayload[]) => events.filter((event) => consumer.topics.includes(event.topic)).map(toEvent);

    // One after another: side by side they would contend for the same rows the batch just failed on.
    const runEach = async (events: ReactionEvent[]) => {
      let done = false;
      let failure: unknown;
      for (const event of events) {
        try {
          done = (await consumer.handle(event)) === 'done' || done;
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure !== undefined) throw failure;
      return done ? 'done' : 'skipped';
    };

    const runGroup = async (events: ReactionEvent[], logger: Logger): Promise<'done' | 'skipped'> => {
      if (events.length === 0) return 'skipped';
      if (!consumer.handleBatch || events.length === 1) return runEach(events);
      try {
        await consumer.handleBatch(events);
        return 'done';
      } catch (error) {
        logger.warn({ err: error, events: events.length }, 'reaction batch failed; running its events one by one');
        return runEach(events);
      }
    };

    return {
      name: reactionQueueName(consumer),
      payload: reactionGroupPayload,
      handler: async (job, { logger }) => {
        const events = ownEvents(job.events);
        if (events.length < job.events.length) logger.warn({ consumer: consumer.name }, 'reaction for a topic this consumer no longer handles');
        return runGroup(events, logger);
      },
      concurrency: consumer.concurrency,
      ...(consumer.handleBatch
        ? {
            // Jobs fetched at once: about one batch of events together when the dispatcher runs
            // often. At least two: pg-boss fetches again at once only after a full fetch of two or more.
            batchSize: Math.max(2, Math.floor(perJob / 10)),
            batchHandler: async (jobs: ReactionGroupPayload[]) => {
              const events = ownEvents(jobs.flatMap((job) => job.events));
              for (let at = 0; at < events.length; at += perJob) await consumer.handleBatch!(events.slice(at, at + perJob));
            },
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
