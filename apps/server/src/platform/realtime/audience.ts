import type { Actor } from '../auth-context/actor.ts';
import type { RealtimeNotice } from './notices.ts';

/** What the fan-out needs to know about the person behind a socket. */
export type Viewer = Pick<Actor, 'tenantId' | 'userId' | 'role' | 'ticketAccess' | 'groupIds'>;

/** The only thing a browser is told: what to refetch. Tenant ids and audiences stay on the server. */
export interface ClientNotice {
  type: string;
  id: string;
  version?: number;
  /** The ticket a notice about something inside it (a message) belongs to. */
  ticket_id?: string;
}

/**
 * Whether a viewer may hear a notice. A notice is about one record when its audience names a
 * requester, an assignee or a group (null counts: "no assignee" is still about a ticket); it is
 * tenant-wide when it names none of them (configuration, for instance).
 *
 * - staff with ticketAccess 'all' hear everything in their tenant;
 * - 'groups': record notices of their groups' records or of records assigned to them;
 * - 'assigned': record notices of records assigned to them;
 * - staff hear tenant-wide notices;
 * - customers hear only record notices of their own requests, and never staff-only ones;
 * - a notice naming `userIds` is heard only by those users (and only if the rules above allow).
 */
export function mayHear(viewer: Viewer, notice: RealtimeNotice): boolean {
  if (notice.tenantId !== viewer.tenantId) return false;
  if (notice.audience.userIds && !notice.audience.userIds.includes(viewer.userId)) return false;
  const { requesterId, assigneeId, groupId, staffOnly } = notice.audience;
  const aboutRecord = requesterId !== undefined || assigneeId !== undefined || groupId !== undefined;
  const assignedToViewer = assigneeId != null && assigneeId === viewer.userId;

  if (viewer.role === 'customer') {
    return !staffOnly && aboutRecord && requesterId != null && requesterId === viewer.userId;
  }
  if (!aboutRecord) return true;
  switch (viewer.ticketAccess) {
    case 'all':
      return true;
    case 'groups':
      return assignedToViewer || (groupId != null && viewer.groupIds.includes(groupId));
    case 'assigned':
      return assignedToViewer;
    default:
      return false;
  }
}

export function toClientNotice(notice: RealtimeNotice): ClientNotice {
  const message: ClientNotice = { type: notice.type, id: notice.id };
  if (notice.version !== undefined) message.version = notice.version;
  if (notice.ticketId !== undefined) message.ticket_id = notice.ticketId;
  return message;
}
