import type { Transaction } from 'kysely';
import { actorRef, type Actor } from '../../platform/auth-context/actor.ts';
import { publishNotice } from '../../platform/realtime/notices.ts';
import type { Changes } from './domain/diff.ts';
import type { CreatedEvent } from './tickets.repo.ts';
import { messagesRepo, type EventRow } from './messages.repo.ts';

/**
 * Ticket event types. Each is one ticket_events row written in the transaction of the change,
 * with an outbox reaction (topic 'ticket.event') so consumers (SLA, routing, analytics,
 * webhooks) run once after commit.
 * - ticket.created: changes = every initial field as [null, value]; data.number, data.follow_up_of?
 * - ticket.updated: changes = {field: [before, after]}; fields are the ticket's column names
 *   (status_category, status_id, assignee_id, group_id, tags, cc_ids, follower_ids...) and
 *   custom fields as custom_fields.<key>.
 * - message.created: data = {message_id, public, author_id, attachments (count)}; never the body.
 * - ticket.follow_up_created: on the closed ticket; data.follow_up_id.
 */
export const TICKET_EVENT_TOPIC = 'ticket.event';
export const TICKET_EVENTS = {
  created: 'ticket.created',
  updated: 'ticket.updated',
  messageCreated: 'message.created',
  followUpCreated: 'ticket.follow_up_created',
} as const;
export type TicketEventType = (typeof TICKET_EVENTS)[keyof typeof TICKET_EVENTS];

/** Who made a change and through which channel, as written into ticket_events. */
export interface EventAuthor {
  actorType: 'user' | 'token' | 'rule' | 'system' | 'cli';
  actorId: string | null;
  via: string;
}

export function authorOf(actor: Actor, via?: string): EventAuthor {
  const ref = actorRef(actor);
  return { actorType: ref.actorType, actorId: ref.actorId, via: via ?? (actor.kind === 'token' ? 'api' : 'web') };
}

export const SYSTEM_AUTHOR: EventAuthor = { actorType: 'system', actorId: null, via: 'system' };

type TicketEventInput = { ticketId: string; type: TicketEventType; author: EventAuthor; changes?: Changes; data?: Record<string, unknown>; at: Date };

/** The ticket_events row of an event, and the payload of its reaction (event_id is added by the insert). */
function eventRows(event: TicketEventInput) {
  const changes = event.changes ?? {};
  const data = event.data ?? {};
  const payload = {
    ticket_id: event.ticketId,
    type: event.type,
    via: event.author.via,
    actor_type: event.author.actorType,
    actor_id: event.author.actorId,
    created_at: event.at.toISOString(),
    changes,
    data,
    ...(typeof data.public === 'boolean' ? { public: data.public } : {}),
  };
  return {
    insert: { ticket_id: event.ticketId, type: event.type, actor_type: event.author.actorType, actor_id: event.author.actorId, via: event.author.via, changes, data },
    reaction: { topic: TICKET_EVENT_TOPIC, payload },
  };
}

export async function recordTicketEvent(trx: Transaction<any>, tenantId: string, event: TicketEventInput): Promise<EventRow> {
  const { insert, reaction } = eventRows(event);
  return messagesRepo(trx, tenantId).insertEvent(insert, event.at, reaction);
}

/**
 * The ticket.created event of a ticket about to be inserted: ticketsRepo.insert writes it in the
 * same statement, with the new ticket's id (ticket_id) and number (data.number).
 */
export function ticketCreatedEvent(event: Omit<TicketEventInput, 'ticketId' | 'type'>): CreatedEvent {
  const { insert, reaction } = eventRows({ ...event, ticketId: '', type: TICKET_EVENTS.created });
  return { event: insert, at: event.at, reaction };
}

/** The message.created event of a message about to be inserted (its id goes into data.message_id). */
export function messageCreatedEvent(event: Omit<TicketEventInput, 'type'>) {
  return eventRows({ ...event, type: TICKET_EVENTS.messageCreated });
}

/** The ticket.updated event of a change written with something else (see ticketsRepo.appendMessage). */
export function ticketUpdatedEvent(event: Omit<TicketEventInput, 'type'>) {
  return eventRows({ ...event, type: TICKET_EVENTS.updated });
}

/** The realtime invalidation for a ticket (delivered at commit to those who may see it). */
export async function noticeTicket(
  trx: Transaction<any>,
  tenantId: string,
  type: 'ticket.created' | 'ticket.updated',
  ticket: { id: string; version: number; requester_id: string; assignee_id: string | null; group_id: string | null },
  staffOnly = false,
): Promise<void> {
  await publishNotice(trx, {
    tenantId,
    type,
    id: ticket.id,
    version: ticket.version,
    audience: { requesterId: ticket.requester_id, assigneeId: ticket.assignee_id, groupId: ticket.group_id, staffOnly },
  });
}
