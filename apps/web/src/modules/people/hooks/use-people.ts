import { useQueries } from '@tanstack/react-query';
import { peopleApi, type Person } from '../api/people-api';

export const peopleKeys = {
  all: ['people'] as const,
  person: (id: string) => [...peopleKeys.all, id] as const,
};

/**
 * Names for a set of user ids (requesters, authors), each fetched once and cached. A user the
 * viewer may not read stays unknown; the caller shows a placeholder.
 */
export function usePeople(ids: readonly (string | null | undefined)[]): Map<string, Person> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: peopleKeys.person(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => peopleApi.get(id, signal),
      staleTime: 10 * 60_000,
      retry: false,
    })),
  });
  const people = new Map<string, Person>();
  results.forEach((result, index) => {
    if (result.data) people.set(unique[index], result.data);
  });
  return people;
}
