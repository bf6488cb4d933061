import fastifyWebsocket from '@fastify/websocket';
import { sql } from 'kysely';
import type { Actor } from '../platform/auth-context/actor.ts';
import type { HttpServer } from '../platform/http/create-http-server.ts';
import { createRealtimeHub, type RealtimeHub } from '../platform/realtime/hub.ts';
import type { PresenceAudience } from '../platform/realtime/presence.ts';
import { registerStreamRoutes } from '../platform/realtime/stream-routes.ts';
import type { AppContext } from './context.ts';

/**
 * WebSocket support. Registered right after the server is created, before every other hook:
 * its own onRequest hook marks upgrade requests so that a request refused by a later hook (a bad
 * token) gets its socket closed instead of left open.
 */
export async function registerWebsocketSupport(app: HttpServer): Promise<void> {
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });
}

/**
 * The realtime part of the API role: this node's hub (one LISTEN connection, opened on the first
 * subscriber) and `GET /api/v1/stream`. Presence announcements cross nodes by NOTIFY on the
 * owner connection; `presenceAudience` (from the tickets module) says who may see a ticket.
 */
export function registerRealtime(
  app: HttpServer,
  ctx: Pick<AppContext, 'config' | 'logger' | 'databaseUrl'> & Partial<Pick<AppContext, 'db'>>,
  options: {
    heartbeatMs?: number;
    presenceAudience?: (actor: Actor, ticketId: string) => Promise<PresenceAudience | null>;
  } = {},
): RealtimeHub {
  const db = ctx.db;
  const hub = createRealtimeHub({
    databaseUrl: ctx.databaseUrl,
    logger: ctx.logger,
    publish: db
      ? async (channel, payload) => {
          await sql`select pg_notify(${channel}, ${payload})`.execute(db.system);
        }
      : undefined,
  });
  registerStreamRoutes(app, {
    hub,
    publicUrl: ctx.config.SWITCHBOARD_PUBLIC_URL,
    heartbeatMs: options.heartbeatMs,
    presenceAudience: options.presenceAudience,
  });
  app.addHook('onClose', async () => {
    await hub.close();
  });
  return hub;
}
