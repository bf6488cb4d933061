import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openStream, realtimeChannel, streamUrl, type StreamStatus } from '../lib/realtime';
import { ticketInvalidations, ticketKeys } from '../modules/tickets';
import { viewInvalidations, viewKeys } from '../modules/views';

/**
 * Keeps the notice stream open while someone is signed in, and turns each notice into query
 * invalidations: TanStack Query refetches what is on screen, nothing else. The same socket
 * carries presence both ways (realtimeChannel).
 */
export function useRealtime(enabled: boolean): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');

  useEffect(() => {
    if (!enabled) return;
    const fallbackViews = () => Boolean(queryClient.getQueryData<{ fallback: boolean }>(viewKeys.list())?.fallback);
    return openStream({
      url: streamUrl(window.location),
      onStatus: setStatus,
      onNotice: (notice) => {
        for (const queryKey of [...ticketInvalidations(notice), ...viewInvalidations(notice, fallbackViews())]) {
          void queryClient.invalidateQueries({ queryKey });
        }
      },
      // Notices may have been missed: refetch everything ticket-shaped that is on screen.
      onResync: () => {
        void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
        void queryClient.invalidateQueries({ queryKey: viewKeys.all });
      },
      onPresence: (presence) => realtimeChannel.emitPresence(presence),
      onOpen: (send) => realtimeChannel.attach(send),
      onClose: () => realtimeChannel.attach(null),
    });
  }, [enabled, queryClient]);

  return status;
}
