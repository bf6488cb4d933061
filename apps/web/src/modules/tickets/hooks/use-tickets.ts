import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../../lib/api';
import { ticketsApi, type Ticket, type TicketListParams } from '../api/tickets-api';
import { deliveryPollMs } from '../utils/message-email';
import { listedTicket } from '../utils/listed-ticket';
import { ticketKeys } from './ticket-keys';

/** `/tickets`: every ticket the agent may see, most recently updated first. */
export const ALL_TICKETS: TicketListParams = { limit: 25, sort: 'updated_at' };

// Query options shared by the hooks and the prefetches (a row under the pointer, the first
// screen after sign-in): one key and one fetch per thing, wherever it is asked for first.
export const ticketListQuery = (params: TicketListParams) =>
  infiniteQueryOptions({
    queryKey: ticketKeys.list(params),
    queryFn: ({ pageParam, signal }) => ticketsApi.list(params, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

export const ticketQuery = (id: string) => queryOptions({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => ticketsApi.get(id, signal) });

/** Every message of a ticket, oldest first (the server pages them; all pages are read). */
export const ticketMessagesQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKeys.messages(id),
    queryFn: async ({ signal }) => {
      const messages = [];
      let cursor: string | null = null;
      for (let page = 0; page < 50; page += 1) {
        const result = await ticketsApi.messages(id, cursor, signal);
        messages.push(...result.data);
        cursor = result.next_cursor;
        if (!cursor) break;
      }
      return messages;
    },
  });

/** The ticket list, a page at a time (cursor pagination: "load more"). */
export function useTicketList(params: TicketListParams) {
  return useInfiniteQuery(ticketListQuery(params));
}

/**
 * One ticket. Opened from a list, the row already shown stands in until the ticket itself
 * arrives, a few milliseconds later (same shape). Should it be an older version, a save made on
 * it meets the API's 412 and the conflict view, as any stale save does.
 */
export function useTicket(id: string) {
  const queryClient = useQueryClient();
  return useQuery({ ...ticketQuery(id), placeholderData: () => listedTicket(queryClient, id) });
}

export function useTicketMessages(id: string) {
  return useQuery({
    ...ticketMessagesQuery(id),
    // An emailed reply is sent by a job after commit: read again until it is sent or failed.
    refetchInterval: (query) => deliveryPollMs(query.state.data),
  });
}

/** Reads a ticket and its conversation ahead (pointer or focus on its link). */
export function prefetchTicket(queryClient: QueryClient, id: string): void {
  void queryClient.prefetchQuery(ticketQuery(id));
  void queryClient.prefetchQuery(ticketMessagesQuery(id));
}

export function usePrefetchTicket() {
  const queryClient = useQueryClient();
  return useCallback((id: string) => prefetchTicket(queryClient, id), [queryClient]);
}

export function useAddMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: string; public: boolean; idempotencyKey: string; attachmentTokens?: string[] }) =>
      ticketsApi.addMessage(
        id,
        { body: input.body, public: input.public, ...(input.attachmentTokens?.length ? { attachment_tokens: input.attachmentTokens } : {}) },
        input.idempotencyKey,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

/** True for the answer that means "someone changed it since you loaded it". */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 412 || error.code === 'TICKET_STALE_VERSION');
}

export function useUpdateTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; patch: Parameters<typeof ticketsApi.update>[2] }) =>
      ticketsApi.update(id, input.version, input.patch),
    onSuccess: (ticket: Ticket) => {
      queryClient.setQueryData(ticketKeys.detail(id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
    onError: (error) => {
      // Someone else's change won: load it, so the user sees what they would overwrite.
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}
