import type { Transaction } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { diffFields } from './domain/diff.ts';
import { categoryAfterCustomerReply } from './domain/status.ts';
import type { AttachmentRow, MessageRow } from './messages.repo.ts';
import { noticeTicket, recordTicketEvent, TICKET_EVENTS, type EventAuthor } from './tickets.events.ts';
import type { TicketRecord } from './tickets.repo.ts';
import { stateOf } from './tickets.service.ts';
import { DIFFED_FIELDS, resolveTicketState, SET_FIELDS, type TicketState } from './ticket-input.ts';
import { appendMessage, insertNewTicket, type MessageInput } from './ticket-writes.ts';

export interface ReplyOutcome {
  message: MessageRow;
  attachments: AttachmentRow[];
  /** The ticket the message landed on (a follow-up when the ticket was closed). */
  ticketId: string;
  /** Set when the ticket was closed and the message opened this follow-up instead. */
  followUpTicketId: string | null;
}

/**
 * A message on an existing ticket, locked by the caller, in the caller's transaction; the one
 * path for every channel (web, API, email):
 * - a customer's message reopens a pending or solved ticket;
 * - a public message to a closed ticket opens a linked follow-up (same requester, subject,
 *   organization and group) and lands there; an internal note to a closed ticket is refused.
 */
export async function replyInTicket(
  trx: Transaction<any>,
  tenantId: string,
  ticket: TicketRecord,
  input: {
    author: EventAuthor; byCustomer: boolean; submitterId: string | null; message: MessageInput; now: Date;
    /** People the message adds to the CCs (a reply to all with new people on it); not on a follow-up. */
    addCcIds?: string[];
    /** Uploads the channel registered for this message in this transaction (registerChannelUploads). */
    channelUploads?: AttachmentRow[];
  },
): Promise<ReplyOutcome> {
  const { author, now } = input;
  if (ticket.status_category === 'closed') {
    if (!input.message.public) throw new AppError('TICKET_CLOSED', 409, 'Internal notes cannot be added to a closed ticket');
    const base: TicketState = {
      ...stateOf(ticket), status_id: '', status_category: 'new', requester_id: '', assignee_id: null, form_id: null,
      category_id: null, external_id: null, tags: [], custom_fields: {}, cc_ids: [], follower_ids: [], solved_at: null, closed_at: null,
    };
    const state = await resolveTicketState(
      trx, tenantId, base,
      { status: 'new', requester_id: ticket.requester_id, organization_id: ticket.organization_id },
      { creating: true, byCustomer: false, now },
    );
    const followUp = await insertNewTicket(trx, tenantId, {
      state, author, submitterId: input.submitterId, message: input.message, channelUploads: input.channelUploads, followUpOf: ticket.id, now,
    });
    await recordTicketEvent(trx, tenantId, {
      ticketId: ticket.id, type: TICKET_EVENTS.followUpCreated, author, data: { follow_up_id: followUp.ticket.id }, at: now,
    });
    return { message: followUp.message, attachments: followUp.attachments, ticketId: followUp.ticket.id, followUpTicketId: followUp.ticket.id };
  }

  const reopenTo = input.byCustomer ? categoryAfterCustomerReply(ticket.status_category) : ticket.status_category;
  const current = stateOf(ticket);
  const next = reopenTo !== ticket.status_category
    ? await resolveTicketState(trx, tenantId, current, { status: reopenTo }, { creating: false, byCustomer: true, now })
    : { ...current };
  const addedCcs = [...new Set(input.addCcIds ?? [])].filter((id) => id !== next.requester_id && !next.cc_ids.includes(id));
  next.cc_ids = [...next.cc_ids, ...addedCcs];
  const changes = diffFields({ ...current }, { ...next }, { fields: DIFFED_FIELDS, setFields: SET_FIELDS });
  // One write and one event for whatever the message moved (status, CCs): each extra update of a
  // ticket rewrites all of its index entries. Otherwise the ticket only gets its updated_at.
  const moved = Object.keys(changes).length > 0;
  const version = moved ? ticket.version + 1 : ticket.version;
  const { message, attachments } = await appendMessage(trx, tenantId, ticket, author, input.message, now, moved
    ? {
        patch: { status_id: next.status_id, status_category: next.status_category, solved_at: next.solved_at, closed_at: next.closed_at, version, updated_at: now },
        addCcIds: addedCcs,
        changes,
      }
    : { patch: { updated_at: now }, addCcIds: [], changes: null }, input.channelUploads);
  await noticeTicket(trx, tenantId, 'ticket.updated', { ...ticket, version }, !message.public);
  return { message, attachments, ticketId: ticket.id, followUpTicketId: null };
}
