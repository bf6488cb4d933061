// The views module's public surface: app/ and other modules import from here only.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { JobDefinition, ReactionConsumer } from '../../platform/queue/job.ts';
import { createCheckViewCountsJob, createCompactViewCountsJob } from './jobs/view-counts.jobs.ts';
import { createViewCountsService } from './view-counts.service.ts';
import { createViewNoticesConsumer } from './view-notices.consumer.ts';
import { viewsRoutes } from './views.routes.ts';
import { createViewsService } from './views.service.ts';

export { checkViewCounts, compactViewCounts, repairViewCounts, type CountDrift } from './view-counts.repo.ts';
export { CHECK_VIEW_COUNTS_JOB, COMPACT_VIEW_COUNTS_JOB } from './jobs/view-counts.jobs.ts';
export { VIEW_CHANGED, VIEW_NOTICES } from './view-notices.consumer.ts';
export { viewsCheckCounts } from './views.cli.ts';

/**
 * Tenant provisioner: the default views (My open tickets, Unassigned in my groups, All open,
 * Pending, Recently solved), in English and Chinese. The definitions live in SQL
 * (views_seed_defaults, migration 0400) so that the migration seeds existing tenants the same way.
 */
export async function seedDefaultViews(trx: Transaction<any>, tenantId: string): Promise<void> {
  await sql`select views_seed_defaults(${tenantId}::bigint)`.execute(trx);
}

/** Views: routes (mounted at /api/v1), the live-notice consumer and the counts check job. */
export function createViewsModule(deps: { db: Database; logger: Logger }) {
  const views = createViewsService({ db: deps.db });
  const counts = createViewCountsService({ db: deps.db, logger: deps.logger });
  const consumers: ReactionConsumer[] = [createViewNoticesConsumer(deps)];
  const jobs: JobDefinition<any>[] = [createCheckViewCountsJob(deps), createCompactViewCountsJob(deps)];
  return { views, counts, consumers, jobs, routes: viewsRoutes({ views, counts }) };
}
