import type { Transaction } from 'kysely';
import { AppError } from '../../platform/errors/app-error.ts';
import { creationChanges, type Changes } from './domain/diff.ts';
import { htmlToText, sanitizeMessageHtml } from './domain/html.ts';
import { messagesRepo, splitFirstMessage, type AttachmentRow, type MessageRow } from './messages.repo.ts';
import { messageCreatedEvent, noticeTicket, ticketCreatedEvent, ticketUpdatedEvent, type EventAuthor } from './tickets.events.ts';
import { ticketsRepo, type TicketPatch, type TicketRecord } from './tickets.repo.ts';
import type { TicketState } from './ticket-input.ts';

/**
 * The writes shared by the use cases (create, reply, follow-up), each inside the caller's
 * transaction: rows, events, reactions and the realtime notice commit together.
 */
export interface MessageInput {
  public: boolean;
  body?: string;
  html_body?: string;
  attachment_tokens?: string[];
  /** Whose uploads the tokens must be (the actor). */
  uploaderId: string;
  authorId: string | null;
  /** Channel details kept with the message (an email's addresses, folded quote, raw id). */
  metadata?: Record<string, unknown>;
  /** Written by a customer (told to reactions, so those about staff replies skip it). */
  byCustomer?: boolean;
}

/** Plain text kept for every message; HTML sanitised before it is stored. */
export function messageBodies(input: { body?: string; html_body?: string }): { body: string; body_html: string | null } {
  const html = input.html_body?.trim() ? sanitizeMessageHtml(input.html_body) : null;
  const body = input.body?.trim() ? input.body : html ? htmlToText(html) : '';
  return { body, body_html: html };
}

/**
 * The uploads a message carries: those a channel registered for it in this transaction, and
 * those its tokens name, locked for it (see claimableUploads); an unknown, used or foreign token
 * fails the write.
 */
async function claimUploads(trx: Transaction<any>, tenantId: string, input: MessageInput, channelUploads: AttachmentRow[] = []): Promise<AttachmentRow[]> {
  const tokens = [...new Set(input.attachment_tokens ?? [])];
  const uploads = tokens.length > 0 ? await messagesRepo(trx, tenantId).claimableUploads(tokens, input.uploaderId) : [];
  if (uploads.length !== tokens.length) {
    const found = new Set(uploads.map((upload) => upload.upload_token));
    throw new AppError('ATTACHMENT_TOKEN_INVALID', 400, 'An attachment token is unknown, already used, or not yours', {
      errors: (input.attachment_tokens ?? [])
        .map((token, index) => ({ token, index }))
        .filter(({ token }) => !found.has(token))
        .map(({ index }) => ({ path: `body.attachment_tokens.${index}`, message: 'unknown, already used, or not your upload' })),
    });
  }
  return [...channelUploads, ...uploads];
}

/** The message row and its message.created event (never the body) for a message with these uploads. */
function messageWrite(ticketId: string, author: EventAuthor, input: MessageInput, uploads: AttachmentRow[], at: Date) {
  return {
    row: {
      ticket_id: ticketId, author_id: input.authorId, public: input.public, ...messageBodies(input), via: author.via, metadata: input.metadata,
      attachmentIds: uploads.map((upload) => upload.id),
    },
    event: {
      author,
      // message_id: the new message's, set by the insert.
      data: { public: input.public, author_id: input.authorId, attachments: uploads.length, ...(input.byCustomer ? { by_customer: true } : {}) },
      at,
    },
  };
}

const boundTo = (uploads: AttachmentRow[], message: MessageRow) => uploads.map((upload) => ({ ...upload, message_id: message.id, ticket_id: message.ticket_id }));

/**
 * A message on a ticket with what it changes on the ticket (`change`, see ticketsRepo.appendMessage),
 * in one statement after its uploads are claimed.
 */
export async function appendMessage(
  trx: Transaction<any>,
  tenantId: string,
  ticket: { id: string },
  author: EventAuthor,
  input: MessageInput,
  at: Date,
  change: { patch: TicketPatch; addCcIds: string[]; changes: Changes | null },
  channelUploads: AttachmentRow[] = [],
): Promise<{ message: MessageRow; attachments: AttachmentRow[] }> {
  const uploads = await claimUploads(trx, tenantId, input, channelUploads);
  const write = messageWrite(ticket.id, author, input, uploads, at);
  const created = messageCreatedEvent({ ...write.event, ticketId: ticket.id });
  const updated = change.changes ? ticketUpdatedEvent({ ticketId: ticket.id, author, changes: change.changes, at }) : null;
  const message = await ticketsRepo(trx, tenantId).appendMessage(ticket.id, { row: write.row, event: created.insert, reaction: created.reaction }, at, {
    patch: change.patch, addCcIds: change.addCcIds, updated: updated && { event: updated.insert, reaction: updated.reaction },
  });
  return { message, attachments: boundTo(uploads, message) };
}

const byNumericId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * A new ticket with its first message: one statement writes the ticket, its people, tags and
 * link, the message with its uploads, both events and their reactions (see ticketsRepo.insert).
 */
export async function insertNewTicket(
  trx: Transaction<any>,
  tenantId: string,
  input: {
    state: TicketState;
    author: EventAuthor;
    submitterId: string | null;
    message: MessageInput;
    /** See claimUploads. */
    channelUploads?: AttachmentRow[];
    followUpOf?: string;
    now: Date;
  },
): Promise<{ ticket: TicketRecord; message: MessageRow; attachments: AttachmentRow[] }> {
  const { state, author, now } = input;
  const { solved_at, closed_at, ...fields } = state;
  const uploads = await claimUploads(trx, tenantId, input.message, input.channelUploads);
  const created = ticketCreatedEvent({
    author,
    changes: creationChanges({ ...fields, submitter_id: input.submitterId, via: author.via }),
    data: input.followUpOf ? { follow_up_of: input.followUpOf } : {},
    at: now,
  });
  // The ticket id is not known yet: the statement reads it from the ticket's event.
  const write = messageWrite('', author, input.message, uploads, now);
  const firstEvent = messageCreatedEvent({ ...write.event, ticketId: '' });
  const inserted = await ticketsRepo(trx, tenantId).insert(
    {
      subject: state.subject,
      status_id: state.status_id,
      status_category: state.status_category,
      priority: state.priority,
      type: state.type,
      category_id: state.category_id,
      requester_id: state.requester_id,
      submitter_id: input.submitterId,
      assignee_id: state.assignee_id,
      group_id: state.group_id,
      organization_id: state.organization_id,
      form_id: state.form_id,
      via: author.via,
      external_id: state.external_id,
      tags: state.tags,
      custom_fields: state.custom_fields,
      solved_at: state.solved_at,
      closed_at: state.closed_at,
    },
    created,
    { ccIds: state.cc_ids, followerIds: state.follower_ids, tags: state.tags, followUpOf: input.followUpOf },
    { row: write.row, event: firstEvent.insert, reaction: firstEvent.reaction },
  );
  const { message, rest: row } = splitFirstMessage(inserted);
  await noticeTicket(trx, tenantId, 'ticket.created', row);
  // The record as find() reads it (people ordered by id), from what was just written.
  const ticket: TicketRecord = { ...row, cc_ids: [...state.cc_ids].sort(byNumericId), follower_ids: [...state.follower_ids].sort(byNumericId) };
  return { ticket, message, attachments: boundTo(uploads, message) };
}
