import type { z } from 'zod';
import type {
  CustomerHistoryEntry,
  CustomerIdentity,
  CustomerMerge,
  CustomerProfile,
  CustomerTicket,
  CustomerTicketCounts,
} from '@switchboard/contracts';
import type { CustomerAuditRow, CustomerRow, CustomerTicketRow, MergeRow } from './customer-360.repo.ts';
import type { IdentityRow } from './customer-identities.repo.ts';

/** Customer 360 rows to API shapes (packages/contracts/src/customers.ts is the allow-list). */
const iso = (value: Date | string) => new Date(value).toISOString();

export function presentIdentity(row: IdentityRow): z.infer<typeof CustomerIdentity> {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    value_normalized: row.value_normalized,
    is_primary: row.is_primary,
    verified_at: row.verified_at ? iso(row.verified_at) : null,
    created_at: iso(row.created_at),
    created_by: row.created_by,
  };
}

export function presentProfile(row: CustomerRow, identities: IdentityRow[], canManage: boolean): z.infer<typeof CustomerProfile> {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    email: row.email,
    phone: row.phone,
    organization_id: row.organization_id,
    organization: row.organization_id && row.organization_name ? { id: row.organization_id, name: row.organization_name } : null,
    vip_level: row.vip_level,
    tags: row.tags,
    notes: row.notes,
    locale: row.locale,
    time_zone: row.time_zone,
    external_id: row.external_id,
    active: row.active,
    merged_into_id: row.merged_into_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    identities: identities.map(presentIdentity),
    can_manage: canManage,
  };
}

export function presentCustomerTicket(row: CustomerTicketRow): z.infer<typeof CustomerTicket> {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    status: row.status_category as z.infer<typeof CustomerTicket>['status'],
    status_name: row.status_name,
    priority: row.priority,
    via: row.via,
    assignee_id: row.assignee_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

export function presentCounts(counts: Record<string, number>): z.infer<typeof CustomerTicketCounts> {
  const of = (category: string) => counts[category] ?? 0;
  const result = { new: of('new'), open: of('open'), pending: of('pending'), on_hold: of('on_hold'), solved: of('solved'), closed: of('closed') };
  return { ...result, total: Object.values(result).reduce((sum, n) => sum + n, 0) };
}

export function presentMerge(row: MergeRow): z.infer<typeof CustomerMerge> {
  return {
    id: row.id,
    source_id: row.source_id,
    source_name: row.source_name,
    target_id: row.target_id,
    target_name: row.target_name,
    merged_by: row.merged_by,
    merged_by_name: row.merged_by_name,
    moved_ticket_ids: row.moved_ticket_ids,
    details: row.details ?? {},
    at: iso(row.at),
  };
}

type HistoryType = z.infer<typeof CustomerHistoryEntry>['type'];

/** Audit actions the customer's history shows, and how it names them. */
export const HISTORY_ACTIONS: Record<string, HistoryType> = {
  'customer.identity_added': 'identity_added',
  'customer.identity_verified': 'identity_verified',
  'customer.identity_primary': 'identity_primary',
  'customer.identity_removed': 'identity_removed',
  'customer.updated': 'profile_updated',
  'user.updated': 'profile_updated',
};

export function historyFromMerge(row: MergeRow, customerId: string): z.infer<typeof CustomerHistoryEntry> {
  return {
    id: `merge:${row.id}`,
    type: row.target_id === customerId ? 'merged_in' : 'merged_out',
    at: iso(row.at),
    actor_id: row.merged_by,
    actor_name: row.merged_by_name,
    identity: null,
    changes: null,
    merge: presentMerge(row),
  };
}

export function historyFromAudit(row: CustomerAuditRow): z.infer<typeof CustomerHistoryEntry> {
  const type = HISTORY_ACTIONS[row.action] ?? 'profile_updated';
  const changes = (row.changes ?? {}) as Record<string, unknown>;
  const isIdentity = type.startsWith('identity_') && typeof changes.kind === 'string' && typeof changes.value === 'string';
  return {
    id: `audit:${row.id}`,
    type,
    at: iso(row.created_at),
    actor_id: row.actor_user_id,
    actor_name: row.actor_name,
    identity: isIdentity ? { kind: changes.kind as z.infer<typeof CustomerIdentity>['kind'], value: changes.value as string } : null,
    changes: isIdentity ? null : changes,
    merge: null,
  };
}
