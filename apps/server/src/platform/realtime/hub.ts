import { z } from 'zod';
import { createPgListener, type PgListener } from '../events/pg-listener.ts';
import type { Logger } from '../logger/logger.ts';
import { mayHear, toClientNotice, type ClientNotice, type Viewer } from './audience.ts';
import { REALTIME_CHANNEL, type RealtimeNotice } from './notices.ts';
import {
  createPresenceRegistry,
  PRESENCE_STATES,
  PRESENCE_TTL_MS,
  type PresenceAnnouncement,
  type PresenceAudience,
  type PresenceUser,
  type TicketKey,
} from './presence.ts';

/** What a socket receives: a notice, or a control message of the stream itself. */
export type StreamMessage =
  | ClientNotice
  /** The subscription is live: anything committed from now on will be heard. */
  | { type: 'stream.ready' }
  /** Notices may have been missed (the node's listen connection was down): refetch what is shown. */
  | { type: 'stream.resync' }
  /** Who is on a ticket now (staff only); an empty list means nobody. */
  | { type: 'presence'; id: string; users: PresenceUser[] };

export interface Subscriber {
  viewer: Viewer;
  send: (message: StreamMessage) => void;
}

export interface RealtimeHub {
  /** Waits until this node listens (so nothing committed afterwards is missed), then adds the subscriber. */
  subscribe: (subscriber: Subscriber) => Promise<() => void>;
  /** Fans one notice out to the subscribers allowed to hear it; returns how many heard it. */
  deliver: (notice: RealtimeNotice) => number;
  /** Sends a presence announcement to every node (this one included), which tell their sockets. */
  announce: (announcement: PresenceAnnouncement) => Promise<void>;
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
    userIds: z.array(z.string().max(20)).max(500).optional(),
  }),
  /** Set on presence announcements, which go through the same channel but are not notices. */
  presence: z
    .object({
      connectionId: z.string().max(100),
      userId: z.string().max(40),
      name: z.string().max(300),
      state: z.enum(PRESENCE_STATES),
    })
    .optional(),
});

/**
 * One per API process: a single LISTEN connection on the realtime channel (opened on the first
 * subscriber), fanned out in memory to this node's sockets. Every node hears every commit, so a
 * browser may be connected to any of them.
 *
 * Presence announcements (ephemeral: nothing stored) cross nodes on the same channel, marked by a
 * `presence` member; each node keeps the same registry and tells its own staff sockets.
 */
export function createRealtimeHub(options: {
  databaseUrl: string;
  logger: Logger;
  readyTimeoutMs?: number;
  /** Sends a payload on the realtime channel (NOTIFY); without it, announcements stay on this node. */
  publish?: (channel: string, payload: string) => Promise<void>;
  presenceTtlMs?: number;
  now?: () => number;
}): RealtimeHub {
  const log = options.logger.child({ component: 'realtime' });
  const subscribers = new Set<Subscriber>();
  const presenceTtlMs = options.presenceTtlMs ?? PRESENCE_TTL_MS;
  const presence = createPresenceRegistry({ ttlMs: presenceTtlMs, now: options.now });
  let sweeper: NodeJS.Timeout | undefined;
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

  /**
   * Tells this node's staff sockets that may see the ticket who is on it now. `audience` is the
   * ticket's as last announced; a "left" that emptied the ticket passes the one it had.
   */
  const deliverPresence = (key: TicketKey, audience: PresenceAudience) => {
    const notice: RealtimeNotice = { tenantId: key.tenantId, type: 'presence', id: key.ticketId, audience: { ...audience, staffOnly: true } };
    const message: StreamMessage = { type: 'presence', id: key.ticketId, users: presence.users(key) };
    for (const subscriber of subscribers) {
      if (subscriber.viewer.role === 'customer' || !mayHear(subscriber.viewer, notice)) continue;
      send(subscriber, message);
    }
  };

  const sweep = () => {
    for (const expired of presence.sweep()) deliverPresence(expired, expired.audience);
    if (presence.size() === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };

  const applyPresence = (announcement: PresenceAnnouncement) => {
    const audience = announcement.state === 'left' ? (presence.audience(announcement) ?? announcement.audience) : announcement.audience;
    if (presence.apply(announcement)) deliverPresence(announcement, audience);
    if (presence.size() > 0 && !sweeper && !closed) {
      // Presence is the ephemeral, in-memory exception of DESIGN §4: expiring it is this node's
      // own job, and the timer runs only while someone is present.
      sweeper = setInterval(sweep, Math.max(50, Math.floor(presenceTtlMs / 6)));
      sweeper.unref();
    }
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
    const { presence: said, ...notice } = parsed.data;
    if (said) {
      const audience = notice.audience;
      applyPresence({
        tenantId: notice.tenantId,
        ticketId: notice.id,
        ...said,
        audience: { requesterId: audience.requesterId ?? null, assigneeId: audience.assigneeId ?? null, groupId: audience.groupId ?? null },
      });
      return;
    }
    deliver(notice as RealtimeNotice);
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
    announce: async (announcement) => {
      if (closed) return;
      if (!options.publish) {
        applyPresence(announcement);
        return;
      }
      const { tenantId, ticketId, connectionId, userId, name, state, audience } = announcement;
      const payload = { tenantId, type: 'presence', id: ticketId, audience, presence: { connectionId, userId, name: name.slice(0, 300), state } };
      await options.publish(REALTIME_CHANNEL, JSON.stringify(payload));
    },
    size: () => subscribers.size,
    close: async () => {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      subscribers.clear();
      await listener?.close();
    },
  };
}
