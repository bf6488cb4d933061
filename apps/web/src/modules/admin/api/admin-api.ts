import type { z } from 'zod';
import type { Category, CustomField, Tag, TicketForm, TicketStatus } from '@switchboard/contracts';
import { api } from '../../../lib/api';
import type { Language } from '../../../lib/i18n';
import type { Role } from '../../session';

export type StatusRow = z.infer<typeof TicketStatus>;
export type CategoryRow = z.infer<typeof Category>;
export type FieldRow = z.infer<typeof CustomField>;
export type FormRow = z.infer<typeof TicketForm>;
export type TagRow = z.infer<typeof Tag>;
export type FieldType = FieldRow['type'];
export type StatusCategory = StatusRow['category'];

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface UserRow {
  id: string;
  role: Role;
  name: string;
  email: string | null;
  phone: string | null;
  locale: Language | null;
  time_zone: string | null;
  organization_id: string | null;
  active: boolean;
  ticket_access: 'all' | 'groups' | 'assigned';
  group_ids: string[];
  last_login_at: string | null;
  created_at: string;
}

export interface GroupRow {
  id: string;
  name: string;
  description: string;
  member_count: number;
}

export interface OrganizationRow {
  id: string;
  name: string;
  domains: string[];
  notes: string;
}

export interface TokenRow {
  id: string;
  name: string;
  user_id: string;
  scope: 'read' | 'write' | 'admin';
  token_prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuditRow {
  id: string;
  actor_type: 'user' | 'token' | 'system' | 'cli';
  actor_user_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  changes: Record<string, unknown>;
  ip: string | null;
  created_at: string;
}

export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  time_zone: string;
  default_locale: Language;
  logo_url: string | null;
}

export interface ViewRow {
  id: string;
  title: string;
  title_zh: string | null;
  scope: 'shared' | 'personal';
  conditions: { all: unknown[]; any: unknown[] };
  position: number;
  active: boolean;
  can_edit: boolean;
}

export interface InviteInput {
  name: string;
  email: string;
  role: Exclude<Role, 'customer'>;
  locale?: Language | null;
  group_ids?: string[];
  ticket_access?: UserRow['ticket_access'];
}

export interface UserQuery {
  q?: string;
  role?: string;
  cursor?: string | null;
}

export interface AuditQuery {
  action?: string;
  target_type?: string;
  cursor?: string | null;
}

const id = (value: string) => encodeURIComponent(value);

/** A list resource with the same four calls (statuses, categories, custom fields, forms). */
function configResource<Row, Create, Update = Partial<Create>>(path: string) {
  return {
    list: (signal?: AbortSignal) => api.get<{ data: Row[] }>(path, { signal }).then((page) => page.data),
    create: (body: Create) => api.post<Row>(path, body),
    update: (rowId: string, body: Update) => api.patch<Row>(`${path}/${id(rowId)}`, body),
    remove: (rowId: string) => api.delete<void>(`${path}/${id(rowId)}`),
  };
}

export const adminApi = {
  users: {
    list: (query: UserQuery, signal?: AbortSignal) =>
      api.get<Page<UserRow>>('/api/v1/users', { query: { q: query.q, role: query.role, cursor: query.cursor, limit: 50 }, signal }),
    update: (userId: string, patch: Partial<Pick<UserRow, 'name' | 'role' | 'active' | 'group_ids' | 'ticket_access' | 'locale'>>) =>
      api.patch<UserRow>(`/api/v1/users/${id(userId)}`, patch),
    deactivate: (userId: string) => api.delete<UserRow>(`/api/v1/users/${id(userId)}`),
  },
  invitations: {
    list: (signal?: AbortSignal) => api.get<{ data: Array<{ user_id: string; expires_at: string }> }>('/api/v1/invitations', { signal }).then((p) => p.data),
    create: (input: InviteInput) => api.post<{ user: UserRow; expires_at: string }>('/api/v1/invitations', input),
    resend: (userId: string) => api.post<{ user: UserRow; expires_at: string }>(`/api/v1/users/${id(userId)}/invitation`),
    check: (token: string) =>
      api.post<{ name: string; email: string; tenant: { name: string; slug: string }; expires_at: string }>('/api/v1/auth/invitation/check', { token }, { anonymous: true }),
    accept: (token: string, password: string) => api.post<unknown>('/api/v1/auth/invitation/accept', { token, password }, { anonymous: true }),
  },
  groups: {
    list: (signal?: AbortSignal) => api.get<Page<GroupRow>>('/api/v1/groups', { query: { limit: 100 }, signal }).then((p) => p.data),
    create: (body: { name: string; description?: string }) => api.post<GroupRow>('/api/v1/groups', body),
    update: (groupId: string, body: { name?: string; description?: string }) => api.patch<GroupRow>(`/api/v1/groups/${id(groupId)}`, body),
    remove: (groupId: string) => api.delete<void>(`/api/v1/groups/${id(groupId)}`),
    members: (groupId: string, signal?: AbortSignal) =>
      api.get<{ data: Array<{ id: string; name: string }> }>(`/api/v1/groups/${id(groupId)}/members`, { signal }).then((p) => p.data),
    setMembers: (groupId: string, userIds: string[]) => api.request<unknown>('PUT', `/api/v1/groups/${id(groupId)}/members`, { body: { user_ids: userIds } }),
  },
  organizations: {
    list: (q: string | undefined, signal?: AbortSignal) =>
      api.get<Page<OrganizationRow>>('/api/v1/organizations', { query: { q, limit: 100 }, signal }).then((p) => p.data),
    create: (body: { name: string; domains?: string[]; notes?: string }) => api.post<OrganizationRow>('/api/v1/organizations', body),
    update: (orgId: string, body: { name?: string; domains?: string[]; notes?: string }) => api.patch<OrganizationRow>(`/api/v1/organizations/${id(orgId)}`, body),
    remove: (orgId: string) => api.delete<void>(`/api/v1/organizations/${id(orgId)}`),
  },
  statuses: configResource<StatusRow, { category: StatusCategory; name: string; name_zh?: string | null; is_default?: boolean; active?: boolean; position?: number }>('/api/v1/ticket-statuses'),
  categories: configResource<CategoryRow, { name: string; name_zh?: string | null; parent_id?: string | null; position?: number }>('/api/v1/categories'),
  fields: configResource<FieldRow, FieldInput, Omit<Partial<FieldInput>, 'key' | 'type'>>('/api/v1/custom-fields'),
  forms: configResource<FormRow, { name: string; field_ids?: string[]; is_default?: boolean; active?: boolean; position?: number }>('/api/v1/ticket-forms'),
  tags: {
    list: (signal?: AbortSignal) => api.get<{ data: TagRow[] }>('/api/v1/tags', { query: { counts: 'true' }, signal }).then((p) => p.data),
    create: (name: string) => api.post<TagRow>('/api/v1/tags', { name }),
    remove: (name: string) => api.delete<void>(`/api/v1/tags/${id(name)}`),
  },
  views: {
    list: (signal?: AbortSignal) => api.get<{ data: ViewRow[] }>('/api/v1/views', { query: { include_inactive: 'true' }, signal }).then((p) => p.data),
    update: (viewId: string, body: Partial<Pick<ViewRow, 'title' | 'title_zh' | 'active' | 'position'>>) => api.patch<ViewRow>(`/api/v1/views/${id(viewId)}`, body),
    remove: (viewId: string) => api.delete<void>(`/api/v1/views/${id(viewId)}`),
  },
  tokens: {
    list: (includeRevoked: boolean, signal?: AbortSignal) =>
      api.get<Page<TokenRow>>('/api/v1/api-tokens', { query: { include_revoked: includeRevoked ? 'true' : undefined, limit: 100 }, signal }).then((p) => p.data),
    create: (body: { name: string; scope: TokenRow['scope']; expires_at?: string | null }) => api.post<TokenRow & { token: string }>('/api/v1/api-tokens', body),
    revoke: (tokenId: string) => api.delete<void>(`/api/v1/api-tokens/${id(tokenId)}`),
  },
  audit: {
    list: (query: AuditQuery, signal?: AbortSignal) =>
      api.get<Page<AuditRow>>('/api/v1/audit-log', { query: { action: query.action, target_type: query.target_type, cursor: query.cursor, limit: 50 }, signal }),
  },
  tenant: {
    get: (signal?: AbortSignal) => api.get<TenantRow>('/api/v1/tenant', { signal }),
    update: (patch: Partial<Pick<TenantRow, 'name' | 'time_zone' | 'default_locale'>>) => api.patch<TenantRow>('/api/v1/tenant', patch),
    uploadLogo: (file: File) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api.request<TenantRow>('PUT', '/api/v1/tenant/logo', { body });
    },
    removeLogo: () => api.delete<TenantRow>('/api/v1/tenant/logo'),
  },
};

export interface FieldInput {
  key: string;
  title: string;
  title_zh?: string | null;
  type: FieldType;
  options?: Array<{ value: string; label?: string; label_zh?: string | null }>;
  pattern?: string | null;
  required?: boolean;
  required_on_solve?: boolean;
  active?: boolean;
  position?: number;
}
