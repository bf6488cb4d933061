import type { Message, MessageCreateBody, Ticket, TicketUpdateBody } from '@switchboard/contracts';
import { api } from '../../../lib/api';

export type { Message, Ticket };
export type StatusCategory = Ticket['status'];
export type Priority = Ticket['priority'];

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface TicketListParams {
  limit?: number;
  sort?: 'id' | 'updated_at';
  status?: StatusCategory[];
}

export const ticketsApi = {
  list: (params: TicketListParams, cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Ticket>>('/api/v1/tickets', {
      query: { cursor, limit: params.limit ?? 25, sort: params.sort, status: params.status?.join(',') },
      signal,
    }),

  get: (id: string, signal?: AbortSignal) => api.get<Ticket>(`/api/v1/tickets/${encodeURIComponent(id)}`, { signal }),

  messages: (id: string, cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Message>>(`/api/v1/tickets/${encodeURIComponent(id)}/messages`, { query: { cursor, limit: 100 }, signal }),

  /** One key per attempt: a retried send after a lost answer is not posted twice. */
  addMessage: (id: string, body: MessageCreateBody, idempotencyKey: string) =>
    api.post<Message & { follow_up_ticket_id: string | null }>(`/api/v1/tickets/${encodeURIComponent(id)}/messages`, body, {
      headers: { 'idempotency-key': idempotencyKey },
    }),

  /** Optimistic concurrency: the server answers 412 TICKET_STALE_VERSION when `version` is old. */
  update: (id: string, version: number, patch: TicketUpdateBody) =>
    api.patch<Ticket>(`/api/v1/tickets/${encodeURIComponent(id)}`, patch, { headers: { 'if-match': String(version) } }),
};
