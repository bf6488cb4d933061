import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openStream, streamUrl, type StreamStatus } from '../lib/realtime';
import { ticketInvalidations, ticketKeys } from '../modules/tickets';

/**
 * Keeps the notice stream open while someone is signed in, and turns each notice into query
 * invalidations: TanStack Query refetches what is on screen, nothing else.
 */
export function useRealtime(enabled: boolean): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    return openStream({
      url: streamUrl(window.location),
      onStatus: setStatus,
      onNotice: (notice) => {
        for (const queryKey of ticketInvalidations(notice)) void queryClient.invalidateQueries({ queryKey });
      },
      // Notices may have been missed: refetch everything ticket-shaped that is on screen.
      onResync: () => void queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
    });
  }, [enabled, queryClient]);

  return status;
}
