import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger/logger.ts';
import type { ReactionConsumer, ReactionEvent } from '../../src/platform/queue/job.ts';
import { reactionGroupPayload, reactionJobs, routeTopics, sharedReactionJob } from '../../src/platform/queue/reactions.ts';

const logger = createLogger('silent');
const event = (outboxId: string, topic = 'probe') => ({ outboxId, tenantId: '1', topic, payload: { n: outboxId }, createdAt: new Date().toISOString() });

/** A batching consumer that records what it was given; `failOn` keys fail alone and in any batch. */
function recorder(options: { failOn?: string[]; batchSize?: number; name?: string; wants?: ReactionConsumer['wants'] } = {}) {
  const batches: string[][] = [];
  const singles: string[] = [];
  const fails = (events: ReactionEvent[]) => events.some((e) => options.failOn?.includes(e.key));
  const consumer: ReactionConsumer = {
    name: options.name ?? 'recorder',
    topics: ['probe'],
    batchSize: options.batchSize,
    wants: options.wants,
    handle: async (e) => {
      if (fails([e])) throw new Error(`cannot ${e.key}`);
      singles.push(e.key);
      return 'done';
    },
    handleBatch: async (events) => {
      if (fails(events)) throw new Error('batch failed');
      batches.push(events.map((e) => e.key));
    },
  };
  return { consumer, batches, singles, job: reactionJobs([consumer])[0]! };
}

describe('reaction jobs', () => {
  it('reads a job of the one-event shape queued before jobs held groups', () => {
    const parsed = reactionGroupPayload.parse(event('7'));
    expect(parsed.events.map((e) => e.outboxId)).toEqual(['7']);
    expect(reactionGroupPayload.safeParse({ events: [] }).success).toBe(false);
  });

  it('runs a job\'s events as one batch, skipping topics the consumer no longer has', async () => {
    const { job, batches, singles } = recorder();
    expect(await job.handler({ events: [event('1'), event('2', 'gone'), event('3')] }, { logger, attempt: 1 })).toBe('done');
    expect(batches).toEqual([['outbox:1', 'outbox:3']]);
    expect(singles).toEqual([]);
  });

  it('runs each event alone when the batch fails, and fails the job when one of them does', async () => {
    const { job, singles } = recorder({ failOn: ['outbox:2'] });
    await expect(job.handler({ events: [event('1'), event('2'), event('3')] }, { logger, attempt: 1 })).rejects.toThrow('cannot outbox:2');
    expect(singles.sort()).toEqual(['outbox:1', 'outbox:3']);
  });

  it('splits the events of jobs fetched together into batches of the consumer\'s size', async () => {
    const { job, batches } = recorder({ batchSize: 2 });
    expect(job.batchSize).toBe(2);
    await job.batchHandler!([{ events: [event('1'), event('2'), event('3')] }, { events: [event('4')] }], { logger });
    expect(batches).toEqual([['outbox:1', 'outbox:2'], ['outbox:3', 'outbox:4']]);
  });

  it('routes a batching consumer with its batch size as events per job, others one event per job', () => {
    const { consumer } = recorder({ batchSize: 25 });
    const single: ReactionConsumer = { name: 'single', topics: ['probe'], handle: async () => 'done' };
    expect(routeTopics([consumer, single]).get('probe')!.map((route) => [route.queue, route.eventsPerJob])).toEqual([
      ['reaction.recorder', 25],
      ['reaction.single', 1],
    ]);
  });

  describe('a shared job', () => {
    const odd = (payload: Record<string, unknown>) => Number(payload.n) % 2 === 1;
    const members = (failOn: string[] = []) => [recorder({ name: 'all' }), recorder({ name: 'odd', wants: odd, batchSize: 20, failOn })];

    it('is routed as one queue wanting what any member wants, and keeps the members\' queues for jobs queued before', () => {
      const [all, oddOnes] = members();
      const shared = sharedReactionJob('followers', [all!.consumer, oddOnes!.consumer]);
      expect(routeTopics([shared]).get('probe')!.map((route) => [route.queue, route.eventsPerJob])).toEqual([['reaction.followers', 20]]);
      expect(shared.wants!({ n: '2' }, 'probe')).toBe(true);
      expect(reactionJobs([shared]).map((job) => job.name)).toEqual(['reaction.followers', 'reaction.all', 'reaction.odd']);
    });

    it('gives each member the events it wants, in one batch each', async () => {
      const [all, oddOnes] = members();
      const [job] = reactionJobs([sharedReactionJob('followers', [all!.consumer, oddOnes!.consumer])]);
      expect(await job!.handler({ events: [event('1'), event('2'), event('3')] }, { logger, attempt: 1 })).toBe('done');
      expect(all!.batches).toEqual([['outbox:1', 'outbox:2', 'outbox:3']]);
      expect(oddOnes!.batches).toEqual([['outbox:1', 'outbox:3']]);
    });

    it('fails the job when one member fails, after the others applied their events', async () => {
      const [all, oddOnes] = members(['outbox:3']);
      const [job] = reactionJobs([sharedReactionJob('followers', [all!.consumer, oddOnes!.consumer])]);
      await expect(job!.handler({ events: [event('1'), event('2'), event('3')] }, { logger, attempt: 1 })).rejects.toThrow('cannot outbox:3');
      expect(all!.batches).toEqual([['outbox:1', 'outbox:2', 'outbox:3']]);
      // The batch failed, so each event ran alone: the member that failed applied the rest.
      expect(oddOnes!.singles).toEqual(['outbox:1']);
    });
  });
});
