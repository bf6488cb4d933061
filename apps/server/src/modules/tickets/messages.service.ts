import type { z } from 'zod';
import type { MessageCreateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, forbidden, invalid } from '../../platform/errors/app-error.ts';
import { decodeCursor, encodeCursor } from './domain/cursor.ts';
import { diffFields } from './domain/diff.ts';
import { categoryAfterCustomerReply } from './domain/status.ts';
import { messagesRepo, type AttachmentRow, type MessageRow } from './messages.repo.ts';
import { authorOf, noticeTicket, recordTicketEvent, TICKET_EVENTS } from './tickets.events.ts';
import { maySetVia, seesInternal } from './tickets.policy.ts';
import { ticketsRepo } from './tickets.repo.ts';
import { stateOf, visibleTicket } from './tickets.service.ts';
import { DIFFED_FIELDS, resolveTicketState, SET_FIELDS, type TicketState } from './ticket-input.ts';
import { appendMessage, insertNewTicket } from './ticket-writes.ts';

type CreateBody = z.output<typeof MessageCreateBody>;

export interface PostedMessage {
  message: MessageRow;
  attachments: AttachmentRow[];
  /** Set when the ticket was closed and the message opened this follow-up instead. */
  followUpTicketId: string | null;
}

/**
 * Public replies and internal notes.
 * - Internal notes are never returned to customers.
 * - A customer's message reopens a pending or solved ticket (status open, solved_at cleared).
 * - A public message to a closed ticket opens a follow-up ticket (same requester, subject,
 *   organization and group; linked with kind follow_up) and lands there; an internal note to a
 *   closed ticket is refused (409 TICKET_CLOSED).
 */
export function createMessagesService(deps: { db: Database }) {
  const { db } = deps;

  async function list(
    actor: Actor,
    ticketId: string,
    page: { cursor?: string; limit?: number },
  ): Promise<{ data: MessageRow[]; attachments: AttachmentRow[]; next_cursor: string | null }> {
    const limit = page.limit ?? 100;
    const after = page.cursor ? decodeCursor(page.cursor, false) : undefined;
    if (after === null) throw invalid('INVALID_CURSOR', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'is not valid' }]);
    return db.tenantTx(actor.tenantId, async (trx) => {
      await visibleTicket(ticketsRepo(trx, actor.tenantId), actor, ticketId);
      const repo = messagesRepo(trx, actor.tenantId);
      const rows = await repo.listMessages(ticketId, { publicOnly: !seesInternal(actor), afterId: after?.id, limit: limit + 1 });
      const data = rows.slice(0, limit);
      const attachments = await repo.attachmentsOf(data.map((row) => row.id));
      return { data, attachments, next_cursor: rows.length > limit ? encodeCursor({ id: data[data.length - 1]!.id }) : null };
    });
  }

  async function post(actor: Actor, ticketId: string, body: CreateBody): Promise<PostedMessage> {
    if (body.via && !maySetVia(actor)) throw forbidden('Only admins and API tokens may set via');
    const tenantId = actor.tenantId;
    const now = new Date();
    return db.tenantTx(tenantId, async (trx) => {
      const repo = ticketsRepo(trx, tenantId);
      const ticket = await visibleTicket(repo, actor, ticketId, true);
      const author = authorOf(actor, body.via);
      const input = { ...body, authorId: actor.userId, uploaderId: actor.userId };

      if (ticket.status_category === 'closed') {
        if (!body.public) throw new AppError('TICKET_CLOSED', 409, 'Internal notes cannot be added to a closed ticket');
        const base: TicketState = {
          ...stateOf(ticket), status_id: '', status_category: 'new', requester_id: '', assignee_id: null, form_id: null,
          category_id: null, external_id: null, tags: [], custom_fields: {}, cc_ids: [], follower_ids: [], solved_at: null, closed_at: null,
        };
        const state = await resolveTicketState(
          trx, tenantId, base,
          { status: 'new', requester_id: ticket.requester_id, organization_id: ticket.organization_id },
          { creating: true, byCustomer: false, now },
        );
        const followUp = await insertNewTicket(trx, tenantId, { state, author, submitterId: actor.userId, message: input, followUpOf: ticket.id, now });
        await recordTicketEvent(trx, tenantId, {
          ticketId: ticket.id, type: TICKET_EVENTS.followUpCreated, author, data: { follow_up_id: followUp.ticket.id }, at: now,
        });
        return { message: followUp.message, attachments: followUp.attachments, followUpTicketId: followUp.ticket.id };
      }

      const { message, attachments } = await appendMessage(trx, tenantId, ticket, author, input, now);
      const reopenTo = actor.role === 'customer' ? categoryAfterCustomerReply(ticket.status_category) : ticket.status_category;
      let version = ticket.version;
      if (reopenTo !== ticket.status_category) {
        const current = stateOf(ticket);
        const next = await resolveTicketState(trx, tenantId, current, { status: reopenTo }, { creating: false, byCustomer: true, now });
        const changes = diffFields({ ...current }, { ...next }, { fields: DIFFED_FIELDS, setFields: SET_FIELDS });
        version += 1;
        await repo.update(ticket.id, {
          status_id: next.status_id, status_category: next.status_category, solved_at: next.solved_at, closed_at: next.closed_at,
          version, updated_at: now,
        });
        await recordTicketEvent(trx, tenantId, { ticketId: ticket.id, type: TICKET_EVENTS.updated, author, changes, at: now });
      } else {
        await repo.touch(ticket.id, now);
      }
      await noticeTicket(trx, tenantId, 'ticket.updated', { ...ticket, version }, !message.public);
      return { message, attachments, followUpTicketId: null };
    });
  }

  return { list, post };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
