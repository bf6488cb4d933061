import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { StatusCategory } from './domain/status.ts';
import type { FieldValue } from './domain/custom-fields.ts';
import {
  eventCte, FIRST_MESSAGE_COLUMNS, messageCte, reactionsCte, type EventInsert, type FirstMessageColumns, type MessageInsert, type MessageRow, type Reaction,
} from './messages.repo.ts';

/** What a new ticket starts with besides its row, written in its insert statement (see ticketsRepo.insert). */
export interface TicketStarts {
  ccIds: string[];
  followerIds: string[];
  tags: string[];
  followUpOf?: string;
}

/** A new ticket's ticket.created event, written with it (see ticketsRepo.insert). */
export interface CreatedEvent {
  event: EventInsert;
  at: Date;
  reaction: Reaction;
}

/** A new ticket's first message with its message.created event (ticket ids filled in by the insert). */
export interface FirstMessage {
  row: MessageInsert & { attachmentIds: string[] };
  event: EventInsert;
  reaction: Reaction;
}

export interface TicketRow {
  tenant_id: string;
  id: string;
  number: string;
  subject: string;
  status_id: string;
  status_category: StatusCategory;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  type: 'question' | 'incident' | 'problem' | 'task' | null;
  category_id: string | null;
  requester_id: string;
  submitter_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  organization_id: string | null;
  form_id: string | null;
  via: string;
  external_id: string | null;
  tags: string[];
  custom_fields: Record<string, FieldValue>;
  version: number;
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
  closed_at: Date | null;
}

/** A ticket with its CCs and followers: everything the policy and the presenter need. */
export interface TicketRecord extends TicketRow {
  cc_ids: string[];
  follower_ids: string[];
  status_name: string;
}

export type TicketInsert = Omit<TicketRow, 'tenant_id' | 'id' | 'number' | 'version' | 'created_at' | 'updated_at'>;
export type TicketPatch = Partial<Omit<TicketRow, 'tenant_id' | 'id' | 'number' | 'created_at'>>;

/** Which tickets a list may return, from the actor's access (see tickets.policy.ts). */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'customer'; userId: string }
  | { kind: 'groups'; userId: string; groupIds: string[] }
  | { kind: 'assigned'; userId: string };

export interface TicketFilters {
  statusCategories?: StatusCategory[];
  statusId?: string;
  assigneeId?: string | null;
  groupId?: string | null;
  requesterId?: string;
  organizationId?: string;
  priorities?: string[];
  type?: string;
  tag?: string;
  via?: string;
  externalId?: string;
  number?: string;
  createdAfter?: string;
  createdBefore?: string;
  updatedAfter?: string;
  updatedBefore?: string;
}

export interface UserRef {
  id: string;
  role: string;
  active: boolean;
  organization_id: string | null;
}

const ticketColumns = sql`t.tenant_id, t.id, t.number, t.subject, t.status_id, t.status_category, t.priority, t.type,
  t.category_id, t.requester_id, t.submitter_id, t.assignee_id, t.group_id, t.organization_id, t.form_id, t.via,
  t.external_id, t.tags, t.custom_fields, t.version, t.created_at, t.updated_at, t.solved_at, t.closed_at`;

const withPeople = sql`
  coalesce((select array_agg(c.user_id::text order by c.user_id) from ticket_ccs c
            where c.tenant_id = t.tenant_id and c.ticket_id = t.id), '{}') as cc_ids,
  coalesce((select array_agg(f.user_id::text order by f.user_id) from ticket_followers f
            where f.tenant_id = t.tenant_id and f.ticket_id = t.id), '{}') as follower_ids,
  (select s.name from ticket_statuses s where s.tenant_id = t.tenant_id and s.id = t.status_id) as status_name`;

/**
 * Writes about one ticket, as statements of their own or as CTEs of the statement that inserts
 * it: `ticket` is its id, a value or, in that statement, `t.id` read `from ticket t`.
 */
type TicketRef = { id: unknown; from: RawBuilder<unknown> };
const NEW_TICKET: TicketRef = { id: sql`t.id`, from: sql`from ticket t` };
const ticketRef = (id: string): TicketRef => ({ id, from: sql`` });

const insertPeople = (tenantId: string, table: 'ticket_ccs' | 'ticket_followers', ticket: TicketRef, userIds: string[]) =>
  sql`insert into ${sql.table(table)} (tenant_id, ticket_id, user_id)
    select ${tenantId}, ${ticket.id}, unnest(${userIds}::bigint[]) ${ticket.from} on conflict do nothing`;
const insertTags = (tenantId: string, tags: string[]) => sql`insert into tags (tenant_id, name) select ${tenantId}, unnest(${tags}::text[]) on conflict do nothing`;
const insertLink = (tenantId: string, source: TicketRef, targetId: string, kind: string) =>
  sql`insert into ticket_links (tenant_id, source_id, target_id, kind) select ${tenantId}, ${source.id}, ${targetId}, ${kind} ${source.from} on conflict do nothing`;

/** `set` assignments of a ticket patch (undefined fields are left alone). */
function patchAssignments(patch: TicketPatch): RawBuilder<unknown>[] {
  return Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => {
      if (column === 'tags') return sql`tags = ${value}::text[]`;
      if (column === 'custom_fields') return sql`custom_fields = ${JSON.stringify(value)}::jsonb`;
      return sql`${sql.ref(column)} = ${value}`;
    });
}

export function ticketsRepo(trx: Transaction<any>, tenantId: string) {
  const one = async <T>(query: ReturnType<typeof sql<T>>) => (await query.execute(trx)).rows[0] ?? null;
  const addPeople = async (table: 'ticket_ccs' | 'ticket_followers', ticketId: string, userIds: string[]): Promise<void> => {
    if (userIds.length === 0) return;
    await insertPeople(tenantId, table, ticketRef(ticketId), userIds).execute(trx);
  };

  return {
    /**
     * Inserts a ticket with all it starts with, in ONE statement: its ticket.created event, its
     * CCs, followers, tags and follow-up link, its first message with its message.created event,
     * and the two events' reactions in that order. It takes the tenant's next human number
     * (#1024) from the tenant's own sequence (migration 0500): unique and increasing per tenant,
     * and no lock is held until commit, so concurrent creations never wait on each other. A
     * rolled-back creation leaves a gap in the numbers. Returns the new row with its status's
     * name and the message's columns (see splitFirstMessage).
     */
    async insert(
      ticket: TicketInsert, created: CreatedEvent, starts: TicketStarts, first: FirstMessage,
    ): Promise<TicketRow & { status_name: string } & FirstMessageColumns> {
      const companions = [
        ...(starts.ccIds.length > 0 ? [sql`ccs as (${insertPeople(tenantId, 'ticket_ccs', NEW_TICKET, starts.ccIds)})`] : []),
        ...(starts.followerIds.length > 0 ? [sql`followers as (${insertPeople(tenantId, 'ticket_followers', NEW_TICKET, starts.followerIds)})`] : []),
        ...(starts.tags.length > 0 ? [sql`known_tags as (${insertTags(tenantId, starts.tags)})`] : []),
        ...(starts.followUpOf ? [sql`link as (${insertLink(tenantId, NEW_TICKET, starts.followUpOf, 'follow_up')})`] : []),
      ];
      const row = await one(sql<TicketRow & { status_name: string } & FirstMessageColumns>`
        with ticket as (
          insert into tickets (tenant_id, number, subject, status_id, status_category, priority, type, category_id,
            requester_id, submitter_id, assignee_id, group_id, organization_id, form_id, via, external_id, tags,
            custom_fields, solved_at, closed_at)
          values (${tenantId}, next_ticket_number(${tenantId}), ${ticket.subject}, ${ticket.status_id}, ${ticket.status_category},
            ${ticket.priority}, ${ticket.type}, ${ticket.category_id}, ${ticket.requester_id}, ${ticket.submitter_id},
            ${ticket.assignee_id}, ${ticket.group_id}, ${ticket.organization_id}, ${ticket.form_id}, ${ticket.via},
            ${ticket.external_id}, ${ticket.tags}::text[], ${JSON.stringify(ticket.custom_fields)}::jsonb,
            ${ticket.solved_at}, ${ticket.closed_at})
          returning *, (select s.name from ticket_statuses s where s.tenant_id = tickets.tenant_id and s.id = tickets.status_id) as status_name
        ),
        ${eventCte('event', tenantId, 'ticket', created.event, created.at)},
        ${sql.join([...companions, messageCte(tenantId, first.row, 'event')])},
        ${eventCte('message_event', tenantId, 'message', first.event, created.at)},
        ${reactionsCte(tenantId, [{ eventCte: 'event', reaction: created.reaction }, { eventCte: 'message_event', reaction: first.reaction }])}
        select ticket.*, ${FIRST_MESSAGE_COLUMNS} from ticket, message`);
      return row!;
    },

    async find(id: string, options: { forUpdate?: boolean } = {}): Promise<TicketRecord | null> {
      // No key update: writers of one ticket still queue, but rows that merely reference it
      // (messages, events, search documents: foreign-key checks) are not held up, nor deadlock with it.
      const lock = options.forUpdate ? sql`for no key update of t` : sql``;
      return one(sql<TicketRecord>`select ${ticketColumns}, ${withPeople} from tickets t
        where t.tenant_id = ${tenantId} and t.id = ${id} ${lock}`);
    },

    async findIdByExternalId(externalId: string): Promise<string | null> {
      const row = await one(sql<{ id: string }>`select id from tickets where tenant_id = ${tenantId} and external_id = ${externalId}`);
      return row?.id ?? null;
    },

    async update(id: string, patch: TicketPatch): Promise<void> {
      const assignments = patchAssignments(patch);
      if (assignments.length === 0) return;
      await sql`update tickets set ${sql.join(assignments)} where tenant_id = ${tenantId} and id = ${id}`.execute(trx);
    },

    /**
     * A message on a ticket in ONE statement: the message with its uploads and its
     * message.created event, the ticket's update (`patch`: what the message moved, or only
     * updated_at) with the CCs it adds and its ticket.updated event when it changed anything,
     * and the events' reactions in that order.
     */
    async appendMessage(
      ticketId: string, message: FirstMessage, at: Date, change: { patch: TicketPatch; addCcIds: string[]; updated: Omit<CreatedEvent, 'at'> | null },
    ): Promise<MessageRow> {
      const writes = [
        messageCte(tenantId, message.row),
        eventCte('event', tenantId, 'message', message.event, at),
        sql`changed as (update tickets set ${sql.join(patchAssignments(change.patch))} where tenant_id = ${tenantId} and id = ${ticketId})`,
        ...(change.addCcIds.length > 0 ? [sql`ccs as (${insertPeople(tenantId, 'ticket_ccs', ticketRef(ticketId), change.addCcIds)})`] : []),
        ...(change.updated ? [eventCte('updated_event', tenantId, { after: 'event' }, change.updated.event, at)] : []),
        reactionsCte(tenantId, [
          { eventCte: 'event', reaction: message.reaction },
          ...(change.updated ? [{ eventCte: 'updated_event', reaction: change.updated.reaction }] : []),
        ]),
      ];
      const row = await one(sql<MessageRow>`with ${sql.join(writes)} select * from message`);
      return row!;
    },

    async replacePeople(table: 'ticket_ccs' | 'ticket_followers', ticketId: string, userIds: string[]): Promise<void> {
      await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and ticket_id = ${ticketId}
        and not (user_id = any(${userIds}::bigint[]))`.execute(trx);
      await addPeople(table, ticketId, userIds);
    },

    addPeople,

    async insertLink(sourceId: string, targetId: string, kind: 'follow_up' | 'merged_into' | 'incident_of' | 'split_from') {
      await insertLink(tenantId, ticketRef(sourceId), targetId, kind).execute(trx);
    },

    async list(
      filters: TicketFilters,
      visibility: Visibility,
      page: { limit: number; sort: 'id' | 'updated_at'; after?: { id: string; at?: string } },
    ): Promise<Array<TicketRecord & { cursor_at: string }>> {
      const where = [sql`t.tenant_id = ${tenantId}`, ...visibilityConditions(visibility), ...filterConditions(filters)];
      if (page.after) {
        where.push(
          page.sort === 'id'
            ? sql`t.id < ${page.after.id}`
            : sql`(t.updated_at, t.id) < (${page.after.at}::timestamptz, ${page.after.id}::bigint)`,
        );
      }
      const order = page.sort === 'id' ? sql`t.id desc` : sql`t.updated_at desc, t.id desc`;
      const result = await sql<TicketRecord & { cursor_at: string }>`
        select ${ticketColumns}, ${withPeople},
          to_char(t.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
        from tickets t where ${sql.join(where, sql` and `)} order by ${order} limit ${page.limit}`.execute(trx);
      return result.rows;
    },

    async findUsers(ids: string[]): Promise<UserRef[]> {
      if (ids.length === 0) return [];
      const result = await sql<UserRef>`select id, role, active, organization_id from users
        where tenant_id = ${tenantId} and id = any(${ids}::bigint[])`.execute(trx);
      return result.rows;
    },

    async isGroupMember(groupId: string, userId: string): Promise<boolean> {
      return Boolean(await one(sql`select 1 as found from group_members
        where tenant_id = ${tenantId} and group_id = ${groupId} and user_id = ${userId}`));
    },

    /** Which of the ids exist in `table` (groups, organizations, categories, ticket_forms). */
    async existing(table: 'groups' | 'organizations' | 'categories' | 'ticket_forms', ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const activeOnly = table === 'ticket_forms' ? sql` and active` : sql``;
      const result = await sql<{ id: string }>`select id from ${sql.table(table)}
        where tenant_id = ${tenantId} and id = any(${ids}::bigint[])${activeOnly}`.execute(trx);
      return new Set(result.rows.map((row) => row.id));
    },

    async formFieldIds(formId: string): Promise<string[] | null> {
      const row = await one(sql<{ field_ids: string[] }>`select field_ids::text[] as field_ids from ticket_forms
        where tenant_id = ${tenantId} and id = ${formId}`);
      return row?.field_ids ?? null;
    },

    async rememberTags(tags: string[]): Promise<void> {
      if (tags.length === 0) return;
      await insertTags(tenantId, tags).execute(trx);
    },

    async autoCloseDays(): Promise<number | null> {
      const row = await one(sql<{ days: unknown }>`select settings->'auto_close_days' as days from tenants where id = ${tenantId}`);
      return typeof row?.days === 'number' ? row.days : null;
    },
  };
}

export type TicketsRepo = ReturnType<typeof ticketsRepo>;

function visibilityConditions(visibility: Visibility) {
  switch (visibility.kind) {
    case 'all':
      return [];
    case 'customer':
      return [sql`(t.requester_id = ${visibility.userId} or exists (select 1 from ticket_ccs c
        where c.tenant_id = t.tenant_id and c.ticket_id = t.id and c.user_id = ${visibility.userId}))`];
    case 'groups':
      return [sql`(t.group_id = any(${visibility.groupIds}::bigint[]) or t.assignee_id = ${visibility.userId}
        or exists (select 1 from ticket_followers f where f.tenant_id = t.tenant_id and f.ticket_id = t.id
                   and f.user_id = ${visibility.userId}))`];
    case 'assigned':
      return [sql`(t.assignee_id = ${visibility.userId} or exists (select 1 from ticket_followers f
        where f.tenant_id = t.tenant_id and f.ticket_id = t.id and f.user_id = ${visibility.userId}))`];
  }
}

function filterConditions(filters: TicketFilters) {
  const conditions = [];
  if (filters.statusCategories) conditions.push(sql`t.status_category = any(${filters.statusCategories}::text[])`);
  if (filters.statusId) conditions.push(sql`t.status_id = ${filters.statusId}`);
  if (filters.assigneeId !== undefined) {
    conditions.push(filters.assigneeId === null ? sql`t.assignee_id is null` : sql`t.assignee_id = ${filters.assigneeId}`);
  }
  if (filters.groupId !== undefined) {
    conditions.push(filters.groupId === null ? sql`t.group_id is null` : sql`t.group_id = ${filters.groupId}`);
  }
  if (filters.requesterId) conditions.push(sql`t.requester_id = ${filters.requesterId}`);
  if (filters.organizationId) conditions.push(sql`t.organization_id = ${filters.organizationId}`);
  if (filters.priorities) conditions.push(sql`t.priority = any(${filters.priorities}::text[])`);
  if (filters.type) conditions.push(sql`t.type = ${filters.type}`);
  if (filters.tag) conditions.push(sql`t.tags @> array[${filters.tag}]::text[]`);
  if (filters.via) conditions.push(sql`t.via = ${filters.via}`);
  if (filters.externalId) conditions.push(sql`t.external_id = ${filters.externalId}`);
  if (filters.number) conditions.push(sql`t.number = ${filters.number}`);
  if (filters.createdAfter) conditions.push(sql`t.created_at >= ${filters.createdAfter}::timestamptz`);
  if (filters.createdBefore) conditions.push(sql`t.created_at < ${filters.createdBefore}::timestamptz`);
  if (filters.updatedAfter) conditions.push(sql`t.updated_at >= ${filters.updatedAfter}::timestamptz`);
  if (filters.updatedBefore) conditions.push(sql`t.updated_at < ${filters.updatedBefore}::timestamptz`);
  return conditions;
}
