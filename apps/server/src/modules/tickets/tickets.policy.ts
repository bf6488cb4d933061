import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Visibility } from './tickets.repo.ts';

/**
 * Record-level access to tickets (the role-level check is `authorize` in the routes).
 * - customers: tickets they requested or are CC'd on;
 * - staff with ticketAccess 'all': every ticket of the tenant;
 * - 'groups': tickets of their groups, assigned to them, or that they follow;
 * - 'assigned': tickets assigned to them or that they follow.
 * Followers are agents who asked to see a ticket's internal notes, so following grants sight.
 * A ticket the actor may not see answers 404, never 403, so its existence does not leak.
 */
export interface TicketAccessFacts {
  requester_id: string;
  assignee_id: string | null;
  group_id: string | null;
  cc_ids: readonly string[];
  follower_ids: readonly string[];
}

export function ticketVisibility(actor: Actor): Visibility {
  if (actor.role === 'customer') return { kind: 'customer', userId: actor.userId };
  if (actor.ticketAccess === 'groups') return { kind: 'groups', userId: actor.userId, groupIds: actor.groupIds };
  if (actor.ticketAccess === 'assigned') return { kind: 'assigned', userId: actor.userId };
  return { kind: 'all' };
}

export function canSeeTicket(actor: Actor, ticket: TicketAccessFacts): boolean {
  const visibility = ticketVisibility(actor);
  const me = actor.userId;
  switch (visibility.kind) {
    case 'all':
      return true;
    case 'customer':
      return ticket.requester_id === me || ticket.cc_ids.includes(me);
    case 'groups':
      return (
        (ticket.group_id !== null && visibility.groupIds.includes(ticket.group_id)) ||
        ticket.assignee_id === me ||
        ticket.follower_ids.includes(me)
      );
    case 'assigned':
      return ticket.assignee_id === me || ticket.follower_ids.includes(me);
  }
}

/** Internal notes, followers and the event history are for staff only. */
export const seesInternal = (actor: Actor) => actor.role !== 'customer';

/** Who may say which channel a change came through (`via` in a body): admins and API tokens. */
export const maySetVia = (actor: Actor) => actor.kind === 'token' || actor.role === 'owner' || actor.role === 'admin';

/** Fields a customer may set when opening a ticket; anything else is staff work. */
export const CUSTOMER_CREATE_FIELDS = new Set(['subject', 'comment', 'priority', 'type', 'custom_fields', 'cc_emails', 'form_id', 'category_id']);

/** The roles a ticket may be assigned to (light agents and customers never are). */
export const ASSIGNABLE_ROLES = new Set(['owner', 'admin', 'supervisor', 'agent']);
