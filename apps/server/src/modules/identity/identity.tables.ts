import type { ColumnType, Generated } from 'kysely';
import type { Role, TokenScope } from '../../platform/auth-context/actor.ts';

/** Kysely table shapes for the identity module's tables (migrations 0001, 0100, 0101, 0601, 0700). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Id = ColumnType<string, never, never>;

export type Locale = 'zh-CN' | 'en';
export type TicketAccess = 'all' | 'groups' | 'assigned';

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  time_zone: Generated<string>;
  default_locale: Generated<Locale>;
  logo_url: string | null;
  settings: Generated<unknown>;
  next_ticket_number: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  tenant_id: string;
  id: Id;
  role: Role;
  name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  locale: Locale | null;
  time_zone: string | null;
  organization_id: string | null;
  vip_level: Generated<number>;
  tags: Generated<string[]>;
  external_id: string | null;
  active: Generated<boolean>;
  ticket_access: Generated<TicketAccess>;
  notes: Generated<string>;
  merged_into_id: string | null;
  last_login_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface OrganizationsTable {
  tenant_id: string;
  id: Id;
  name: string;
  domains: Generated<string[]>;
  notes: Generated<string>;
  external_id: string | null;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface GroupsTable {
  tenant_id: string;
  id: Id;
  name: string;
  description: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface GroupMembersTable {
  tenant_id: string;
  group_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  tenant_id: string;
  id: Id;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: Id;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scope: TokenScope;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  locked_until: NullableTimestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  tenant_id: string;
  id: Id;
  actor_type: 'user' | 'token' | 'system' | 'cli';
  actor_user_id: string | null;
  actor_token_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  changes: ColumnType<unknown, string, string>;
  ip: string | null;
  created_at: Generated<Date>;
}

export interface IdentityLinksTable {
  tenant_id: string;
  id: Id;
  purpose: 'invitation' | 'magic_link';
  user_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface UserIdentitiesTable {
  tenant_id: string;
  id: Id;
  user_id: string;
  kind: 'email' | 'phone' | 'wechat' | 'chat_visitor';
  value: string;
  value_normalized: string;
  verified_at: NullableTimestamp;
  is_primary: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface CustomerMergesTable {
  tenant_id: string;
  id: Id;
  source_id: string;
  target_id: string;
  merged_by: string | null;
  moved_ticket_ids: ColumnType<string[], string[] | undefined, string[]>;
  details: ColumnType<unknown, string, string>;
  at: Generated<Date>;
}

export interface TenantLogosTable {
  tenant_id: string;
  content_type: string;
  bytes: Buffer;
  sha256: string;
  updated_at: Timestamp;
}

export interface IdentityTables {
  user_identities: UserIdentitiesTable;
  customer_merges: CustomerMergesTable;
  identity_links: IdentityLinksTable;
  tenant_logos: TenantLogosTable;
  tenants: TenantsTable;
  users: UsersTable;
  organizations: OrganizationsTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
}

/** A connection or transaction over the identity tables (repositories take either). */
export type IdentityDb = import('kysely').Kysely<IdentityTables>;
