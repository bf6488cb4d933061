import { sql } from 'kysely';
import { fromKysely, type Db } from 'pg-boss';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger/logger.ts';
import type { ReactionGroupPayload, ReactionJobPayload, ReactionRoute } from '../queue/reactions.ts';
import { createPgListener, type PgListener } from './pg-listener.ts';

export const OUTBOX_CHANNEL = 'switchboard_outbox';

interface OutboxRow {
  id: string;
  tenant_id: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

export interface OutboxDispatcherOptions {
  db: Database;
  databaseUrl: string;
  logger: Logger;
  /** topic -> queues of its consumers (see routeTopics). */
  routes: Map<string, ReactionRoute[]>;
  /** Inserts jobs into a queue through `db` (the dispatch transaction). */
  insertJobs: (queue: string, payloads: ReactionGroupPayload[], options: { db: Db }) => Promise<void>;
  batchSize?: number;
  /**
   * Milliseconds a wake-up waits before draining, so the rows of concurrent commits leave as one
   * batch (and become one job batch per consumer) instead of one round trip each. Default 15.
   */
  coalesceMs?: number;
  /** Start listening (default true); off for tests that drive `dispatchBatch` by hand. */
  listen?: boolean;
}

export interface OutboxDispatcher {
  /** Listens, and drains what is already there (rows left by a crash). */
  start: () => Promise<void>;
  /** Moves one batch of outbox rows into jobs; returns how many rows it took. */
  dispatchBatch: () => Promise<number>;
  /** Dispatches until the outbox is empty (for this dispatcher: rows locked by others are skipped). */
  drain: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * Turns committed outbox rows into pg-boss jobs: per consumer, one job holds the rows it wants
 * (up to its route's eventsPerJob). The delete and the job inserts share ONE transaction on the
 * owner connection: a crash before commit leaves the rows for the next run, a crash after leaves
 * the jobs; never both, never neither. `skip locked` lets several worker processes dispatch at
 * once without taking the same row.
 */
export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const log = options.logger.child({ component: 'outbox-dispatcher' });
  const batchSize = options.batchSize ?? 100;
  const coalesceMs = options.coalesceMs ?? 15;
  let listener: PgListener | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;

  const dispatchBatch = () =>
    options.db.systemTx(async (trx) => {
      const { rows } = await sql<OutboxRow>`
        delete from outbox
        where id in (select id from outbox order by id limit ${batchSize} for update skip locked)
        returning id, tenant_id, topic, payload, created_at`.execute(trx);
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, { route: ReactionRoute; events: ReactionJobPayload[] }>();
      for (const row of rows) {
        const routes = options.routes.get(row.topic) ?? [];
        if (routes.length === 0) log.debug({ topic: row.topic, outboxId: row.id }, 'no consumer for topic');
        for (const route of routes) {
          if (route.wants && !route.wants(row.payload, row.topic)) continue;
          const entry = byQueue.get(route.queue) ?? { route, events: [] };
          entry.events.push({
            outboxId: row.id,
            tenantId: row.tenant_id,
            topic: row.topic,
            payload: row.payload,
            createdAt: new Date(row.created_at).toISOString(),
          });
          byQueue.set(route.queue, entry);
        }
      }
      const db = fromKysely(trx);
      for (const [queue, { route, events }] of byQueue) {
        const jobs: ReactionGroupPayload[] = [];
        for (let at = 0; at < events.length; at += route.eventsPerJob) jobs.push({ events: events.slice(at, at + route.eventsPerJob) });
        await options.insertJobs(queue, jobs, { db });
      }
      return rows.length;
    });

  const drain = async () => {
    let total = 0;
    for (;;) {
      const taken = await dispatchBatch();
      total += taken;
      if (taken < batchSize || stopped) return total;
    }
  };

  /** Coalesces wake-ups: one drain at a time, and one more if woken while it ran. */
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      if (coalesceMs > 0) await new Promise((resolve) => setTimeout(resolve, coalesceMs));
      do {
        again = false;
        try {
          const total = await drain();
          if (total > 0) log.debug({ dispatched: total }, 'outbox dispatched');
        } catch (error) {
          log.error({ err: error }, 'outbox dispatch failed; will retry');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
  };

  return {
    dispatchBatch,
    drain,
    start: async () => {
      if (options.listen !== false) {
        listener = createPgListener({
          url: options.databaseUrl,
          channel: OUTBOX_CHANNEL,
          logger: options.logger,
          onNotification: wake,
          onListening: wake,
        });
      }
      // No timer loop here (DESIGN §4): NOTIFY wakes it, every (re)connection of the listener
      // drains, and the scheduled outbox sweep job drains whatever a missed NOTIFY left.
      wake();
      await listener?.ready().catch((error) => log.warn({ err: error }, 'outbox listen not ready yet; polling meanwhile'));
    },
    stop: async () => {
      stopped = true;
      await listener?.close();
      await running;
    },
  };
}
