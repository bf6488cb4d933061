import type { TicketListParams } from '../api/tickets-api';

/** Query keys of the tickets module: invalidating a prefix refreshes everything under it. */
export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (params: TicketListParams) => [...ticketKeys.lists(), params] as const,
  details: () => [...ticketKeys.all, 'detail'] as const,
  detail: (id: string) => [...ticketKeys.details(), id] as const,
  messages: (id: string) => [...ticketKeys.detail(id), 'messages'] as const,
  events: (id: string) => [...ticketKeys.detail(id), 'events'] as const,
  /** Other tickets of one requester (the customer panel). */
  byRequester: (userId: string) => [...ticketKeys.lists(), 'requester', userId] as const,
};
