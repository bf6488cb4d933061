import { z } from 'zod';
import { createPgListener, type PgListener } from '../events/pg-listener.ts';
import type { Logger } from '../logger/logger.ts';
import { mayHear, toClientNotice, type ClientNotice, type Viewer } from './audience.ts';
import { REALTIME_CHANNEL, type RealtimeNotice } from './notices.ts';

/** What a socket receives: a notice, or a control message of the stream itself. */
export type StreamMessage =
  | ClientNotice
  /** The subscription is live: anything committed from now on will be heard. */
  | { type: 'stream.ready' }
  /** Notices may have been missed (the node's listen connection was down): refetch what is shown. */
  | { type: 'stream.resync' };

export interface Subscriber {
  viewer: Viewer;
  send: (message: StreamMessage) => void;
}

export interface RealtimeHub {
  /** Waits until this node listens (so nothing committed afterwards is missed), then adds the subscriber. */
  subscribe: (subscriber: Subscriber) => Promise<() => void>;
  /** Fans one notice out to the subscribers allowed to hear it; returns how many heard it. */
  deliver: (notice: RealtimeNotice) => number;
  size: () => number;
  close: () => Promise<void>;
}

const noticeSchema = z.object({
  tenantId: z.string(),
  type: z.string().min(1).max(100),
  id: z.string(),
  version: z.number().int().optional(),
  audience: z.object({
    requesterId: z.string().nullable().optional(),
    assigneeId: z.string().nullable().optional(),
    groupId: z.string().nullable().optional(),
    staffOnly: z.boolean().optional(),
  }),
});

/**
 * One per API process: a single LISTEN connection on the realtime channel (opened on the first
 * subscriber), fanned out in memory to this node's sockets. Every node hears every commit, so a
 * browser may be connected to any of them.
 *
 * Ephemeral notices (presence, typing) will arrive the same way on a channel of their own and go
 * through `deliver` with their own audience; nothing is stored for them.
 */
export function createRealtimeHub(options: { databaseUrl: string; logger: Logger; readyTimeoutMs?: number }): RealtimeHub {
  const log = options.logger.child({ component: 'realtime' });
  const subscribers = new Set<Subscriber>();
  let listener: PgListener | undefined;
  let closed = false;

  const send = (subscriber: Subscriber, message: StreamMessage) => {
    try {
      subscriber.send(message);
    } catch (error) {
      log.debug({ err: error }, 'could not send to a socket');
    }
  };

  const deliver = (notice: RealtimeNotice) => {
    let heard = 0;
    const message = toClientNotice(notice);
    for (const subscriber of subscribers) {
      if (!mayHear(subscriber.viewer, notice)) continue;
      send(subscriber, message);
      heard += 1;
    }
    return heard;
  };

  const onNotification = (payload: string) => {
    let parsed: ReturnType<typeof noticeSchema.safeParse>;
    try {
      parsed = noticeSchema.safeParse(JSON.parse(payload));
    } catch {
      log.warn('realtime notice is not JSON; dropped');
      return;
    }
    if (!parsed.success) {
      log.warn({ issues: parsed.error.issues }, 'realtime notice has an unexpected shape; dropped');
      return;
    }
    deliver(parsed.data as RealtimeNotice);
  };

  const ensureListening = () => {
    listener ??= createPgListener({
      url: options.databaseUrl,
      channel: REALTIME_CHANNEL,
      logger: options.logger,
      onNotification,
      onListening: (reconnected) => {
        if (!reconnected) return;
        for (const subscriber of subscribers) send(subscriber, { type: 'stream.resync' });
      },
    });
    return listener.ready(options.readyTimeoutMs ?? 10_000);
  };

  return {
    subscribe: async (subscriber) => {
      if (closed) throw new Error('realtime hub is closed');
      await ensureListening();
      subscribers.add(subscriber);
      send(subscriber, { type: 'stream.ready' });
      return () => {
        subscribers.delete(subscriber);
      };
    },
    deliver,
    size: () => subscribers.size,
    close: async () => {
      closed = true;
      subscribers.clear();
      await listener?.close();
    },
  };
}
