import type { Ticket } from '@switchboard/contracts';
import { api } from '../../../lib/api';

/** A customer as the customer panel shows them. */
export interface Customer {
  id: string;
  role: string;
  name: string;
  email: string | null;
  phone: string | null;
  organization_id: string | null;
  vip_level: number;
  tags: string[];
  external_id: string | null;
  locale: string | null;
  active: boolean;
  created_at: string;
}

export interface Organization {
  id: string;
  name: string;
  domains: string[];
  notes: string;
}

export interface NewCustomer {
  name: string;
  email?: string | null;
  phone?: string | null;
}

export const customersApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Customer>(`/api/v1/users/${encodeURIComponent(id)}`, { signal }),
  organization: (id: string, signal?: AbortSignal) => api.get<Organization>(`/api/v1/organizations/${encodeURIComponent(id)}`, { signal }),
  search: (q: string, signal?: AbortSignal) =>
    api.get<{ data: Customer[] }>('/api/v1/users', { query: { role: 'customer', q, limit: 20, active: 'true' }, signal }).then((r) => r.data),
  create: (input: NewCustomer) => api.post<Customer>('/api/v1/users', { role: 'customer', ...input }),
  /** Their latest tickets (any status), newest first. */
  tickets: (id: string, signal?: AbortSignal) =>
    api.get<{ data: Ticket[] }>('/api/v1/tickets', { query: { requester_id: id, limit: 20, sort: 'updated_at' }, signal }).then((r) => r.data),
};
