import fastifyWebsocket from '@fastify/websocket';
import type { HttpServer } from '../platform/http/create-http-server.ts';
import { createRealtimeHub, type RealtimeHub } from '../platform/realtime/hub.ts';
import { registerStreamRoutes } from '../platform/realtime/stream-routes.ts';
import type { AppContext } from './context.ts';

/**
 * The realtime part of the API role: WebSocket support, this node's hub (one LISTEN connection,
 * opened on the first subscriber) and `GET /api/v1/stream`. Must be registered before any route.
 */
export async function registerRealtime(
  app: HttpServer,
  ctx: Pick<AppContext, 'config' | 'logger' | 'databaseUrl'>,
  options: { heartbeatMs?: number } = {},
): Promise<RealtimeHub> {
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 } });
  const hub = createRealtimeHub({ databaseUrl: ctx.databaseUrl, logger: ctx.logger });
  registerStreamRoutes(app, { hub, publicUrl: ctx.config.SWITCHBOARD_PUBLIC_URL, heartbeatMs: options.heartbeatMs });
  app.addHook('onClose', async () => {
    await hub.close();
  });
  return hub;
}
