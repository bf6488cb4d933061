import { sql } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import { dependsOnViewer, validateConditions } from './domain/conditions.ts';
import { countableFromAggregate, resolveConditions, type ResolvedConditions } from './domain/predicates.ts';
import { aggregateCounts } from './view-counts.repo.ts';
import { viewTicketsRepo, visibilitySql } from './view-tickets.repo.ts';
import { viewsRepo, type ViewRow } from './views.repo.ts';

export interface ViewCount {
  view_id: string;
  count: number | null;
  stale: boolean;
}

/**
 * Counts of all the caller's views at once, never a COUNT(*) over the tickets per page load:
 *
 * 1. Views testing only status, assignee, group and priority (the defaults but one), seen by a
 *    staff member who sees every ticket: ONE query over the kept aggregate plus its pending
 *    deltas (view-counts.repo.ts). Exact at the snapshot; `stale: false`.
 * 2. Other views (tags, custom fields, time windows...) or a viewer restricted to some tickets:
 *    a count by the view's own query, kept on the live/solved partial indexes when the view can
 *    only hold such tickets, bounded by a statement timeout, and cached here per view (and per
 *    viewer when the answer depends on who asks) for CACHE_MS: served from the cache it says
 *    `stale: true`. A count that times out answers the last known one (stale) or null.
 */
export const CACHE_MS = 2_000;
const KEEP_MS = 60_000;
const CACHE_MAX = 20_000;
const QUERY_TIMEOUT_MS = 1_500;

interface Cached {
  count: number;
  at: number;
}

export function createViewCountsService(deps: { db: Database; logger: Logger; now?: () => number }) {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, Cached>();

  const remember = (key: string, count: number) => {
    cache.delete(key);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, { count, at: now() });
  };

  /** Who the cached answer is for: everyone who sees all tickets, unless the view says 'me' / 'my_groups'. */
  const cacheKey = (actor: Actor, view: ViewRow, personal: boolean) =>
    `${actor.tenantId}:${view.id}:${view.version}:${personal ? `u${actor.userId}` : 'all'}`;

  async function queryCount(actor: Actor, resolved: ResolvedConditions): Promise<number | null> {
    try {
      return await db.tenantTx(actor.tenantId, async (trx) => {
        await sql`select set_config('statement_timeout', ${String(QUERY_TIMEOUT_MS)}, true)`.execute(trx);
        return viewTicketsRepo(trx, actor.tenantId).count(resolved, visibilitySql(actor));
      });
    } catch (error) {
      if ((error as { code?: string }).code !== '57014') throw error;
      deps.logger.warn({ tenantId: actor.tenantId }, 'view count query timed out');
      return null;
    }
  }

  async function countsFor(actor: Actor): Promise<ViewCount[]> {
    const at = new Date(now());
    const context = { userId: actor.userId, groupIds: actor.groupIds, now: at };
    const { views, fromAggregate } = await db.tenantTx(actor.tenantId, async (trx) => {
      const rows = await viewsRepo(trx, actor.tenantId).list(actor.userId);
      const prepared = rows.map((view) => {
        const checked = validateConditions(view.conditions);
        return { view, conditions: checked.ok ? checked.conditions : null };
      });
      const aggregated = prepared.filter(
        (p) => p.conditions && actor.ticketAccess === 'all' && countableFromAggregate(resolveConditions(p.conditions, context)),
      );
      const counts = await aggregateCounts(trx, actor.tenantId, aggregated.map((p) => resolveConditions(p.conditions!, context)));
      return { views: prepared, fromAggregate: new Map(aggregated.map((p, index) => [p.view.id, counts[index]!])) };
    });

    const result: ViewCount[] = [];
    for (const { view, conditions } of views) {
      const kept = fromAggregate.get(view.id);
      if (kept !== undefined) {
        result.push({ view_id: view.id, count: kept, stale: false });
        continue;
      }
      if (!conditions) {
        result.push({ view_id: view.id, count: null, stale: false });
        continue;
      }
      const key = cacheKey(actor, view, actor.ticketAccess !== 'all' || dependsOnViewer(conditions));
      const cached = cache.get(key);
      if (cached && now() - cached.at < CACHE_MS) {
        result.push({ view_id: view.id, count: cached.count, stale: true });
        continue;
      }
      const count = await queryCount(actor, resolveConditions(conditions, context));
      if (count !== null) {
        remember(key, count);
        result.push({ view_id: view.id, count, stale: false });
      } else {
        const usable = cached && now() - cached.at < KEEP_MS ? cached.count : null;
        result.push({ view_id: view.id, count: usable, stale: true });
      }
    }
    return result;
  }

  return { countsFor, clearCache: () => cache.clear() };
}

export type ViewCountsService = ReturnType<typeof createViewCountsService>;
