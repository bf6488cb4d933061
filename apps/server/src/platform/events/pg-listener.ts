import pg from 'pg';
import type { Logger } from '../logger/logger.ts';

export interface PgListenerOptions {
  url: string;
  channel: string;
  logger: Logger;
  onNotification: (payload: string) => void;
  /**
   * Called after every successful LISTEN; `reconnected` is true from the second one on.
   * Notifications sent while the connection was down are lost, so a reconnect is the moment to
   * catch up (poll the outbox again, tell browsers to refetch).
   */
  onListening?: (reconnected: boolean) => void;
  /** Back-off between reconnection attempts: doubles from minDelayMs up to maxDelayMs, with jitter. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** A `select 1` on this interval finds connections that died silently (no TCP reset). */
  healthCheckMs?: number;
}

export interface PgListener {
  /** Resolves once the first LISTEN is in place; rejects after `timeoutMs` without one. */
  ready: (timeoutMs?: number) => Promise<void>;
  isListening: () => boolean;
  close: () => Promise<void>;
}

/**
 * One dedicated connection that LISTENs on a channel and comes back by itself, with back-off,
 * whenever the connection drops. Cheap to create: it connects at once and keeps trying.
 */
export function createPgListener(options: PgListenerOptions): PgListener {
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const log = options.logger.child({ component: 'pg-listener', channel: options.channel });
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let listenedOnce = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  let resolveReady!: () => void;
  const firstListen = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    const delay = Math.min(maxDelay, minDelay * 2 ** Math.min(failures, 16));
    failures += 1;
    reconnectTimer = setTimeout(
      () => {
        reconnectTimer = undefined;
        void connect();
      },
      Math.round(delay / 2 + (Math.random() * delay) / 2),
    );
    reconnectTimer.unref();
  };

  const drop = (dead: pg.Client, error?: unknown) => {
    if (client === dead) client = undefined;
    if (healthTimer && !client) {
      clearInterval(healthTimer);
      healthTimer = undefined;
    }
    dead.removeAllListeners('notification');
    dead.end().catch(() => undefined);
    if (!closed) {
      if (error) log.warn({ err: error }, 'listen connection lost; reconnecting');
      scheduleReconnect();
    }
  };

  const connect = async () => {
    if (closed) return;
    const candidate = new pg.Client({
      connectionString: options.url,
      application_name: 'switchboard-listen',
      keepAlive: true,
    });
    let gone = false;
    const lose = (error?: unknown) => {
      if (gone) return;
      gone = true;
      drop(candidate, error);
    };
    candidate.on('error', (error) => lose(error));
    candidate.on('end', () => lose(new Error('connection ended')));
    candidate.on('notification', (message) => {
      if (message.channel !== options.channel) return;
      try {
        options.onNotification(message.payload ?? '');
      } catch (error) {
        log.error({ err: error }, 'notification handler failed');
      }
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      lose(error);
      return;
    }
    if (closed) {
      gone = true;
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    failures = 0;
    const reconnected = listenedOnce;
    listenedOnce = true;
    if (reconnected) log.info('listening again');
    resolveReady();
    const interval = options.healthCheckMs ?? 20_000;
    // A keepalive of this LISTEN connection (a dropped socket can stay silent), not a work loop.
    healthTimer = setInterval(() => {
      const current = client;
      if (!current) return;
      const timeout = setTimeout(() => lose(new Error('health check timed out')), Math.min(interval, 10_000));
      current.query('select 1').then(
        () => clearTimeout(timeout),
        (error) => {
          clearTimeout(timeout);
          lose(error);
        },
      );
    }, interval);
    healthTimer.unref();
    try {
      options.onListening?.(reconnected);
    } catch (error) {
      log.error({ err: error }, 'onListening handler failed');
    }
  };

  void connect();

  return {
    ready: (timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening on ${options.channel} after ${timeoutMs} ms`)), timeoutMs);
        firstListen.then(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    isListening: () => client !== undefined,
    close: async () => {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (healthTimer) clearInterval(healthTimer);
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
