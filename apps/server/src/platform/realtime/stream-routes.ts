import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { requireActor } from '../auth-context/actor.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import type { HttpServer } from '../http/create-http-server.ts';
import type { RealtimeHub, StreamMessage } from './hub.ts';

export interface StreamRouteOptions {
  hub: RealtimeHub;
  /** The public origin of the web app (SWITCHBOARD_PUBLIC_URL), accepted besides the request's own. */
  publicUrl?: string;
  /** Ping interval; a socket that did not answer the previous ping is closed. */
  heartbeatMs?: number;
}

/**
 * `GET /api/v1/stream`: the WebSocket of invalidation notices. Authenticated by the same hook as
 * every route (session cookie for browsers, `Authorization: Bearer` for servers): the upgrade is
 * refused with HTTP 401 when there is no actor. A cookie-authenticated upgrade from another origin
 * is refused (403): browsers send cookies on cross-site WebSocket handshakes.
 */
export function registerStreamRoutes(app: HttpServer, options: StreamRouteOptions) {
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  const allowedOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;

  app.route({
    method: 'GET',
    url: '/api/v1/stream',
    schema: {
      tags: ['realtime'],
      summary: 'WebSocket of invalidation notices ({type, id, version}) for what the caller may see',
    },
    preValidation: async (request) => {
      const actor = requireActor(request);
      if (actor.kind === 'session' && !sameOrigin(request, allowedOrigin)) throw forbidden('Cross-origin stream connections are refused');
    },
    handler: async () => {
      throw new AppError('UPGRADE_REQUIRED', 426, 'This endpoint speaks WebSocket only');
    },
    wsHandler: async (socket: WebSocket, request: FastifyRequest) => {
      const actor = requireActor(request);
      const log = request.log.child({ tenantId: actor.tenantId, userId: actor.userId });
      const send = (message: StreamMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
      };

      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, heartbeatMs);
      heartbeat.unref();

      // Browsers send nothing yet; presence and typing will be read here.
      socket.on('message', () => undefined);

      let unsubscribe: (() => void) | undefined;
      let closed = false;
      socket.on('close', () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
      });
      socket.on('error', (error) => log.debug({ err: error }, 'stream socket error'));

      try {
        const remove = await options.hub.subscribe({
          viewer: {
            tenantId: actor.tenantId,
            userId: actor.userId,
            role: actor.role,
            ticketAccess: actor.ticketAccess,
            groupIds: [...actor.groupIds],
          },
          send,
        });
        if (closed) remove();
        else unsubscribe = remove;
      } catch (error) {
        log.error({ err: error }, 'stream unavailable');
        clearInterval(heartbeat);
        socket.close(1011, 'stream unavailable');
      }
    },
  });
}

function sameOrigin(request: FastifyRequest, allowedOrigin: string | undefined): boolean {
  const origin = request.headers.origin;
  // Non-browser clients send no Origin; browsers always do on a WebSocket handshake.
  if (!origin) return true;
  if (allowedOrigin && origin === allowedOrigin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
