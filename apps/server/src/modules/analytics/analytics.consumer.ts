import type { Database } from '../../platform/db/database.ts';
import { consumeOnce } from '../../platform/events/consume-once.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { addDailyTicketFacts } from './analytics.repo.ts';
import { dailyFactIncrement, ticketEventPayload } from './domain/ticket-facts.ts';

export const TICKET_EVENT_TOPIC = 'ticket.event';
export const DAILY_TICKET_FACTS = 'daily-ticket-facts';

/** Keeps daily_ticket_facts up with every ticket event, once per event. */
export function createDailyTicketFactsConsumer(deps: { db: Database; logger: Logger }): ReactionConsumer {
  return {
    name: DAILY_TICKET_FACTS,
    topics: [TICKET_EVENT_TOPIC],
    wants: (payload) => {
      const parsed = ticketEventPayload.safeParse(payload);
      return !parsed.success || dailyFactIncrement(parsed.data) !== null;
    },
    handle: async (event) => {
      const parsed = ticketEventPayload.safeParse(event.payload);
      if (!parsed.success) {
        deps.logger.warn({ consumer: DAILY_TICKET_FACTS, key: event.key, issues: parsed.error.issues }, 'ticket event not understood; skipped');
        return 'skipped';
      }
      const increment = dailyFactIncrement(parsed.data);
      if (!increment) return 'skipped';
      return consumeOnce(deps.db, DAILY_TICKET_FACTS, event, (trx) => addDailyTicketFacts(trx, event.tenantId, increment));
    },
  };
}
