import { useInfiniteQuery, useMutation, useQueries, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { emailApi, type InboundEmail, type InboundPage, type InboundQuery } from '../api/email-api';
import { replaceRow } from '../utils/quarantine';
import { emailKeys } from './email-keys';

/** Inbound mail of one status (and mailbox), a page at a time: "load more" follows the cursor. */
export function useInboundEmails(query: InboundQuery) {
  return useInfiniteQuery({
    queryKey: emailKeys.inbound(query),
    queryFn: ({ pageParam, signal }) => emailApi.inbound.list(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });
}

/**
 * Puts the server's newer row where the agent looked, in every loaded list. The lists are marked
 * stale but not refetched now: a row that moved to another status stays in sight (with its new
 * status and ticket link) until the list is opened again. Mailbox counts refetch at once.
 */
function showUpdatedRow(queryClient: QueryClient, row: InboundEmail) {
  queryClient.setQueriesData<InfiniteData<InboundPage>>({ queryKey: emailKeys.inboundRoot() }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, data: replaceRow(page.data, row) })) } : data,
  );
  void queryClient.invalidateQueries({ queryKey: emailKeys.inboundRoot(), refetchType: 'none' });
  void queryClient.invalidateQueries({ queryKey: emailKeys.mailboxes() });
}

export function useRetryInbound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => emailApi.inbound.retry(id),
    onSuccess: (row) => showUpdatedRow(queryClient, row),
  });
}

export function useTicketFromInbound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { row: InboundEmail; idempotencyKey: string }) => emailApi.inbound.createTicket(input.row.id, input.idempotencyKey),
    onSuccess: (answer, input) => showUpdatedRow(queryClient, { ...input.row, ticket_id: answer.ticket_id, status: 'processed' }),
    // A refused conversion was still tried again: the row's error and attempts changed.
    onError: () => queryClient.invalidateQueries({ queryKey: emailKeys.inboundRoot() }),
  });
}

/**
 * Retried mail is processed by a job: while a retried row is pending, it is read again every few
 * seconds, and its settled state replaces the shown row. `onSettled` hears each outcome once.
 */
export function useSettlingInbound(ids: readonly string[], onSettled: (row: InboundEmail) => void) {
  const queryClient = useQueryClient();
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: [...emailKeys.inboundRoot(), 'one', id] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => emailApi.inbound.get(id, signal),
      refetchInterval: (query: { state: { data?: InboundEmail } }) => (query.state.data && query.state.data.status !== 'pending' ? false : 2_000),
      retry: false,
    })),
  });
  const settled = results.map((result) => (result.data && result.data.status !== 'pending' ? result.data : null));
  const signature = settled.map((row) => (row ? `${row.id}:${row.status}` : '')).join();
  useEffect(() => {
    for (const row of settled) {
      if (!row) continue;
      showUpdatedRow(queryClient, row);
      onSettled(row);
    }
    // `signature` changes exactly when a row settles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signature]);
}
