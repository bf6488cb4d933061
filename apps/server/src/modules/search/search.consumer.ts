import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { consumeEachOnce, consumeOnce } from '../../platform/events/consume-once.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { batchedConsumer } from '../../platform/queue/reactions.ts';
import type { Segmenter } from '../../platform/search/segmenter.ts';
import { indexOrganizations, indexTickets, indexUsers, ticketIdsOfRequesters } from './search.indexer.ts';

export const TICKET_EVENT_TOPIC = 'ticket.event';
export const DIRECTORY_TOPIC = 'search.directory';
export const SEARCH_TICKETS_CONSUMER = 'search-index-tickets';
export const SEARCH_DIRECTORY_CONSUMER = 'search-index-directory';

const id = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
const ticketEvent = z.looseObject({
  ticket_id: id,
  type: z.string(),
  changes: z.record(z.string(), z.unknown()).default({}),
});

/** Ticket columns a document is built from; other changes (status, assignee...) leave it as it is. */
const INDEXED_FIELDS = ['subject', 'tags', 'requester_id'];

/**
 * Whether a ticket event changes what its search document holds. Not ticket.created: a new
 * ticket always gets its first message in the same transaction, and that event indexes it.
 */
export function changesDocument(event: { type: string; changes: Record<string, unknown> }): boolean {
  if (event.type === 'message.created') return true;
  if (event.type === 'ticket.updated') return INDEXED_FIELDS.some((field) => field in event.changes);
  return false;
}

/** Keeps ticket documents up with ticket events (lag: the outbox dispatch, well under a second). */
export function createTicketIndexConsumer(deps: { db: Database; logger: Logger; segmenter: () => Segmenter }): ReactionConsumer {
  return batchedConsumer({
    name: SEARCH_TICKETS_CONSUMER,
    topics: [TICKET_EVENT_TOPIC],
    wants: (payload) => changesDocument({ type: String(payload.type), changes: (payload.changes ?? {}) as Record<string, unknown> }),
    handleBatch: async (events) => {
      const indexed = events.flatMap((event) => {
        const parsed = ticketEvent.safeParse(event.payload);
        if (!parsed.success) {
          deps.logger.warn({ consumer: SEARCH_TICKETS_CONSUMER, key: event.key }, 'ticket event not understood; skipped');
          return [];
        }
        return changesDocument(parsed.data) ? [{ ...event, ticketId: parsed.data.ticket_id }] : [];
      });
      // Each ticket once however many of its events the batch holds: its document is rebuilt whole.
      return consumeEachOnce(deps.db, SEARCH_TICKETS_CONSUMER, indexed, async (trx, fresh, tenantId) => {
        await indexTickets(trx, tenantId, [...new Set(fresh.map((event) => event.ticketId))], deps.segmenter());
      });
    },
  });
}

const directoryEvent = z.object({
  kind: z.enum(['user', 'organization']),
  ids: z.array(id).max(1000).optional(),
  from: id.optional(),
  to: id.optional(),
  requester_changed: z.boolean().default(false),
});

const BATCH = 500;

/**
 * Keeps user and organization documents up with the rows (the statement triggers of migration
 * 0450 write one 'search.directory' outbox row per statement: ids, or an id range for bulk
 * writes). A renamed user's tickets are re-indexed too, since they carry the requester's name.
 */
export function createDirectoryIndexConsumer(deps: { db: Database; logger: Logger; segmenter: () => Segmenter }): ReactionConsumer {
  return {
    name: SEARCH_DIRECTORY_CONSUMER,
    topics: [DIRECTORY_TOPIC],
    handle: async (event) => {
      const parsed = directoryEvent.safeParse(event.payload);
      if (!parsed.success) {
        deps.logger.warn({ consumer: SEARCH_DIRECTORY_CONSUMER, key: event.key }, 'directory event not understood; skipped');
        return 'skipped';
      }
      const { kind, ids, from, to, requester_changed: requesterChanged } = parsed.data;
      return consumeOnce(deps.db, SEARCH_DIRECTORY_CONSUMER, event, async (trx) => {
        const segmenter = deps.segmenter();
        const index = kind === 'user' ? indexUsers : indexOrganizations;
        const table = kind === 'user' ? sql`users` : sql`organizations`;
        const batches: string[][] = [];
        if (ids) batches.push(ids);
        else if (from && to) {
          let after = String(BigInt(from) - 1n);
          for (;;) {
            const { rows } = await sql<{ id: string }>`select id from ${table} where tenant_id = ${event.tenantId}
              and id > ${after} and id <= ${to} order by id limit ${BATCH}`.execute(trx);
            if (rows.length === 0) break;
            batches.push(rows.map((row) => row.id));
            after = rows.at(-1)!.id;
          }
        }
        for (const batch of batches) {
          await index(trx, event.tenantId, batch, segmenter);
          if (kind !== 'user' || !requesterChanged) continue;
          for (let after = '0'; ; ) {
            const tickets = await ticketIdsOfRequesters(trx, event.tenantId, batch, after, BATCH);
            if (tickets.length === 0) break;
            await indexTickets(trx, event.tenantId, tickets, segmenter);
            after = tickets.at(-1)!;
          }
        }
      });
    },
  };
}
