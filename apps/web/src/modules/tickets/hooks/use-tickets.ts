import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api';
import { ticketsApi, type Ticket, type TicketListParams } from '../api/tickets-api';
import { deliveryPollMs } from '../utils/message-email';
import { ticketKeys } from './ticket-keys';

/** The ticket list, a page at a time (cursor pagination: "load more"). */
export function useTicketList(params: TicketListParams) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ pageParam, signal }) => ticketsApi.list(params, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKeys.detail(id), queryFn: ({ signal }) => ticketsApi.get(id, signal) });
}

/** Every message of a ticket, oldest first (the server pages them; all pages are read). */
export function useTicketMessages(id: string) {
  return useQuery({
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
    // An emailed reply is sent by a job after commit: read again until it is sent or failed.
    refetchInterval: (query) => deliveryPollMs(query.state.data),
  });
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
