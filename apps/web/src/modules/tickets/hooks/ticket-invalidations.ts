import type { Notice } from '../../../lib/realtime';
import { ticketKeys } from './ticket-keys';

type QueryKey = readonly unknown[];

/**
 * The queries a realtime notice makes stale. `ticket.*` notices name the ticket; `message.*`
 * notices name the ticket they belong to when the server says so. Unknown kinds change nothing.
 */
export function ticketInvalidations(notice: Notice): QueryKey[] {
  const [kind] = notice.type.split('.');
  if (kind === 'ticket' || kind === 'tickets') {
    return [ticketKeys.lists(), ticketKeys.detail(notice.id)];
  }
  if (kind === 'message' || kind === 'messages') {
    return notice.ticketId ? [ticketKeys.lists(), ticketKeys.detail(notice.ticketId)] : [ticketKeys.all];
  }
  return [];
}
