import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { SearchVisibility } from './search.repo.ts';

/**
 * Who may search what. Tickets: anyone who may read tickets, within the tickets they may see
 * (the same rules as tickets.policy.ts: customers their own and CC'd tickets, agents with
 * ticketAccess 'groups' their groups' tickets and those assigned to or followed by them,
 * 'assigned' only those assigned or followed); internal notes match for staff only.
 * Users and organizations: staff who may read them (never customers). Light agents read, so
 * they search.
 */
export type SearchType = 'ticket' | 'user' | 'organization';

export function authorizeSearch(actor: Actor, type: SearchType): void {
  authorize(actor, type === 'ticket' ? 'tickets:read' : type === 'user' ? 'users:read' : 'organizations:read');
}

export function searchVisibility(actor: Actor): SearchVisibility {
  if (actor.role === 'customer') return { kind: 'customer', userId: actor.userId };
  if (actor.ticketAccess === 'groups') return { kind: 'groups', userId: actor.userId, groupIds: actor.groupIds };
  if (actor.ticketAccess === 'assigned') return { kind: 'assigned', userId: actor.userId };
  return { kind: 'all' };
}

/** Internal notes are matched and shown to staff only. */
export const searchesInternal = (actor: Actor) => actor.role !== 'customer';
