import type { PresenceUser } from '../../../lib/realtime';

export type PresenceState = 'viewing' | 'replying' | 'left';

/** What the browser says on the stream (the server reads exactly this). */
export const presenceFrame = (ticketId: string, state: PresenceState) => ({ type: 'presence', ticket_id: ticketId, state });

/** A browser refreshes its presence this often; the server forgets it after 30 s without. */
export const PRESENCE_REFRESH_MS = 15_000;

/** The others on the ticket (not me), replying ones first. */
export function othersOnTicket(users: PresenceUser[], meId: string | undefined): PresenceUser[] {
  return users
    .filter((user) => user.id !== meId)
    .sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'replying' ? -1 : 1));
}
