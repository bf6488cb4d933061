/**
 * Customer 360 API: one customer, several identities (emails, phones, WeChat ids, chat
 * visitors), their tickets across channels, notes, and explicit merges of two customers.
 *
 * Error codes (problem documents, `code`):
 * - 404 CUSTOMER_NOT_FOUND, IDENTITY_NOT_FOUND
 * - 400 VALIDATION_FAILED, IDENTITY_VALUE_INVALID, ORGANIZATION_NOT_FOUND, INVALID_CURSOR
 * - 409 IDENTITY_TAKEN (another customer has it: `owner_id` names them, so the UI can offer a
 *   merge), IDENTITY_ALREADY_ADDED, IDENTITY_LAST (a customer keeps at least one identity),
 *   IDENTITY_PRIMARY (make another identity of the kind primary first), STAFF_EMAIL_REQUIRED,
 *   CUSTOMER_MERGED (the customer was merged into another: change that one),
 *   MERGE_SAME_CUSTOMER, MERGE_STAFF_USER, MERGE_SOURCE_ALREADY_MERGED
 */
import { z } from 'zod';
import { IdInput, IdString, pageOf, StatusCategory } from './tickets.ts';

export const IDENTITY_KIND_VALUES = ['email', 'phone', 'wechat', 'chat_visitor'] as const;
export const IdentityKind = z.enum(IDENTITY_KIND_VALUES);
export type IdentityKind = z.infer<typeof IdentityKind>;

const Timestamp = z.string();

export const CustomerIdentity = z.object({
  id: z.string(),
  kind: IdentityKind,
  /** As written; `value_normalized` is what matching compares (email lower-case, phone +digits). */
  value: z.string(),
  value_normalized: z.string(),
  is_primary: z.boolean(),
  verified_at: Timestamp.nullable(),
  created_at: Timestamp,
  created_by: z.string().nullable(),
});
export type CustomerIdentity = z.infer<typeof CustomerIdentity>;

export const CustomerProfile = z.object({
  id: z.string(),
  role: z.string(),
  name: z.string(),
  /** The primary email identity (mirrored on the user: sign-in and mail read it). */
  email: z.string().nullable(),
  /** The primary phone identity. */
  phone: z.string().nullable(),
  organization_id: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  vip_level: z.number().int(),
  tags: z.array(z.string()),
  notes: z.string(),
  locale: z.string().nullable(),
  time_zone: z.string().nullable(),
  external_id: z.string().nullable(),
  active: z.boolean(),
  /** Set when this customer was merged into another one (then inactive). */
  merged_into_id: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
  identities: z.array(CustomerIdentity),
  /** Whether the caller may edit this person and their identities, and merge customers into them. */
  can_manage: z.boolean(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

/** One of the customer's tickets, as the customer page lists them. */
export const CustomerTicket = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  status: StatusCategory,
  status_name: z.string(),
  priority: z.string(),
  via: z.string(),
  assignee_id: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CustomerTicket = z.infer<typeof CustomerTicket>;
export const CustomerTicketPage = pageOf(CustomerTicket);
export type CustomerTicketPage = z.infer<typeof CustomerTicketPage>;

/** Tickets the customer requested, by status category (only those the caller may see). */
export const CustomerTicketCounts = z.object({
  new: z.number().int(),
  open: z.number().int(),
  pending: z.number().int(),
  on_hold: z.number().int(),
  solved: z.number().int(),
  closed: z.number().int(),
  total: z.number().int(),
});
export type CustomerTicketCounts = z.infer<typeof CustomerTicketCounts>;

export const Customer360 = CustomerProfile.extend({
  ticket_counts: CustomerTicketCounts,
  /** The newest tickets first; more with GET /customers/:id/tickets?cursor=next_cursor. */
  tickets: CustomerTicketPage,
});
export type Customer360 = z.infer<typeof Customer360>;

export const CustomerParams = z.object({ id: IdString });
export const CustomerIdentityParams = z.object({ id: IdString, identityId: IdString });

export const CustomerTicketsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const Tag = z.string().trim().min(1).max(64);

export const CustomerUpdateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    organization_id: IdInput.nullable(),
    vip_level: z.number().int().min(0).max(10),
    tags: z.array(Tag).max(50),
    notes: z.string().max(10_000),
  })
  .partial()
  .strict();
export type CustomerUpdateBody = z.input<typeof CustomerUpdateBody>;

export const IdentityCreateBody = z
  .object({
    kind: IdentityKind,
    value: z.string().trim().min(1).max(254),
  })
  .strict();
export type IdentityCreateBody = z.input<typeof IdentityCreateBody>;

export const CustomerMergeBody = z.object({ source_id: IdInput }).strict();
export type CustomerMergeBody = z.input<typeof CustomerMergeBody>;

export const CustomerMerge = z.object({
  id: z.string(),
  source_id: z.string(),
  source_name: z.string(),
  target_id: z.string(),
  target_name: z.string(),
  merged_by: z.string().nullable(),
  merged_by_name: z.string().nullable(),
  /** Tickets whose requester moved from source to target. */
  moved_ticket_ids: z.array(z.string()),
  /** Identities moved, tickets where CCs/followers were rewritten, tags added, VIP and organization before/after. */
  details: z.record(z.string(), z.unknown()),
  at: Timestamp,
});
export type CustomerMerge = z.infer<typeof CustomerMerge>;

export const CustomerMergeResult = z.object({ merge: CustomerMerge, customer: CustomerProfile });
export type CustomerMergeResult = z.infer<typeof CustomerMergeResult>;

export const CUSTOMER_HISTORY_TYPES = [
  'merged_in',
  'merged_out',
  'identity_added',
  'identity_verified',
  'identity_primary',
  'identity_removed',
  'profile_updated',
] as const;

export const CustomerHistoryEntry = z.object({
  /** `merge:<id>` or `audit:<id>`. */
  id: z.string(),
  type: z.enum(CUSTOMER_HISTORY_TYPES),
  at: Timestamp,
  actor_id: z.string().nullable(),
  actor_name: z.string().nullable(),
  /** Identity changes: which identity. */
  identity: z.object({ kind: IdentityKind, value: z.string() }).nullable(),
  /** Profile changes: {field: {from, to}}. */
  changes: z.record(z.string(), z.unknown()).nullable(),
  /** Merges: the merge (merged_in: another customer into this one; merged_out: this one into another). */
  merge: CustomerMerge.nullable(),
});
export type CustomerHistoryEntry = z.infer<typeof CustomerHistoryEntry>;

/** Newest first; the latest 200 entries. */
export const CustomerHistory = z.object({ data: z.array(CustomerHistoryEntry) });
export type CustomerHistory = z.infer<typeof CustomerHistory>;
