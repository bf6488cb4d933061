import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { viewsApi, type View } from '../api/views-api';
import { viewKeys } from './view-keys';

export function useViews() {
  return useQuery({ queryKey: viewKeys.list(), queryFn: ({ signal }) => viewsApi.list(signal), staleTime: 5 * 60_000 });
}

/** Live counts: refreshed by notices, and every minute as a safety net. */
export function useViewCounts(fallback: boolean | undefined) {
  return useQuery({
    queryKey: viewKeys.counts(),
    queryFn: ({ signal }) => viewsApi.counts(Boolean(fallback), signal),
    enabled: fallback !== undefined,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });
}

/** The tickets of one view, a page at a time, in the view's order. */
export function useViewTickets(view: View | undefined) {
  return useInfiniteQuery({
    queryKey: viewKeys.tickets(view?.id ?? ''),
    queryFn: ({ pageParam, signal }) => viewsApi.tickets(view!, pageParam, signal),
    enabled: Boolean(view),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
