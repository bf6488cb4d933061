import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PEOPLE_BATCH, peopleApi, type Person } from '../api/people-api';

export const peopleKeys = {
  all: ['people'] as const,
  person: (id: string) => [...peopleKeys.all, id] as const,
  batch: (ids: readonly string[]) => [...peopleKeys.all, 'batch', ids.join(',')] as const,
};

/** Splits ids into batches the server accepts. */
export function batches<T>(items: readonly T[], size = PEOPLE_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Names for a set of user ids (requesters, assignees, authors). The ids not cached yet are
 * fetched in one request per 100 (never one request per person: a page of 25 tickets would
 * otherwise queue 50 requests behind the browser's six connections). Each person is cached on
 * its own key, so later pages reuse them. A user the viewer may not read stays unknown; the
 * caller shows a placeholder.
 */
export function usePeople(ids: readonly (string | null | undefined)[]): Map<string, Person> {
  const queryClient = useQueryClient();
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort();
  useQuery({
    queryKey: peopleKeys.batch(unique),
    enabled: unique.length > 0,
    staleTime: 10 * 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const missing = unique.filter((id) => !queryClient.getQueryData(peopleKeys.person(id)));
      for (const batch of batches(missing)) {
        const page = await peopleApi.many(batch, signal);
        for (const person of page.data) queryClient.setQueryData(peopleKeys.person(person.id), person);
      }
      return missing.length;
    },
  });
  const people = new Map<string, Person>();
  for (const id of unique) {
    const person = queryClient.getQueryData<Person>(peopleKeys.person(id));
    if (person) people.set(id, person);
  }
  return people;
}
