import { z } from 'zod';
import type { Database } from '../../../platform/db/database.ts';
import type { JobDefinition } from '../../../platform/queue/job.ts';
import { checkViewCounts, compactViewCounts } from '../view-counts.repo.ts';

export const CHECK_VIEW_COUNTS_JOB = 'views.check-counts';

/**
 * Hourly: compares the kept view counts with counts recomputed from the tickets (one consistent
 * snapshot), logs any drift and rebuilds the tenants that drifted. Idempotent: a second run finds
 * nothing to repair.
 */
export function createCheckViewCountsJob(deps: { db: Database }): JobDefinition<Record<string, never>> {
  return {
    name: CHECK_VIEW_COUNTS_JOB,
    payload: z.object({}).strict(),
    cron: '41 * * * *',
    handler: async (_payload, { logger }) => {
      const result = await checkViewCounts(deps.db.system, { repair: true });
      if (result.drift.length === 0) {
        logger.info({ tenants: result.tenants }, 'view counts consistent');
        return 'skipped';
      }
      logger.warn({ tenants: result.repaired, rows: result.drift.length, sample: result.drift.slice(0, 5) }, 'view count drift repaired');
      return 'done';
    },
  };
}

export const COMPACT_VIEW_COUNTS_JOB = 'views.compact-counts';

/**
 * Every minute: folds the pending count deltas into the aggregate, batch after batch until the
 * backlog is gone. Correctness never depends on it (a count is aggregate + pending deltas); it
 * only keeps the pending part small. A scheduled job rather than a timer loop (DESIGN §4):
 * pg-boss fires it once per tick across nodes, and a pass that finds another holding the
 * compaction lock does nothing. Idempotent: a second run finds nothing to fold.
 */
export function createCompactViewCountsJob(deps: { db: Database; batch?: number }): JobDefinition<Record<string, never>> {
  const batch = deps.batch ?? 50_000;
  return {
    name: COMPACT_VIEW_COUNTS_JOB,
    payload: z.object({}).strict(),
    cron: '* * * * *',
    handler: async (_payload, { logger }) => {
      let total = 0;
      for (;;) {
        const folded = await compactViewCounts(deps.db.system, batch);
        total += folded;
        if (folded < batch) break;
      }
      if (total > 0) logger.debug({ folded: total }, 'view count deltas folded');
      return total > 0 ? 'done' : 'skipped';
    },
  };
}
