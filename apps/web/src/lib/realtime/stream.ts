import { reconnectDelay } from './backoff';
import { parseStreamMessage, type Notice, type PresenceNotice } from './notice';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

export interface StreamOptions {
  url: string;
  onNotice: (notice: Notice) => void;
  onStatus?: (status: StreamStatus) => void;
  /** Called after a reconnect, or when the server says so: notices may have been missed. */
  onResync?: () => void;
  /** Who is on a ticket now (presence), as the server tells it. */
  onPresence?: (presence: PresenceNotice) => void;
  /** Each time the socket opens (first time and after every reconnect), with the way to send. */
  onOpen?: (send: (frame: object) => boolean) => void;
  /** When the socket is gone (the send given to onOpen no longer works). */
  onClose?: () => void;
  createSocket?: (url: string) => WebSocket;
}

/** `ws(s)://<this host>/api/v1/stream`: same origin, so the session cookie goes along. */
export function streamUrl(location: Pick<Location, 'protocol' | 'host'>, path = '/api/v1/stream'): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/**
 * Keeps one WebSocket open to the notice stream, reconnecting with back-off for as long as the
 * caller wants it. Returns the function that closes it for good.
 */
export function openStream(options: StreamOptions): () => void {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  let socket: WebSocket | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let everOpened = false;

  const connect = () => {
    if (stopped) return;
    options.onStatus?.(everOpened ? 'reconnecting' : 'connecting');
    try {
      socket = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    const current = socket;
    socket.onopen = () => {
      attempt = 0;
      options.onStatus?.('live');
      if (everOpened) options.onResync?.();
      everOpened = true;
      options.onOpen?.((frame) => {
        if (socket !== current || current.readyState !== 1) return false;
        current.send(JSON.stringify(frame));
        return true;
      });
    };
    socket.onmessage = (event: MessageEvent) => {
      const message = parseStreamMessage(event.data);
      if (message?.kind === 'notice') options.onNotice(message.notice);
      else if (message?.kind === 'resync') options.onResync?.();
      else if (message?.kind === 'presence') options.onPresence?.(message.presence);
    };
    socket.onclose = () => {
      socket = null;
      options.onClose?.();
      scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
  };

  const scheduleReconnect = () => {
    if (stopped) return;
    options.onStatus?.('reconnecting');
    const delay = reconnectDelay(attempt);
    attempt += 1;
    timer = setTimeout(connect, delay);
  };

  // Coming back online or to the tab: try now instead of waiting out the back-off.
  const retryNow = () => {
    if (stopped || socket) return;
    clearTimeout(timer);
    attempt = 0;
    connect();
  };
  globalThis.addEventListener?.('online', retryNow);

  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    globalThis.removeEventListener?.('online', retryNow);
    if (socket) {
      socket.onclose = null;
      socket.close();
      socket = null;
    }
  };
}
