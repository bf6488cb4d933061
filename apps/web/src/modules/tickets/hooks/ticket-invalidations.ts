import type { Notice } from '../../../lib/realtime';
import { ticketKeys } from './ticket-keys';

type QueryKey = readonly unknown[];

/**
 * The queries a realtime notice makes stale. `ticket.*` notices name the ticket; `message.*`
 * notices name the ticket they belong to when the server says so, and touch only that ticket:
 * the lists show nothing of a message (a reply that moves a ticket comes with ticket.updated),
 * and a delivery state (sent, failed) refetched every open list of every agent who may see it.
 * Unknown kinds change nothing.
 */
export function ticketInvalidations(notice: Notice): QueryKey[] {
  const [kind] = notice.type.split('.');
  if (kind === 'ticket' || kind === 'tickets') {
    return [ticketKeys.lists(), ticketKeys.detail(notice.id)];
  }
  if (kind === 'message' || kind === 'messages') {
    return notice.ticketId ? [ticketKeys.detail(notice.ticketId)] : [ticketKeys.all];
  }
  return [];
}
