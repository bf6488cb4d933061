/** Query keys of the views module: invalidating a prefix refreshes everything under it. */
export const viewKeys = {
  all: ['views'] as const,
  list: () => [...viewKeys.all, 'list'] as const,
  counts: () => [...viewKeys.all, 'counts'] as const,
  ticketLists: () => [...viewKeys.all, 'tickets'] as const,
  tickets: (viewId: string) => [...viewKeys.ticketLists(), viewId] as const,
};

type QueryKey = readonly unknown[];

/**
 * What a realtime notice makes stale in the views: `view.changed` names a view whose tickets
 * changed (its list and the counts). A ticket notice refreshes the rows shown (a subject or a
 * status changed); with the built-in fallback views (a server without the views API, which sends
 * no view.changed) it refreshes the counts as well.
 */
export function viewInvalidations(notice: { type: string; id: string }, fallback = false): QueryKey[] {
  if (notice.type === 'view.changed') return [viewKeys.tickets(notice.id), viewKeys.counts()];
  if (notice.type.startsWith('view.') || notice.type.startsWith('views.')) return [viewKeys.all];
  if (notice.type.startsWith('ticket.')) return fallback ? [viewKeys.ticketLists(), viewKeys.counts()] : [viewKeys.ticketLists()];
  return [];
}
