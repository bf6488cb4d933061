import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Page, Ticket } from '../api/tickets-api';

const isTicket = (value: unknown): value is Ticket =>
  typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'subject' in value && 'status_id' in value && 'requester_id' in value;

/** The tickets of a cached list answer: an array, one page, or the pages of a "load more" list. */
function ticketsIn(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (typeof data !== 'object' || data === null) return [];
  const pages = 'pages' in data ? (data as InfiniteData<Page<unknown>>).pages : [data as Page<unknown>];
  return pages.flatMap((page) => (page && Array.isArray(page.data) ? page.data : []));
}

/**
 * A ticket as some list in the cache shows it (a view, all tickets, a customer's tickets), or
 * undefined. Lists give whole tickets (the API's list and detail share one shape).
 */
export function listedTicket(queryClient: QueryClient, id: string): Ticket | undefined {
  let found: Ticket | undefined;
  for (const query of queryClient.getQueryCache().getAll()) {
    for (const item of ticketsIn(query.state.data)) {
      if (isTicket(item) && item.id === id && (!found || item.version > found.version)) found = item;
    }
  }
  return found;
}
