import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.hook.ts';
import { presentTenant, presentUser, sessionResponse } from './identity.presenter.ts';
import { tokenBody } from './invitations.service.ts';
import { magicLinkBody, type MagicLinksService } from './magic-links.service.ts';
import { findTenantBySlug, soleTenant } from './tenants.repo.ts';
import type { IdentityTables } from './identity.tables.ts';

const tags = ['portal'];

/** The customer portal's sign-in: emailed one-time links, and the workspace's public face. */
export function portalAuthRoutes(deps: { magicLinks: MagicLinksService; config: Config; db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return async function (app: HttpServer) {
    app.post(
      '/portal/magic-link',
      {
        config: { csrf: false },
        schema: {
          tags,
          summary: 'Email a one-time sign-in link (15 min). Always 202, whether or not the address is known',
          body: magicLinkBody,
          response: { 202: z.object({ accepted: z.literal(true) }) },
        },
      },
      async (request, reply) => {
        try {
          await deps.magicLinks.request(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
        } catch (error) {
          if (error instanceof AppError && error.code === 'MAGIC_LINK_RATE_LIMITED') reply.header('retry-after', String(error.extra.retry_after));
          throw error;
        }
        return reply.status(202).send({ accepted: true });
      },
    );

    app.post(
      '/portal/magic-link/consume',
      {
        config: { csrf: false },
        schema: { tags, summary: 'Sign in with an emailed link (works once)', body: tokenBody, response: { 200: sessionResponse } },
      },
      async (request, reply) => {
        const result = await deps.magicLinks.consume(request.body.token, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(deps.config, request));
        return { user: presentUser(result.user), tenant: presentTenant(result.tenant), csrf_token: result.csrfToken };
      },
    );

    app.get(
      '/portal/tenant',
      {
        schema: {
          tags,
          summary: "The portal's workspace (by slug; without one, the only workspace of a single-company install)",
          querystring: z.object({ tenant: z.string().trim().min(1).max(100).optional() }),
          response: { 200: z.object({ name: z.string(), slug: z.string(), logo_url: z.string().nullable(), default_locale: z.enum(['zh-CN', 'en']) }) },
        },
      },
      async (request) => {
        const tenant = request.query.tenant ? await findTenantBySlug(db.system, request.query.tenant) : await soleTenant(db.system);
        if (!tenant) throw notFound('TENANT_NOT_FOUND', 'The workspace');
        return { name: tenant.name, slug: tenant.slug, logo_url: tenant.logo_url, default_locale: tenant.default_locale };
      },
    );
  };
}
