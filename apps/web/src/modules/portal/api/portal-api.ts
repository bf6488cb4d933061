import type { Message, Ticket } from '@switchboard/contracts';
import { api } from '../../../lib/api';

export type { Message, Ticket };

export interface PortalTenant {
  name: string;
  slug: string;
  logo_url: string | null;
  default_locale: 'zh-CN' | 'en';
}

export interface Uploaded {
  id: string;
  token: string;
  file_name: string;
}

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

const id = (value: string) => encodeURIComponent(value);

/** What the customer portal asks of the API; the server limits customers to their own tickets and public messages. */
export const portalApi = {
  tenant: (slug: string | null, signal?: AbortSignal) => api.get<PortalTenant>('/api/v1/portal/tenant', { query: { tenant: slug }, signal, anonymous: true }),
  requestLink: (email: string, tenant: string | null, locale: 'zh-CN' | 'en') =>
    api.post<{ accepted: true }>('/api/v1/portal/magic-link', { email, locale, ...(tenant ? { tenant } : {}) }, { anonymous: true }),
  consumeLink: (token: string) => api.post<unknown>('/api/v1/portal/magic-link/consume', { token }, { anonymous: true }),
  tickets: (cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<Ticket>>('/api/v1/tickets', { query: { cursor, limit: 25, sort: 'updated_at' }, signal }),
  ticket: (ticketId: string, signal?: AbortSignal) => api.get<Ticket>(`/api/v1/tickets/${id(ticketId)}`, { signal }),
  messages: (ticketId: string, signal?: AbortSignal) =>
    api.get<Page<Message>>(`/api/v1/tickets/${id(ticketId)}/messages`, { query: { limit: 100 }, signal }).then((page) => page.data),
  reply: (ticketId: string, body: string, attachmentTokens: string[], idempotencyKey: string) =>
    api.post<Message>(`/api/v1/tickets/${id(ticketId)}/messages`, { body, public: true, attachment_tokens: attachmentTokens }, { headers: { 'idempotency-key': idempotencyKey } }),
  create: (input: { subject: string; body: string; attachmentTokens: string[] }, idempotencyKey: string) =>
    api.post<Ticket>(
      '/api/v1/tickets',
      { subject: input.subject, comment: { body: input.body, public: true, attachment_tokens: input.attachmentTokens } },
      { headers: { 'idempotency-key': idempotencyKey } },
    ),
  upload: (file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return api.post<Uploaded>('/api/v1/attachments', body);
  },
};
