import type { PresenceNotice } from './notice';

type Listener<T> = (value: T) => void;

/**
 * The two-way side of the stream, for features that talk back (presence): whoever holds the
 * socket attaches its send function; features send frames and listen for presence without
 * knowing about sockets. One per tab (the app has one stream).
 */
export interface RealtimeChannel {
  /** Sends a frame if the socket is open; false when it is not (the feature resends on open). */
  send: (frame: object) => boolean;
  /** Called on every (re)connect: a feature re-announces what it announced before. */
  onOpen: (listener: () => void) => () => void;
  onPresence: (listener: Listener<PresenceNotice>) => () => void;
  /** For the stream's owner. */
  attach: (send: ((frame: object) => boolean) | null) => void;
  emitPresence: (presence: PresenceNotice) => void;
}

export function createRealtimeChannel(): RealtimeChannel {
  let sender: ((frame: object) => boolean) | null = null;
  const openListeners = new Set<() => void>();
  const presenceListeners = new Set<Listener<PresenceNotice>>();
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  return {
    send: (frame) => (sender ? sender(frame) : false),
    onOpen: (listener) => subscribe(openListeners, listener),
    onPresence: (listener) => subscribe(presenceListeners, listener),
    attach(send) {
      sender = send;
      if (send) for (const listener of [...openListeners]) listener();
    },
    emitPresence(presence) {
      for (const listener of [...presenceListeners]) listener(presence);
    },
  };
}

/** The tab's channel, attached by the app's stream (app/realtime.ts). */
export const realtimeChannel = createRealtimeChannel();
