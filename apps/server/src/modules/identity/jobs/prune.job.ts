import { z } from 'zod';
import type { Database } from '../../../platform/db/database.ts';
import type { JobDefinition } from '../../../platform/queue/job.ts';
import { pruneIdentityData } from '../identity.maintenance.ts';

export const IDENTITY_PRUNE_JOB = 'identity.prune';

/** Hourly: expired sessions and stale login-failure counters go (idempotent, all tenants). */
export function createIdentityPruneJob(deps: { db: Database }): JobDefinition<Record<string, never>> {
  return {
    name: IDENTITY_PRUNE_JOB,
    payload: z.object({}).strict(),
    cron: '41 * * * *',
    handler: async (_payload, { logger }) => {
      const removed = await pruneIdentityData(deps.db);
      logger.info(removed, 'identity data pruned');
      return removed.sessions + removed.loginAttempts + removed.links > 0 ? 'done' : 'skipped';
    },
  };
}
