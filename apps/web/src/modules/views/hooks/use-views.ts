import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { viewsApi, type ListSort, type View } from '../api/views-api';
import { isFallbackViewId } from '../utils/fallback-views';
import { viewKeys } from './view-keys';

/** What a view's tickets are read with: its id, and whether it is a built-in fallback view. */
export type ViewRef = Pick<View, 'id' | 'fallback'>;

// Query options shared by the hooks and the prefetches (sign-in, hovering a view): one key and
// one fetch per thing, wherever it is asked for first.
export const viewsQuery = () =>
  queryOptions({ queryKey: viewKeys.list(), queryFn: ({ signal }) => viewsApi.list(signal), staleTime: 5 * 60_000 });

export const viewCountsQuery = () =>
  queryOptions({ queryKey: viewKeys.counts(), queryFn: ({ signal }) => viewsApi.counts(signal), refetchInterval: 60_000 });

export const viewTicketsQuery = (view: ViewRef, sort: ListSort | null = null) =>
  infiniteQueryOptions({
    // Under the view's key (notices invalidate every order of it); the view's own order keeps the bare key.
    queryKey: sort ? ([...viewKeys.tickets(view.id), sort.by, sort.direction] as const) : viewKeys.tickets(view.id),
    queryFn: ({ pageParam, signal }) => viewsApi.tickets(view, pageParam, signal, sort),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

/** A view known only by the id in the address: enough to read its tickets before the views arrive. */
export const viewRefOf = (viewId: string): ViewRef => ({ id: viewId, fallback: isFallbackViewId(viewId) });

export function useViews() {
  return useQuery(viewsQuery());
}

/** Live counts: refreshed by notices, and every minute as a safety net. Read alongside the views, not after them. */
export function useViewCounts() {
  return useQuery({ ...viewCountsQuery(), placeholderData: keepPreviousData });
}

/** The tickets of one view, a page at a time, in the view's order or in `sort`. */
export function useViewTickets(view: ViewRef | undefined, sort: ListSort | null = null) {
  return useInfiniteQuery({ ...viewTicketsQuery(view ?? { id: '' }, sort), enabled: Boolean(view) });
}

/** Reads a view's first page ahead (the pointer is on its link): the click then finds it loaded. */
export function usePrefetchView() {
  const queryClient = useQueryClient();
  return useCallback((view: ViewRef) => void queryClient.prefetchInfiniteQuery(viewTicketsQuery(view)), [queryClient]);
}
