import { z } from 'zod';
import { requireActor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { createTokenBody, type createApiTokensService } from './api-tokens.service.ts';
import { listAudit } from './audit.repo.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import {
  apiTokenResponse,
  auditEntryResponse,
  presentApiToken,
  presentAuditEntry,
  presentTenant,
  tenantResponse,
} from './identity.presenter.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { tenantPatchSchema, type createTenantsService } from './tenants.service.ts';

const listTokensQuery = z.object({
  ...schemas.pageQuery,
  user_id: schemas.idString.optional(),
  include_revoked: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

const auditQuery = z.object({
  ...schemas.pageQuery,
  action: z.string().max(100).optional(),
  target_type: z.string().max(100).optional(),
  target_id: z.string().max(100).optional(),
  actor_user_id: schemas.idString.optional(),
});

/** API tokens, the audit log and the tenant's settings: the administrator's pages. */
export function adminRoutes(deps: {
  db: Database;
  apiTokens: ReturnType<typeof createApiTokensService>;
  tenants: ReturnType<typeof createTenantsService>;
}) {
  const db = deps.db as Database<IdentityTables>;
  return async function (app: HttpServer) {
    app.get(
      '/api-tokens',
      { schema: { tags: ['api-tokens'], summary: 'List API tokens (admin)', querystring: listTokensQuery, response: { 200: schemas.listOf(apiTokenResponse) } } },
      async (request) => {
        const page = await deps.apiTokens.list(requireActor(request), request.query);
        return { data: page.rows.map(presentApiToken), next_cursor: page.nextCursor };
      },
    );

    app.post(
      '/api-tokens',
      {
        schema: {
          tags: ['api-tokens'],
          summary: 'Create an API token (admin); the token is in this response only',
          body: createTokenBody,
          response: { 201: apiTokenResponse.extend({ token: z.string() }) },
        },
      },
      async (request, reply) => {
        const { row, token } = await deps.apiTokens.create(requireActor(request), request.body);
        return reply.status(201).send({ ...presentApiToken(row), token });
      },
    );

    app.delete(
      '/api-tokens/:id',
      { schema: { tags: ['api-tokens'], summary: 'Revoke an API token (admin)', params: schemas.idParam } },
      async (request, reply) => {
        await deps.apiTokens.revoke(requireActor(request), request.params.id);
        return reply.status(204).send();
      },
    );

    app.get(
      '/audit-log',
      {
        schema: {
          tags: ['audit-log'],
          summary: 'Administrative changes, newest first (admin)',
          querystring: auditQuery,
          response: { 200: schemas.listOf(auditEntryResponse) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        authorize(actor, 'audit:read');
        const query = request.query;
        const rows = await db.tenantTx(actor.tenantId, (trx) =>
          listAudit(trx, actor.tenantId, {
            action: query.action,
            targetType: query.target_type,
            targetId: query.target_id,
            actorUserId: query.actor_user_id,
            before: decodeCursor(query.cursor),
            limit: query.limit,
          }),
        );
        const page = paginate(rows, query.limit);
        return { data: page.rows.map(presentAuditEntry), next_cursor: page.nextCursor };
      },
    );

    app.get(
      '/tenant',
      { schema: { tags: ['tenant'], summary: 'The workspace: name, time zone, default language, logo', response: { 200: tenantResponse } } },
      async (request) => presentTenant(await deps.tenants.get(requireActor(request))),
    );

    app.patch(
      '/tenant',
      { schema: { tags: ['tenant'], summary: 'Change workspace settings (admin)', body: tenantPatchSchema, response: { 200: tenantResponse } } },
      async (request) => presentTenant(await deps.tenants.update(requireActor(request), request.body)),
    );
  };
}
