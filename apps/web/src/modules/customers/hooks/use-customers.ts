import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { ticketKeys } from '../../tickets';
import { customersApi, type NewCustomer } from '../api/customers-api';

export const customerKeys = {
  all: ['customers'] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  organization: (id: string) => [...customerKeys.all, 'organization', id] as const,
  search: (q: string) => [...customerKeys.all, 'search', q] as const,
};

export const customerQuery = (id: string) =>
  queryOptions({ queryKey: customerKeys.detail(id), queryFn: ({ signal }) => customersApi.get(id, signal), retry: false });

/** A requester's latest tickets (the ticket page's customer panel). */
export const requesterTicketsQuery = (customerId: string) =>
  queryOptions({ queryKey: ticketKeys.byRequester(customerId), queryFn: ({ signal }) => customersApi.tickets(customerId, signal) });

export function useCustomer(id: string | null | undefined) {
  return useQuery({ ...customerQuery(id ?? ''), enabled: Boolean(id) });
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: customerKeys.organization(id ?? ''),
    queryFn: ({ signal }) => customersApi.organization(id!, signal),
    enabled: Boolean(id),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: customerKeys.search(q),
    queryFn: ({ signal }) => customersApi.search(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCreateCustomer() {
  return useMutation({ mutationFn: (input: NewCustomer) => customersApi.create(input) });
}
