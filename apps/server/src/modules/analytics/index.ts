// The analytics module's public surface: other modules and app/ import from here only.
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import { z } from 'zod';
import type { JobDefinition, ReactionConsumer } from '../../platform/queue/job.ts';
import { compactDailyTicketFacts } from './analytics.repo.ts';
import { createDailyTicketFactsConsumer } from './analytics.consumer.ts';
import { analyticsRoutes } from './analytics.routes.ts';
import { createAnalyticsService } from './analytics.service.ts';

export { DAILY_TICKET_FACTS, TICKET_EVENT_TOPIC } from './analytics.consumer.ts';

export { compactDailyTicketFacts } from './analytics.repo.ts';
export const COMPACT_DAILY_FACTS_JOB = 'analytics.compact-daily-facts';

export function createAnalyticsModule(deps: { db: Database; logger: Logger }) {
  const service = createAnalyticsService({ db: deps.db });
  const consumers: ReactionConsumer[] = [createDailyTicketFactsConsumer(deps)];
  // Every minute: folds the facts' pending deltas (readers add them anyway; this keeps them few).
  const compact: JobDefinition<Record<string, never>> = {
    name: COMPACT_DAILY_FACTS_JOB,
    payload: z.object({}).strict(),
    cron: '* * * * *',
    handler: async () => {
      const batch = 50_000;
      let total = 0;
      for (;;) {
        const folded = await compactDailyTicketFacts(deps.db.system, batch);
        total += folded;
        if (folded < batch) break;
      }
      return total > 0 ? 'done' : 'skipped';
    },
  };
  return { routes: analyticsRoutes(service), consumers, jobs: [compact] };
}
