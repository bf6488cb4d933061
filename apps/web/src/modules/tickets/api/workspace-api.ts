import type { Ticket, TicketCreateBody } from '@switchboard/contracts';
import { api } from '../../../lib/api';
import type { HistoryEvent } from '../utils/event-text';
import type { FieldDefinition } from '../utils/field-rules';
import type { Page } from './tickets-api';

export interface TicketStatusRow {
  id: string;
  category: Ticket['status'];
  name: string;
  name_zh: string | null;
  is_default: boolean;
  active: boolean;
  position: number;
}

export interface CategoryRow {
  id: string;
  parent_id: string | null;
  name: string;
  name_zh: string | null;
  depth: number;
  position: number;
}

export interface TicketFormRow {
  id: string;
  name: string;
  field_ids: string[];
  is_default: boolean;
  active: boolean;
  position: number;
}

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  member_count: number;
}

export interface StaffRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: boolean;
}

export interface UploadedAttachment {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  url: string;
  token: string;
}

const list = <T>(path: string, signal?: AbortSignal, query?: Record<string, string>) =>
  api.get<{ data: T[] }>(path, { signal, query }).then((result) => result.data);

/** Everything the ticket page reads besides the ticket: configuration, people, history, uploads. */
export const workspaceApi = {
  events: async (id: string, signal?: AbortSignal): Promise<HistoryEvent[]> => {
    const events: HistoryEvent[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const result: Page<HistoryEvent> = await api.get(`/api/v1/tickets/${encodeURIComponent(id)}/events`, { query: { cursor, limit: 100 }, signal });
      events.push(...result.data);
      cursor = result.next_cursor;
      if (!cursor) break;
    }
    return events;
  },
  statuses: (signal?: AbortSignal) => list<TicketStatusRow>('/api/v1/ticket-statuses', signal),
  categories: (signal?: AbortSignal) => list<CategoryRow>('/api/v1/categories', signal),
  fields: (signal?: AbortSignal) => list<FieldDefinition>('/api/v1/custom-fields', signal),
  forms: (signal?: AbortSignal) => list<TicketFormRow>('/api/v1/ticket-forms', signal),
  groups: (signal?: AbortSignal) => list<GroupRow>('/api/v1/groups', signal, { limit: '100' }),
  members: (groupId: string, signal?: AbortSignal) => list<StaffRow>(`/api/v1/groups/${encodeURIComponent(groupId)}/members`, signal),
  agents: (signal?: AbortSignal) => list<StaffRow>('/api/v1/users', signal, { role: 'owner,admin,supervisor,agent', active: 'true', limit: '100' }),
  tags: (q: string, signal?: AbortSignal) => list<{ name: string }>('/api/v1/tags', signal, q ? { q } : {}),

  upload: (file: File, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.post<UploadedAttachment>('/api/v1/attachments', form, { signal });
  },

  create: (body: TicketCreateBody, idempotencyKey: string) =>
    api.post<Ticket>('/api/v1/tickets', body, { headers: { 'idempotency-key': idempotencyKey } }),
};
