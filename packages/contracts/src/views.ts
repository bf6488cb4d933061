/**
 * Views API: saved ticket filters (the agent's queues), their tickets and their live counts.
 * The server checks conditions more deeply (operators per field, value shapes) and answers 400
 * with a path per fault; these schemas give the envelope and the OpenAPI shape.
 */
import { z } from 'zod';
import { IdString, pageOf, PageQuery, Ticket } from './tickets.ts';

/** One condition: `{field, operator, value}`; `value` depends on the operator (see VIEW_FIELDS). */
export const ViewCondition = z.object({
  field: z.string().min(1).max(80),
  operator: z.string().min(1).max(40),
  value: z.unknown().optional(),
});
export type ViewCondition = z.infer<typeof ViewCondition>;

/** A ticket is in the view when every `all` condition holds and, if `any` is not empty, one of `any` does. */
export const ViewConditions = z.object({
  all: z.array(ViewCondition).max(50).default([]),
  any: z.array(ViewCondition).max(50).default([]),
});
export type ViewConditions = z.infer<typeof ViewConditions>;

export const VIEW_SORT_FIELDS = ['updated_at', 'created_at', 'priority', 'id', 'next_sla_breach'] as const;
export const ViewSort = z.object({
  by: z.enum(VIEW_SORT_FIELDS),
  direction: z.enum(['asc', 'desc']).default('desc'),
});

/** Columns a view may show (the web app's table), in order. */
export const VIEW_COLUMNS = [
  'number', 'subject', 'status', 'priority', 'type', 'requester', 'assignee', 'group', 'organization', 'via', 'tags',
  'created_at', 'updated_at', 'solved_at',
] as const;
export const ViewColumn = z.enum(VIEW_COLUMNS);

export const View = z.object({
  id: z.string(),
  /** Stable key of a seeded default view (`my_open`, `unassigned_my_groups`, `all_open`, `pending`, `recently_solved`); null for others. */
  key: z.string().nullable(),
  title: z.string(),
  title_zh: z.string().nullable(),
  /** 'shared': every staff member of the tenant has it; 'personal': only its owner sees it. */
  scope: z.enum(['shared', 'personal']),
  owner_user_id: z.string().nullable(),
  conditions: z.object({ all: z.array(ViewCondition), any: z.array(ViewCondition) }),
  sort: z.object({ by: z.enum(VIEW_SORT_FIELDS), direction: z.enum(['asc', 'desc']) }),
  /** The sort really applied: 'next_sla_breach' falls back to created_at until SLA clocks exist. */
  sort_applied: z.object({ by: z.enum(['updated_at', 'created_at', 'priority', 'id']), direction: z.enum(['asc', 'desc']), note: z.string().nullable() }),
  columns: z.array(ViewColumn),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  /** Whether the caller may change or delete it (owner of a personal view; settings:write for shared ones). */
  can_edit: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const ViewList = z.object({ data: z.array(View) });

export const ViewCreateBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    title_zh: z.string().trim().max(200).nullable().optional(),
    /** Default 'personal'; 'shared' needs settings:write (admins). */
    scope: z.enum(['shared', 'personal']).optional(),
    conditions: ViewConditions,
    sort: ViewSort.optional(),
    columns: z.array(ViewColumn).max(VIEW_COLUMNS.length).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const ViewUpdateBody = ViewCreateBody.omit({ scope: true }).partial().strict();

export const ViewListQuery = z.object({
  /** Include inactive views (admins managing them); default only active ones. */
  include_inactive: z.enum(['true', 'false']).optional(),
});

/** Optionally another order than the view's own (a column header the agent clicked). */
export const ViewTicketsQuery = PageQuery.extend({
  sort: z.enum(['updated_at', 'created_at', 'priority', 'id']).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
/** The same rows as GET /api/v1/tickets, in the view's sort order, within what the caller may see. */
export const ViewTicketPage = pageOf(Ticket);

export const ViewCount = z.object({
  view_id: IdString,
  /** Tickets in the view that the caller may see; null when it could not be computed in time (try again). */
  count: z.number().int().nullable(),
  /** True when served from the short cache (at most a couple of seconds old) instead of computed now. */
  stale: z.boolean(),
});
export const ViewCounts = z.object({ data: z.array(ViewCount) });

/** Realtime notice sent on GET /api/v1/stream when a ticket enters or leaves a view of the listener. */
export const ViewChangedNotice = z.object({ type: z.literal('view.changed'), id: IdString });
