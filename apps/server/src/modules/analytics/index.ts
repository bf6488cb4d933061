// The analytics module's public surface: other modules and app/ import from here only.
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { createDailyTicketFactsConsumer } from './analytics.consumer.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { createAnalyticsService } from './analytics.service.ts';

export { DAILY_TICKET_FACTS, TICKET_EVENT_TOPIC } from './analytics.consumer.ts';

export function createAnalyticsModule(deps: { db: Database; logger: Logger }) {
  const service = createAnalyticsService({ db: deps.db });
  const consumers: ReactionConsumer[] = [createDailyTicketFactsConsumer(deps)];
  return { routes: analyticsRoutes(service), consumers };
}
