import { z } from 'zod';
import { requireActor } from '../../platform/auth-context/actor.ts';
import type { Config } from '../../platform/config/config.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './auth.hook.ts';
import { presentTenant, presentUser, sessionResponse, userResponse } from './identity.presenter.ts';
import { idParam } from './identity.schemas.ts';
import { acceptBody, inviteBody, tokenBody, type InvitationsService } from './invitations.service.ts';

const invitationResponse = z.object({ user: userResponse, expires_at: z.string() });
const tags = ['invitations'];

/** Invite an agent by email, resend, and the public accept step (check the link, set a password). */
export function invitationsRoutes(deps: { invitations: InvitationsService; config: Config }) {
  return async function (app: HttpServer) {
    app.post(
      '/invitations',
      { schema: { tags, summary: 'Invite a staff member: creates the account without a password and emails a link (staff:write)', body: inviteBody, response: { 201: invitationResponse } } },
      async (request, reply) => {
        const { user, expiresAt } = await deps.invitations.invite(requireActor(request), request.body);
        return reply.status(201).send({ user: presentUser(user), expires_at: expiresAt.toISOString() });
      },
    );

    app.get(
      '/invitations',
      {
        schema: {
          tags,
          summary: 'Invitations not accepted yet: user and expiry (staff:write)',
          response: { 200: z.object({ data: z.array(z.object({ user_id: z.string(), expires_at: z.string() })) }) },
        },
      },
      async (request) => {
        const rows = await deps.invitations.openInvitations(requireActor(request));
        return { data: rows.map((row) => ({ user_id: row.user_id, expires_at: new Date(row.expires_at).toISOString() })) };
      },
    );

    app.post(
      '/users/:id/invitation',
      { schema: { tags, summary: 'Send a new invitation link; the previous one stops working (staff:write)', params: idParam, response: { 201: invitationResponse } } },
      async (request, reply) => {
        const { user, expiresAt } = await deps.invitations.resend(requireActor(request), request.params.id);
        return reply.status(201).send({ user: presentUser(user), expires_at: expiresAt.toISOString() });
      },
    );

    app.post(
      '/auth/invitation/check',
      {
        config: { csrf: false },
        schema: {
          tags,
          summary: 'Who an invitation link is for (the link stays usable)',
          body: tokenBody,
          response: {
            200: z.object({ name: z.string(), email: z.string(), tenant: z.object({ name: z.string(), slug: z.string() }), expires_at: z.string() }),
          },
        },
      },
      async (request) => {
        const { user, tenant, expiresAt } = await deps.invitations.inspect(request.body.token);
        return { name: user.name, email: user.email ?? '', tenant: { name: tenant.name, slug: tenant.slug }, expires_at: expiresAt.toISOString() };
      },
    );

    app.post(
      '/auth/invitation/accept',
      {
        config: { csrf: false },
        schema: { tags, summary: 'Set your password through the invitation link (once) and sign in', body: acceptBody, response: { 200: sessionResponse } },
      },
      async (request, reply) => {
        const result = await deps.invitations.accept(request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
        reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(deps.config, request));
        return { user: presentUser(result.user), tenant: presentTenant(result.tenant), csrf_token: result.csrfToken };
      },
    );
  };
}
