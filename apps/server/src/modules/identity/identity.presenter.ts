import { z } from 'zod';
import { ROLES } from '../../platform/auth-context/actor.ts';
import type { TenantRow } from './tenants.repo.ts';
import type { UserRow } from './users.repo.ts';

/**
 * Rows to API shapes. The response schemas are allow-lists: password hashes, token hashes and
 * session secrets have no field here, so they can never be serialised.
 */
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export const userResponse = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']).nullable(),
  time_zone: z.string().nullable(),
  organization_id: z.string().nullable(),
  vip_level: z.number(),
  tags: z.array(z.string()),
  external_id: z.string().nullable(),
  active: z.boolean(),
  ticket_access: z.enum(['all', 'groups', 'assigned']),
  group_ids: z.array(z.string()),
  last_login_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentUser(row: UserRow): z.infer<typeof userResponse> {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    email: row.email,
    phone: row.phone,
    locale: row.locale,
    time_zone: row.time_zone,
    organization_id: row.organization_id,
    vip_level: row.vip_level,
    tags: row.tags,
    external_id: row.external_id,
    active: row.active,
    ticket_access: row.ticket_access,
    group_ids: row.group_ids,
    last_login_at: iso(row.last_login_at),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export const tenantResponse = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  time_zone: z.string(),
  default_locale: z.enum(['zh-CN', 'en']),
  logo_url: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentTenant(row: TenantRow): z.infer<typeof tenantResponse> {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    time_zone: row.time_zone,
    default_locale: row.default_locale,
    logo_url: row.logo_url,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export const sessionResponse = z.object({ user: userResponse, tenant: tenantResponse, csrf_token: z.string().nullable() });

export const groupResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  member_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentGroup(row: {
  id: string;
  name: string;
  description: string;
  member_count: number;
  created_at: Date;
  updated_at: Date;
}): z.infer<typeof groupResponse> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    member_count: Number(row.member_count),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export const organizationResponse = z.object({
  id: z.string(),
  name: z.string(),
  domains: z.array(z.string()),
  notes: z.string(),
  external_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentOrganization(row: {
  id: string;
  name: string;
  domains: string[];
  notes: string;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}): z.infer<typeof organizationResponse> {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    notes: row.notes,
    external_id: row.external_id,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  };
}

export const apiTokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  user_id: z.string(),
  scope: z.enum(['read', 'write', 'admin']),
  token_prefix: z.string(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export function presentApiToken(row: {
  id: string;
  name: string;
  user_id: string;
  scope: 'read' | 'write' | 'admin';
  token_prefix: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}): z.infer<typeof apiTokenResponse> {
  return {
    id: row.id,
    name: row.name,
    user_id: row.user_id,
    scope: row.scope,
    token_prefix: row.token_prefix,
    created_by: row.created_by,
    created_at: iso(row.created_at)!,
    last_used_at: iso(row.last_used_at),
    expires_at: iso(row.expires_at),
    revoked_at: iso(row.revoked_at),
  };
}

export const auditEntryResponse = z.object({
  id: z.string(),
  actor_type: z.enum(['user', 'token', 'system', 'cli']),
  actor_user_id: z.string().nullable(),
  actor_token_id: z.string().nullable(),
  action: z.string(),
  target_type: z.string(),
  target_id: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  created_at: z.string(),
});

export function presentAuditEntry(row: {
  id: string;
  actor_type: 'user' | 'token' | 'system' | 'cli';
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  changes: unknown;
  ip: string | null;
  created_at: Date;
}): z.infer<typeof auditEntryResponse> {
  return {
    id: row.id,
    actor_type: row.actor_type,
    actor_user_id: row.actor_user_id,
    actor_token_id: row.actor_token_id,
    action: row.action,
    target_type: row.target_type,
    target_id: row.target_id,
    changes: (row.changes ?? {}) as Record<string, unknown>,
    ip: row.ip,
    created_at: iso(row.created_at)!,
  };
}
