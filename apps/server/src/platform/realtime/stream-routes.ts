import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { requireActor, type Actor } from '../auth-context/actor.ts';
import { AppError, forbidden } from '../errors/app-error.ts';
import type { HttpServer } from '../http/create-http-server.ts';
import type { RealtimeHub, StreamMessage } from './hub.ts';
import { parseClientPresence, type PresenceAudience, type PresenceState } from './presence.ts';

export interface StreamRouteOptions {
  hub: RealtimeHub;
  /** The public origin of the web app (SWITCHBOARD_PUBLIC_URL), accepted besides the request's own. */
  publicUrl?: string;
  /** Ping interval; a socket that did not answer the previous ping is closed. */
  heartbeatMs?: number;
  /**
   * Presence: the audience of a ticket the actor may see, or null (unknown or hidden ticket: the
   * announcement is dropped). Without it, browsers' presence frames are ignored.
   */
  presenceAudience?: (actor: Actor, ticketId: string) => Promise<PresenceAudience | null>;
}

/** At most this many tickets announced per socket at once, and this many frames per window. */
const MAX_TICKETS_PER_SOCKET = 20;
const FRAME_WINDOW_MS = 10_000;
const MAX_FRAMES_PER_WINDOW = 40;
/** A ticket's audience is looked up again after this long (it follows reassignment). */
const AUDIENCE_TTL_MS = 60_000;

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
      // A per-socket keepalive, not a work loop: it lives and dies with this connection.
      const heartbeat = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, heartbeatMs);
      heartbeat.unref();

      const presence = createSocketPresence(actor, options, log);
      socket.on('message', (data, isBinary) => {
        if (!isBinary) presence.onFrame(String(data));
      });

      let unsubscribe: (() => void) | undefined;
      let closed = false;
      socket.on('close', () => {
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        presence.leaveAll();
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

/**
 * What one socket said about presence: reads `{type:'presence', ticket_id, state}` frames from
 * staff, checks that the ticket is visible to them, and announces through the hub. Frames from
 * customers, malformed frames and floods are ignored; the socket stays open.
 */
function createSocketPresence(actor: Actor, options: StreamRouteOptions, log: { debug: (obj: object, msg: string) => void }) {
  const connectionId = randomUUID();
  const announced = new Map<string, { audience: PresenceAudience; resolvedAt: number }>();
  let windowStart = 0;
  let frames = 0;
  let queue = Promise.resolve();

  const announce = (ticketId: string, state: PresenceState, audience: PresenceAudience) =>
    options.hub.announce({ tenantId: actor.tenantId, ticketId, connectionId, userId: actor.userId, name: actor.name, state, audience });

  const handle = async (ticketId: string, state: PresenceState) => {
    const known = announced.get(ticketId);
    if (state === 'left') {
      if (!known) return;
      announced.delete(ticketId);
      await announce(ticketId, 'left', known.audience);
      return;
    }
    if (!known && announced.size >= MAX_TICKETS_PER_SOCKET) return;
    let audience = known?.audience;
    if (!known || Date.now() - known.resolvedAt > AUDIENCE_TTL_MS) {
      const resolved = await options.presenceAudience!(actor, ticketId).catch(() => null);
      if (!resolved) {
        if (known) {
          announced.delete(ticketId);
          await announce(ticketId, 'left', known.audience);
        }
        return;
      }
      audience = resolved;
      announced.set(ticketId, { audience, resolvedAt: Date.now() });
    }
    await announce(ticketId, state, audience!);
  };

  return {
    onFrame(data: string) {
      if (!options.presenceAudience || actor.role === 'customer') return;
      const now = Date.now();
      if (now - windowStart > FRAME_WINDOW_MS) {
        windowStart = now;
        frames = 0;
      }
      frames += 1;
      if (frames > MAX_FRAMES_PER_WINDOW) return;
      const frame = parseClientPresence(data);
      if (!frame) return;
      // One at a time, in order: "viewing" then "left" must not arrive the other way round.
      queue = queue.then(() => handle(frame.ticketId, frame.state)).catch((error) => log.debug({ err: error }, 'presence not announced'));
    },
    leaveAll() {
      queue = queue
        .then(async () => {
          for (const [ticketId, known] of announced) await announce(ticketId, 'left', known.audience);
          announced.clear();
        })
        .catch((error) => log.debug({ err: error }, 'presence not withdrawn'));
    },
  };
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
