import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { searchApi } from '../api/search-api';

export const searchKeys = {
  all: ['search'] as const,
  quick: (q: string) => [...searchKeys.all, 'quick', q] as const,
  full: (q: string) => [...searchKeys.all, 'full', q] as const,
};

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Results as the agent types (the first page only). */
export function useQuickSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: searchKeys.quick(query),
    queryFn: ({ signal }) => searchApi.search(query, null, signal),
    enabled: query.length >= 1,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

export function useSearchResults(q: string) {
  const query = q.trim();
  return useInfiniteQuery({
    queryKey: searchKeys.full(query),
    queryFn: ({ pageParam, signal }) => searchApi.search(query, pageParam, signal),
    enabled: query.length >= 1,
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
