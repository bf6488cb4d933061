import { z } from 'zod';
import { requireActor } from '../../platform/auth-context/actor.ts';
import type { Config } from '../../platform/config/config.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { clearSessionCookie, SESSION_COOKIE, sessionCookieOptions } from './auth.hook.ts';
import type { AuthService, SignedIn } from './auth.service.ts';
import { presentTenant, presentUser, sessionResponse } from './identity.presenter.ts';
import * as schemas from './identity.schemas.ts';

const loginBody = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
  tenant: z.string().trim().min(1).max(100).optional(),
});

const setupBody = z.object({
  company: schemas.name,
  name: schemas.name,
  email: schemas.email,
  password: schemas.password,
  locale: schemas.locale.default('zh-CN'),
  time_zone: schemas.timeZone.optional(),
});

/** Sign-in, sign-out, the current session, and first-run setup. */
export function authRoutes(deps: { auth: AuthService; config: Config }) {
  return async function (app: HttpServer) {
    const signedIn = (result: SignedIn) => ({
      user: presentUser(result.user),
      tenant: presentTenant(result.tenant),
      csrf_token: result.csrfToken,
    });

    app.post(
      '/auth/login',
      {
        config: { csrf: false },
        schema: { tags: ['auth'], summary: 'Sign in with email and password', body: loginBody, response: { 200: sessionResponse } },
      },
      async (request, reply) => {
        try {
          const result = await deps.auth.login(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
          reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(deps.config, request));
          return signedIn(result);
        } catch (error) {
          if (error instanceof AppError && error.code === 'LOGIN_RATE_LIMITED') {
            reply.header('retry-after', String(error.extra.retry_after));
          }
          throw error;
        }
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out (ends the session)' } },
      async (request, reply) => {
        await deps.auth.logout(request.actor);
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'The signed-in user, tenant and CSRF token', response: { 200: sessionResponse } } },
      async (request) => {
        const result = await deps.auth.me(requireActor(request));
        return { user: presentUser(result.user), tenant: presentTenant(result.tenant), csrf_token: result.csrfToken };
      },
    );

    app.get(
      '/setup',
      { schema: { tags: ['auth'], summary: 'Whether first-run setup is needed', response: { 200: z.object({ needed: z.boolean() }) } } },
      async () => ({ needed: await deps.auth.setupNeeded() }),
    );

    app.post(
      '/setup',
      {
        config: { csrf: false },
        schema: { tags: ['auth'], summary: 'First run: create the first tenant and its owner', body: setupBody, response: { 201: sessionResponse } },
      },
      async (request, reply) => {
        const body = request.body;
        const result = await deps.auth.setup(
          {
            company: body.company,
            ownerName: body.name,
            ownerEmail: body.email,
            ownerPassword: body.password,
            locale: body.locale,
            timeZone: body.time_zone,
          },
          { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        );
        reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(deps.config, request));
        return reply.status(201).send(signedIn(result));
      },
    );
  };
}
