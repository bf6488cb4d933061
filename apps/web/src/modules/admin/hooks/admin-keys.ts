import type { AuditQuery, UserQuery } from '../api/admin-api';

/** Query keys of the admin console: one root, so signing out or a tenant change clears them all. */
export const adminKeys = {
  all: ['admin'] as const,
  users: (query: UserQuery = {}) => [...adminKeys.all, 'users', { q: query.q ?? '', role: query.role ?? '' }] as const,
  usersRoot: () => [...adminKeys.all, 'users'] as const,
  invitations: () => [...adminKeys.all, 'invitations'] as const,
  groups: () => [...adminKeys.all, 'groups'] as const,
  groupMembers: (groupId: string) => [...adminKeys.all, 'groups', groupId, 'members'] as const,
  organizations: (q = '') => [...adminKeys.all, 'organizations', q] as const,
  organizationsRoot: () => [...adminKeys.all, 'organizations'] as const,
  statuses: () => [...adminKeys.all, 'statuses'] as const,
  categories: () => [...adminKeys.all, 'categories'] as const,
  fields: () => [...adminKeys.all, 'fields'] as const,
  forms: () => [...adminKeys.all, 'forms'] as const,
  tags: () => [...adminKeys.all, 'tags'] as const,
  views: () => [...adminKeys.all, 'views'] as const,
  tokens: (includeRevoked = false) => [...adminKeys.all, 'tokens', includeRevoked] as const,
  tokensRoot: () => [...adminKeys.all, 'tokens'] as const,
  audit: (query: AuditQuery = {}) => [...adminKeys.all, 'audit', { action: query.action ?? '', target_type: query.target_type ?? '' }] as const,
  tenant: () => [...adminKeys.all, 'tenant'] as const,
};
