import { z } from 'zod';
import type { Database } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logger/logger.ts';
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

export interface ViewCountCompactor {
  stop: () => Promise<void>;
}

/**
 * Worker role: folds the pending count deltas into the aggregate every `intervalMs` (and at once
 * again while a pass was full). Correctness never depends on it (a count is aggregate + pending
 * deltas); it only keeps the pending part small. Several workers may run it: a pass that finds
 * another holding the lock does nothing.
 */
export function startViewCountCompactor(deps: { db: Database; logger: Logger; intervalMs?: number; batch?: number }): ViewCountCompactor {
  const log = deps.logger.child({ component: 'view-count-compactor' });
  const intervalMs = deps.intervalMs ?? 2_000;
  const batch = deps.batch ?? 50_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const pass = async () => {
    let delay = intervalMs;
    try {
      const folded = await compactViewCounts(deps.db.system, batch);
      if (folded >= batch) delay = 0;
      if (folded > 0) log.debug({ folded }, 'view count deltas folded');
    } catch (error) {
      log.warn({ err: error }, 'view count compaction failed; retrying');
    }
    if (!stopped) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    running = pass();
  };
  timer = setTimeout(tick, 0);

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
