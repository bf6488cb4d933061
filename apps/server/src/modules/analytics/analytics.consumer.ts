import type { Database } from '../../platform/db/database.ts';
import { consumeEachOnce } from '../../platform/events/consume-once.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { batchedConsumer } from '../../platform/queue/reactions.ts';
import { addDailyTicketFacts } from './analytics.repo.ts';
import { dailyFactIncrement, ticketEventPayload } from './domain/ticket-facts.ts';

export const TICKET_EVENT_TOPIC = 'ticket.event';
export const DAILY_TICKET_FACTS = 'daily-ticket-facts';

/** Keeps daily_ticket_facts up with every ticket event, once per event. */
export function createDailyTicketFactsConsumer(deps: { db: Database; logger: Logger }): ReactionConsumer {
  return batchedConsumer({
    name: DAILY_TICKET_FACTS,
    topics: [TICKET_EVENT_TOPIC],
    wants: (payload) => {
      const parsed = ticketEventPayload.safeParse(payload);
      return !parsed.success || dailyFactIncrement(parsed.data) !== null;
    },
    handleBatch: async (events) => {
      const counted = events.flatMap((event) => {
        const parsed = ticketEventPayload.safeParse(event.payload);
        if (!parsed.success) {
          deps.logger.warn({ consumer: DAILY_TICKET_FACTS, key: event.key, issues: parsed.error.issues }, 'ticket event not understood; skipped');
          return [];
        }
        const increment = dailyFactIncrement(parsed.data);
        return increment ? [{ ...event, increment }] : [];
      });
      return consumeEachOnce(deps.db, DAILY_TICKET_FACTS, counted, (trx, fresh, tenantId) =>
        addDailyTicketFacts(
          trx,
          tenantId,
          fresh.map((event) => event.increment),
        ),
      );
    },
  });
}
