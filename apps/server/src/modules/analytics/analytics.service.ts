import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors/app-error.ts';
import { listDailyTicketFacts, type DailyTicketFactRow } from './analytics.repo.ts';
import { authorizeReadFacts } from './analytics.policy.ts';

export const MAX_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export function createAnalyticsService(deps: { db: Database; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Daily ticket facts of a date range (UTC days; default the last 30 days). */
    async dailyTicketFacts(actor: Actor, range: { from?: string; to?: string }): Promise<DailyTicketFactRow[]> {
      authorizeReadFacts(actor);
      const to = range.to ?? now().toISOString().slice(0, 10);
      const from = range.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
      const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
      if (days < 0) throw invalid('ANALYTICS_RANGE_INVALID', '`from` must not be after `to`');
      if (days >= MAX_RANGE_DAYS) throw invalid('ANALYTICS_RANGE_TOO_LONG', `A range covers at most ${MAX_RANGE_DAYS} days`);
      return deps.db.tenantTx(actor.tenantId, (trx) => listDailyTicketFacts(trx, { from, to }));
    },
  };
}
export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
