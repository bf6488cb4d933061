import fastifyWebsocket from '@fastify/websocket';
import type { HttpServer } from '../platform/http/create-http-server.ts';
import { createRealtimeHub, type RealtimeHub } from '../platform/realtime/hub.ts';
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
 * subscriber) and `GET /api/v1/stream`.
 */
export function registerRealtime(
  app: HttpServer,
  ctx: Pick<AppContext, 'config' | 'logger' | 'databaseUrl'>,
  options: { heartbeatMs?: number } = {},
): RealtimeHub {
  const hub = createRealtimeHub({ databaseUrl: ctx.databaseUrl, logger: ctx.logger });
  registerStreamRoutes(app, { hub, publicUrl: ctx.config.SWITCHBOARD_PUBLIC_URL, heartbeatMs: options.heartbeatMs });
  app.addHook('onClose', async () => {
    await hub.close();
  });
  return hub;
}
