import type {
  Customer360,
  CustomerHistory,
  CustomerMergeResult,
  CustomerProfile,
  CustomerTicketPage,
  CustomerUpdateBody,
  IdentityCreateBody,
} from '@switchboard/contracts';
import { api } from '../../../lib/api';

const path = (id: string) => `/api/v1/customers/${encodeURIComponent(id)}`;

/** The customer page's calls (GET/PATCH /customers/:id, identities, merge, history). */
export const customer360Api = {
  get: (id: string, signal?: AbortSignal) => api.get<Customer360>(path(id), { signal }),
  tickets: (id: string, cursor: string | null, signal?: AbortSignal) =>
    api.get<CustomerTicketPage>(`${path(id)}/tickets`, { query: { limit: 25, ...(cursor ? { cursor } : {}) }, signal }),
  history: (id: string, signal?: AbortSignal) => api.get<CustomerHistory>(`${path(id)}/history`, { signal }),
  update: (id: string, body: CustomerUpdateBody) => api.patch<CustomerProfile>(path(id), body),
  addIdentity: (id: string, body: IdentityCreateBody) => api.post<CustomerProfile>(`${path(id)}/identities`, body),
  verifyIdentity: (id: string, identityId: string) =>
    api.post<CustomerProfile>(`${path(id)}/identities/${encodeURIComponent(identityId)}/verify`),
  makePrimary: (id: string, identityId: string) =>
    api.post<CustomerProfile>(`${path(id)}/identities/${encodeURIComponent(identityId)}/primary`),
  removeIdentity: (id: string, identityId: string) => api.delete<CustomerProfile>(`${path(id)}/identities/${encodeURIComponent(identityId)}`),
  merge: (targetId: string, sourceId: string) => api.post<CustomerMergeResult>(`${path(targetId)}/merge`, { source_id: sourceId }),
};
