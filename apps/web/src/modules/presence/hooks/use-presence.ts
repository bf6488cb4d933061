import { useEffect, useState } from 'react';
import { realtimeChannel, type PresenceUser } from '../../../lib/realtime';
import { PRESENCE_REFRESH_MS, presenceFrame } from '../utils/presence-frames';

/**
 * Announces this tab on a ticket (viewing, or replying while a draft is being written), refreshes
 * the announcement before the server forgets it and after every reconnect, leaves when the page
 * goes; returns everyone the server says is on the ticket.
 */
export function usePresence(ticketId: string, replying: boolean): PresenceUser[] {
  const [users, setUsers] = useState<PresenceUser[]>([]);
  const state = replying ? 'replying' : 'viewing';

  useEffect(
    () =>
      realtimeChannel.onPresence((presence) => {
        if (presence.ticketId === ticketId) setUsers(presence.users);
      }),
    [ticketId],
  );

  useEffect(() => {
    const say = () => realtimeChannel.send(presenceFrame(ticketId, state));
    say();
    const timer = setInterval(say, PRESENCE_REFRESH_MS);
    const offOpen = realtimeChannel.onOpen(say);
    return () => {
      clearInterval(timer);
      offOpen();
    };
  }, [ticketId, state]);

  useEffect(
    () => () => {
      realtimeChannel.send(presenceFrame(ticketId, 'left'));
      setUsers([]);
    },
    [ticketId],
  );

  return users;
}
