import type { z } from 'zod';
import type { TicketCreateBody, TicketListQuery, TicketUpdateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors/app-error.ts';
import { findOrCreateCustomerByEmail } from '../identity/index.ts';
import { decodeCursor, encodeCursor } from './domain/cursor.ts';
import { diffFields } from './domain/diff.ts';
import { messagesRepo, type EventRow } from './messages.repo.ts';
import { authorOf, noticeTicket, recordTicketEvent, TICKET_EVENTS } from './tickets.events.ts';
import { canSeeTicket, CUSTOMER_CREATE_FIELDS, maySetVia, ticketVisibility } from './tickets.policy.ts';
import { ticketSetup } from './config.repo.ts';
import { ticketsRepo, type TicketFilters, type TicketRecord, type TicketsRepo } from './tickets.repo.ts';
import { DIFFED_FIELDS, resolveTicketState, SET_FIELDS, type TicketState } from './ticket-input.ts';
import { insertNewTicket } from './ticket-writes.ts';

type CreateBody = z.output<typeof TicketCreateBody>;
type UpdateBody = z.output<typeof TicketUpdateBody>;
type ListQuery = z.output<typeof TicketListQuery>;

export const ticketNotFound = () => notFound('TICKET_NOT_FOUND', 'The ticket');

/** The ticket if it exists and the actor may see it; 404 otherwise (never 403: no existence leak). */
export async function visibleTicket(repo: TicketsRepo, actor: Actor, id: string, forUpdate = false): Promise<TicketRecord> {
  const ticket = await repo.find(id, { forUpdate });
  if (!ticket || !canSeeTicket(actor, ticket)) throw ticketNotFound();
  return ticket;
}

export function stateOf(row: TicketRecord): TicketState {
  const { subject, status_id, status_category, priority, type, category_id, requester_id, assignee_id, group_id,
    organization_id, form_id, external_id, tags, custom_fields, cc_ids, follower_ids, solved_at, closed_at } = row;
  return { subject, status_id, status_category, priority, type, category_id, requester_id, assignee_id, group_id,
    organization_id, form_id, external_id, tags, custom_fields, cc_ids, follower_ids, solved_at, closed_at };
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  (error as { code?: string; constraint?: string })?.code === '23505' && (error as { constraint?: string }).constraint === constraint;

export function createTicketsService(deps: { db: Database }) {
  const { db } = deps;

  const externalIdTaken = (id: string) =>
    new AppError('TICKET_EXTERNAL_ID_EXISTS', 409, 'A ticket with this external_id already exists', { extra: { ticket_id: id } });

  /** After a unique violation rolled the transaction back: which ticket holds the external id. */
  async function externalIdConflict(tenantId: string, externalId: string): Promise<AppError> {
    const existing = await db.tenantTx(tenantId, (trx) => ticketsRepo(trx, tenantId).findIdByExternalId(externalId));
    return existing ? externalIdTaken(existing) : new AppError('TICKET_CONFLICT', 409, 'The ticket changed meanwhile; retry');
  }

  async function create(actor: Actor, body: CreateBody, rawKeys: string[]): Promise<TicketRecord> {
    const byCustomer = actor.role === 'customer';
    if (byCustomer) {
      const refused = rawKeys.filter((key) => !CUSTOMER_CREATE_FIELDS.has(key));
      if (body.comment.author_id) refused.push('comment.author_id');
      if (refused.length > 0) {
        throw new AppError('TICKET_FIELD_FORBIDDEN', 403, `Customers cannot set ${refused.join(', ')}`, {
          errors: refused.map((key) => ({ path: `body.${key}`, message: 'staff only' })),
        });
      }
      if (!body.comment.public) throw forbidden('Customers can only write public messages');
    }
    if (body.via && !maySetVia(actor)) throw forbidden('Only admins and API tokens may set via');
    const tenantId = actor.tenantId;
    const now = new Date();
    try {
      return await db.tenantTx(tenantId, async (trx) => {
        const repo = ticketsRepo(trx, tenantId);
        if (body.external_id) {
          const existing = await repo.findIdByExternalId(body.external_id);
          if (existing) throw externalIdTaken(existing);
        }
        let requesterId = byCustomer ? actor.userId : (body.requester_id ?? actor.userId);
        if (!byCustomer && !body.requester_id && body.requester) {
          requesterId = (await findOrCreateCustomerByEmail(trx, tenantId, body.requester)).id;
        }
        const authorId = body.comment.author_id ?? (body.comment.public ? requesterId : actor.userId);
        if (body.comment.author_id) {
          const [author] = await repo.findUsers([body.comment.author_id]);
          if (!author?.active) throw invalid('VALIDATION_FAILED', 'The ticket is not valid', [{ path: 'body.comment.author_id', message: 'no active user with this id' }]);
        }
        const base: TicketState = {
          subject: body.subject, status_id: '', status_category: 'new', priority: 'normal', type: null, category_id: null,
          requester_id: '', assignee_id: null, group_id: null, organization_id: null, form_id: null, external_id: null,
          tags: [], custom_fields: {}, cc_ids: [], follower_ids: [], solved_at: null, closed_at: null,
        };
        const { comment, requester, via, ...fields } = body;
        // Zendesk's rule: a new ticket that already has an assignee is open, not new.
        const status = body.status ?? (body.status_id ? undefined : body.assignee_id ? 'open' : 'new');
        const formId = body.form_id === undefined ? ((await ticketSetup(trx, tenantId)).defaultForm?.id ?? null) : body.form_id;
        const state = await resolveTicketState(trx, tenantId, base, { ...fields, requester_id: requesterId, status, form_id: formId }, {
          creating: true,
          byCustomer,
          now,
        });
        const { ticket } = await insertNewTicket(trx, tenantId, {
          state,
          author: authorOf(actor, via),
          submitterId: actor.userId,
          message: { ...comment, authorId, uploaderId: actor.userId, byCustomer },
          now,
        });
        return ticket;
      });
    } catch (error) {
      if (body.external_id && isUniqueViolation(error, 'tickets_external_id_key')) throw await externalIdConflict(tenantId, body.external_id);
      throw error;
    }
  }

  async function get(actor: Actor, id: string): Promise<TicketRecord> {
    return db.tenantTx(actor.tenantId, (trx) => visibleTicket(ticketsRepo(trx, actor.tenantId), actor, id));
  }

  async function list(actor: Actor, query: ListQuery): Promise<{ data: TicketRecord[]; next_cursor: string | null }> {
    const sort = query.sort ?? 'id';
    const limit = query.limit ?? 25;
    const after = query.cursor ? decodeCursor(query.cursor, sort === 'updated_at') : undefined;
    if (after === null) throw invalid('INVALID_CURSOR', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'is not valid' }]);
    const filters: TicketFilters = {
      statusCategories: query.status ?? query.status_category,
      statusId: query.status_id,
      assigneeId: query.assignee_id === 'me' ? actor.userId : query.assignee_id === 'none' ? null : query.assignee_id,
      groupId: query.group_id === 'none' ? null : query.group_id,
      requesterId: query.requester_id,
      organizationId: query.organization_id,
      priorities: query.priority,
      type: query.type,
      tag: query.tag?.trim().toLowerCase(),
      via: query.via,
      externalId: query.external_id,
      number: query.number,
      createdAfter: query.created_after,
      createdBefore: query.created_before,
      updatedAfter: query.updated_after,
      updatedBefore: query.updated_before,
    };
    const rows = await db.tenantTx(actor.tenantId, (trx) =>
      ticketsRepo(trx, actor.tenantId).list(filters, ticketVisibility(actor), { limit: limit + 1, sort, after }),
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next_cursor = rows.length > limit && last ? encodeCursor(sort === 'id' ? { id: last.id } : { id: last.id, at: last.cursor_at }) : null;
    return { data: page, next_cursor };
  }

  async function update(actor: Actor, id: string, expectedVersion: number, body: UpdateBody): Promise<TicketRecord> {
    if (body.via && !maySetVia(actor)) throw forbidden('Only admins and API tokens may set via');
    const tenantId = actor.tenantId;
    const now = new Date();
    try {
      return await db.tenantTx(tenantId, async (trx) => {
        const repo = ticketsRepo(trx, tenantId);
        const row = await visibleTicket(repo, actor, id, true);
        if (row.status_category === 'closed') throw new AppError('TICKET_CLOSED', 409, 'A closed ticket cannot change; reply to open a follow-up');
        if (row.version !== expectedVersion) {
          throw new AppError('TICKET_STALE_VERSION', 412, `The ticket is at version ${row.version}; reload it and apply your change again`, {
            extra: { current_version: row.version },
          });
        }
        if (body.external_id && body.external_id !== row.external_id) {
          const holder = await repo.findIdByExternalId(body.external_id);
          if (holder) throw externalIdTaken(holder);
        }
        const { via, ...input } = body;
        const current = stateOf(row);
        const next = await resolveTicketState(trx, tenantId, current, input, { creating: false, byCustomer: false, now });
        const changes = diffFields({ ...current }, { ...next }, { fields: DIFFED_FIELDS, setFields: SET_FIELDS, mapFields: ['custom_fields'] });
        if (Object.keys(changes).length === 0) return row;
        const { cc_ids, follower_ids, ...columns } = next;
        await repo.update(id, { ...columns, version: row.version + 1, updated_at: now });
        if (changes.cc_ids) await repo.replacePeople('ticket_ccs', id, cc_ids);
        if (changes.follower_ids) await repo.replacePeople('ticket_followers', id, follower_ids);
        if (changes.tags) await repo.rememberTags(next.tags);
        await recordTicketEvent(trx, tenantId, { ticketId: id, type: TICKET_EVENTS.updated, author: authorOf(actor, via), changes, at: now });
        const updated = (await repo.find(id))!;
        await noticeTicket(trx, tenantId, 'ticket.updated', updated);
        return updated;
      });
    } catch (error) {
      if (body.external_id && isUniqueViolation(error, 'tickets_external_id_key')) throw await externalIdConflict(tenantId, body.external_id);
      throw error;
    }
  }

  async function events(actor: Actor, id: string, page: { cursor?: string; limit?: number }): Promise<{ data: EventRow[]; next_cursor: string | null }> {
    const limit = page.limit ?? 100;
    const after = page.cursor ? decodeCursor(page.cursor, false) : undefined;
    if (after === null) throw invalid('INVALID_CURSOR', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'is not valid' }]);
    return db.tenantTx(actor.tenantId, async (trx) => {
      await visibleTicket(ticketsRepo(trx, actor.tenantId), actor, id);
      const rows = await messagesRepo(trx, actor.tenantId).listEvents(id, { afterId: after?.id, limit: limit + 1 });
      const data = rows.slice(0, limit);
      return { data, next_cursor: rows.length > limit ? encodeCursor({ id: data[data.length - 1]!.id }) : null };
    });
  }

  return { create, get, list, update, events };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
