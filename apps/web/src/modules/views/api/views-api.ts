import type { Ticket } from '@switchboard/contracts';
import { ApiError, api } from '../../../lib/api';
import type { Page } from '../../tickets';
import { FALLBACK_VIEWS, fallbackQuery } from '../utils/fallback-views';

/** A saved ticket filter, as GET /api/v1/views gives it (the fields the workspace uses). */
export interface View {
  id: string;
  key: string | null;
  title: string;
  title_zh: string | null;
  scope?: 'shared' | 'personal';
  columns?: string[];
  position?: number;
  /** Set on the built-in views used while the server has no views API. */
  fallback?: boolean;
}

export interface ViewCount {
  view_id: string;
  count: number | null;
  stale: boolean;
}

/** True when the server has no such route yet (an older server): the workspace falls back. */
export const isMissingRoute = (error: unknown) =>
  error instanceof ApiError && (error.code === 'ROUTE_NOT_FOUND' || (error.status === 404 && error.code !== 'VIEW_NOT_FOUND'));

export const viewsApi = {
  /** The caller's views; the built-in ones when the server has no views API. */
  list: async (signal?: AbortSignal): Promise<{ views: View[]; fallback: boolean }> => {
    try {
      const result = await api.get<{ data: View[] }>('/api/v1/views', { signal });
      return { views: result.data, fallback: false };
    } catch (error) {
      if (isMissingRoute(error)) return { views: FALLBACK_VIEWS, fallback: true };
      throw error;
    }
  },

  /** Every view's count; counted from a page of tickets each when the server has no views API. */
  counts: async (signal?: AbortSignal): Promise<ViewCount[]> => {
    try {
      return (await api.get<{ data: ViewCount[] }>('/api/v1/views/counts', { signal })).data;
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
    }
    // Without the views API: count what one page of 100 shows (the rail says "99+" beyond).
    return Promise.all(
      FALLBACK_VIEWS.map(async (view) => {
        const page = await api.get<Page<Ticket>>('/api/v1/tickets', { query: { ...fallbackQuery(view.id), limit: 100 }, signal });
        return { view_id: view.id, count: page.next_cursor ? 100 : page.data.length, stale: Boolean(page.next_cursor) };
      }),
    );
  },

  /** A page of the view's tickets, in its own order or in `sort` (a column the agent clicked). */
  tickets: (view: Pick<View, 'id' | 'fallback'>, cursor: string | null, signal?: AbortSignal, sort?: ListSort | null) =>
    view.fallback
      ? api.get<Page<Ticket>>('/api/v1/tickets', { query: { ...fallbackQuery(view.id), cursor, limit: 50 }, signal })
      : api.get<Page<Ticket>>(`/api/v1/views/${encodeURIComponent(view.id)}/tickets`, {
          query: { cursor, limit: 50, ...(sort ? { sort: sort.by, direction: sort.direction } : {}) },
          signal,
        }),
};

/** An order the server applies to a view's tickets (the sortable columns of the list). */
export interface ListSort {
  by: 'id' | 'priority' | 'updated_at' | 'created_at';
  direction: 'asc' | 'desc';
}
