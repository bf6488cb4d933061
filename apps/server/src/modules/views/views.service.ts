import type { z } from 'zod';
import type { ViewCreateBody, ViewUpdateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { invalid, notFound, forbidden } from '../../platform/errors/app-error.ts';
import { validateConditions, type Conditions } from './domain/conditions.ts';
import { resolveConditions } from './domain/predicates.ts';
import { appliedSort, decodeViewCursor, DEFAULT_SORT, encodeViewCursor, type SortSpec } from './domain/sort.ts';
import { viewTicketsRepo, visibilitySql, type ViewTicketRow } from './view-tickets.repo.ts';
import { authorizeShared, canEditView, canSeeView } from './views.policy.ts';
import { viewsRepo, type ViewRow, type ViewWrite } from './views.repo.ts';

type CreateBody = z.output<typeof ViewCreateBody>;
type UpdateBody = z.output<typeof ViewUpdateBody>;

export const DEFAULT_COLUMNS = ['number', 'subject', 'status', 'requester', 'assignee', 'updated_at'];
export const viewNotFound = () => notFound('VIEW_NOT_FOUND', 'The view');

function checkedConditions(raw: CreateBody['conditions']): Conditions {
  const result = validateConditions(raw);
  if (!result.ok) throw invalid('VIEW_CONDITIONS_INVALID', 'The view conditions are not valid', result.issues);
  return result.conditions;
}

/** The view if the actor may see it (a personal view of someone else is 404, as if it did not exist). */
export async function visibleView(trx: Parameters<typeof viewsRepo>[0], actor: Actor, id: string): Promise<ViewRow> {
  const view = await viewsRepo(trx, actor.tenantId).find(id);
  if (!view || !canSeeView(actor, view)) throw viewNotFound();
  return view;
}

export function createViewsService(deps: { db: Database }) {
  const { db } = deps;

  return {
    async list(actor: Actor, options: { includeInactive?: boolean } = {}): Promise<ViewRow[]> {
      return db.tenantTx(actor.tenantId, (trx) => viewsRepo(trx, actor.tenantId).list(actor.userId, options));
    },

    async get(actor: Actor, id: string): Promise<ViewRow> {
      return db.tenantTx(actor.tenantId, (trx) => visibleView(trx, actor, id));
    },

    async create(actor: Actor, body: CreateBody): Promise<ViewRow> {
      const shared = body.scope === 'shared';
      if (shared) authorizeShared(actor);
      const view: ViewWrite = {
        title: body.title,
        title_zh: body.title_zh ?? null,
        conditions: checkedConditions(body.conditions),
        sort: (body.sort as SortSpec | undefined) ?? DEFAULT_SORT,
        columns: body.columns ? [...new Set(body.columns)] : DEFAULT_COLUMNS,
        position: body.position ?? 0,
        active: body.active ?? true,
      };
      return db.tenantTx(actor.tenantId, (trx) => viewsRepo(trx, actor.tenantId).insert(shared ? null : actor.userId, view));
    },

    async update(actor: Actor, id: string, body: UpdateBody): Promise<ViewRow> {
      const conditions = body.conditions ? checkedConditions(body.conditions) : undefined;
      return db.tenantTx(actor.tenantId, async (trx) => {
        const current = await visibleView(trx, actor, id);
        if (!canEditView(actor, current)) throw forbidden('Only admins may change shared views');
        return viewsRepo(trx, actor.tenantId).update(id, {
          title: body.title ?? current.title,
          title_zh: body.title_zh === undefined ? current.title_zh : body.title_zh,
          conditions: conditions ?? current.conditions,
          sort: (body.sort as SortSpec | undefined) ?? current.sort,
          columns: body.columns ? [...new Set(body.columns)] : current.columns,
          position: body.position ?? current.position,
          active: body.active ?? current.active,
        });
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.tenantTx(actor.tenantId, async (trx) => {
        const current = await visibleView(trx, actor, id);
        if (!canEditView(actor, current)) throw forbidden('Only admins may delete shared views');
        await viewsRepo(trx, actor.tenantId).remove(id);
      });
    },

    /** One page of the view's tickets, in its order (or the one asked for), among those the actor may see. */
    async tickets(
      actor: Actor,
      id: string,
      page: { cursor?: string; limit?: number; sort?: 'updated_at' | 'created_at' | 'priority' | 'id'; direction?: 'asc' | 'desc' },
    ): Promise<{ data: ViewTicketRow[]; next_cursor: string | null }> {
      const limit = page.limit ?? 25;
      return db.tenantTx(actor.tenantId, async (trx) => {
        const view = await visibleView(trx, actor, id);
        const sort = appliedSort(page.sort ? { by: page.sort, direction: page.direction ?? 'desc' } : view.sort);
        const after = page.cursor ? decodeViewCursor(page.cursor, sort.by) : undefined;
        if (after === null) throw invalid('INVALID_CURSOR', 'The cursor is not valid for this view', [{ path: 'querystring.cursor', message: 'is not valid' }]);
        const checked = validateConditions(view.conditions);
        if (!checked.ok) throw invalid('VIEW_CONDITIONS_INVALID', 'The stored view conditions are no longer valid; edit the view', checked.issues);
        const resolved = resolveConditions(checked.conditions, { userId: actor.userId, groupIds: actor.groupIds, now: new Date() });
        const rows = await viewTicketsRepo(trx, actor.tenantId).page(resolved, visibilitySql(actor), sort, limit + 1, after);
        const data = rows.slice(0, limit);
        const last = data[data.length - 1];
        const next_cursor = rows.length > limit && last
          ? encodeViewCursor(sort.by === 'id' ? { by: sort.by, id: last.id } : { by: sort.by, id: last.id, key: last.cursor_key })
          : null;
        return { data, next_cursor };
      });
    },
  };
}

export type ViewsService = ReturnType<typeof createViewsService>;
