import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config/config.ts';
import { AppError, unauthenticated } from '../../platform/errors/app-error.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { SESSION_TTL_SECONDS, type AuthService } from './auth.service.ts';
import { safeEqual } from './domain/secrets.ts';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false on the few cookie-authenticated writes that need no CSRF token (sign-in, first-run setup). */
    csrf?: boolean;
  }
}

export function sessionCookieOptions(config: Pick<Config, 'SWITCHBOARD_COOKIE_SECURE'>, request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.SWITCHBOARD_COOKIE_SECURE ?? request.protocol === 'https',
    maxAge: SESSION_TTL_SECONDS,
  };
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Resolves `request.actor` for every request, before routing reaches a module:
 * - `Authorization: Bearer <token>`: an API token; a malformed, unknown, expired or revoked
 *   token (or one whose user is deactivated) is a 401 UNAUTHENTICATED.
 * - the `sb_session` cookie: a session; an unknown or expired one is dropped (the cookie is
 *   cleared) and the request goes on anonymous, so sign-in and public pages still work and
 *   protected routes answer 401. Writes on a session need `X-CSRF-Token` (403 CSRF_TOKEN_INVALID).
 * Requests with neither stay anonymous: public routes have no actor.
 */
export function registerAuthHook(app: HttpServer, deps: { auth: AuthService; config: Config }) {
  app.addHook('onRequest', async (request, reply) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
      const actor = await deps.auth.resolveToken(match[1]);
      if (!actor) throw unauthenticated('The API token is invalid, expired or revoked');
      request.actor = actor;
      request.log = request.log.child({ tenantId: actor.tenantId, userId: actor.userId, tokenId: actor.tokenId });
      return;
    }

    const cookie = request.cookies?.[SESSION_COOKIE];
    if (!cookie) return;
    const session = await deps.auth.resolveSession(cookie);
    if (!session) {
      clearSessionCookie(reply);
      return;
    }
    if (!SAFE_METHODS.has(request.method) && request.routeOptions.config?.csrf !== false) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !safeEqual(header, session.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID', 403, 'Send the X-CSRF-Token header that came with your session');
      }
    }
    // Sliding expiry: the cookie is renewed when the session is (at most once a minute).
    if (session.touched) reply.setCookie(SESSION_COOKIE, cookie, sessionCookieOptions(deps.config, request));
    request.actor = session.actor;
    request.log = request.log.child({ tenantId: session.actor.tenantId, userId: session.actor.userId });
  });
}
