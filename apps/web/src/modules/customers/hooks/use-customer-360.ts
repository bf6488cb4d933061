import type { Customer360, CustomerProfile, CustomerUpdateBody, IdentityCreateBody } from '@switchboard/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ticketKeys } from '../../tickets';
import { customer360Api } from '../api/customer-360-api';
import { customerKeys } from './use-customers';

/** Query keys of the customer page, under the customers module's own prefix. */
export const customer360Keys = {
  page: (id: string) => [...customerKeys.all, '360', id] as const,
  tickets: (id: string) => [...customerKeys.all, '360', id, 'tickets'] as const,
  history: (id: string) => [...customerKeys.all, '360', id, 'history'] as const,
};

export function useCustomer360(id: string) {
  return useQuery({ queryKey: customer360Keys.page(id), queryFn: ({ signal }) => customer360Api.get(id, signal), retry: false, staleTime: 15_000 });
}

/** All the customer's tickets, newest first, a page at a time. */
export function useCustomerTickets(id: string) {
  return useInfiniteQuery({
    queryKey: customer360Keys.tickets(id),
    queryFn: ({ pageParam, signal }) => customer360Api.tickets(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    staleTime: 15_000,
  });
}

export function useCustomerHistory(id: string, enabled: boolean) {
  return useQuery({ queryKey: customer360Keys.history(id), queryFn: ({ signal }) => customer360Api.history(id, signal), enabled, staleTime: 15_000 });
}

/**
 * Every change answers with the new profile: it replaces the page's copy at once (the counts and
 * tickets stay), and the history, the ticket page's customer panel and lists refetch.
 */
function useProfileChange<A>(id: string, change: (input: A) => Promise<CustomerProfile>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (profile) => {
      queryClient.setQueryData<Customer360>(customer360Keys.page(id), (page) => (page ? { ...page, ...profile } : page));
      void queryClient.invalidateQueries({ queryKey: customer360Keys.history(id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.detail(id) });
    },
  });
}

export function useCustomerChanges(id: string) {
  return {
    update: useProfileChange(id, (body: CustomerUpdateBody) => customer360Api.update(id, body)),
    addIdentity: useProfileChange(id, (body: IdentityCreateBody) => customer360Api.addIdentity(id, body)),
    verify: useProfileChange(id, (identityId: string) => customer360Api.verifyIdentity(id, identityId)),
    makePrimary: useProfileChange(id, (identityId: string) => customer360Api.makePrimary(id, identityId)),
    removeIdentity: useProfileChange(id, (identityId: string) => customer360Api.removeIdentity(id, identityId)),
  };
}

/** Merges `sourceId` into the customer `id`; both customers' pages and every ticket list refetch. */
export function useMergeCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sourceId: string) => customer360Api.merge(id, sourceId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}
