import type { z } from 'zod';
import type { MessageCreateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { forbidden, invalid } from '../../platform/errors/app-error.ts';
import { decodeCursor, encodeCursor } from './domain/cursor.ts';
import { messagesRepo, type AttachmentRow, type MessageRow } from './messages.repo.ts';
import { authorOf } from './tickets.events.ts';
import { maySetVia, seesInternal } from './tickets.policy.ts';
import { ticketsRepo } from './tickets.repo.ts';
import { visibleTicket } from './tickets.service.ts';
import { replyInTicket } from './ticket-replies.ts';

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
      const input = { ...body, authorId: actor.userId, uploaderId: actor.userId, byCustomer: actor.role === 'customer' };

      const outcome = await replyInTicket(trx, tenantId, ticket, {
        author, byCustomer: actor.role === 'customer', submitterId: actor.userId, message: input, now,
      });
      return { message: outcome.message, attachments: outcome.attachments, followUpTicketId: outcome.followUpTicketId };
    });
  }

  return { list, post };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
