import type { Transaction } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Actor, TokenScope } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, forbidden, notFound } from '../../platform/errors/app-error.ts';
import * as repo from './api-tokens.repo.ts';
import { recordAudit, type SystemAuditActor } from './audit.repo.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import { newApiToken } from './domain/secrets.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { findUserById } from './users.repo.ts';

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(['read', 'write', 'admin']),
  user_id: schemas.idString.optional(),
  expires_at: z.iso.datetime({ offset: true }).optional(),
});

/**
 * Issues a token for a user in the caller's transaction: the plain token is returned once and
 * only its SHA-256 is stored. Used by the API, the CLI and the test factories.
 */
export async function issueApiToken(
  trx: Transaction<any>,
  by: Actor | SystemAuditActor,
  input: { tenantId: string; userId: string; name: string; scope: TokenScope; expiresAt?: Date | null },
) {
  const secret = newApiToken();
  const row = await repo.insertApiToken(trx as Transaction<IdentityTables>, {
    tenant_id: input.tenantId,
    user_id: input.userId,
    name: input.name,
    scope: input.scope,
    token_hash: secret.hash,
    token_prefix: secret.prefix,
    created_by: by.userId ?? null,
    expires_at: input.expiresAt ?? null,
  });
  await recordAudit(trx, by, {
    action: 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    changes: { name: input.name, scope: input.scope, user_id: input.userId },
  });
  return { row, token: secret.token };
}

export function createApiTokensService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return {
    async list(actor: Actor, query: { cursor?: string; limit: number; user_id?: string; include_revoked?: boolean }) {
      authorize(actor, 'tokens:manage');
      const after = decodeCursor(query.cursor);
      const rows = await db.tenantTx(actor.tenantId, (trx) =>
        repo.listApiTokens(trx, actor.tenantId, {
          userId: query.user_id,
          includeRevoked: query.include_revoked ?? false,
          after,
          limit: query.limit,
        }),
      );
      return paginate(rows, query.limit);
    },

    async create(actor: Actor, body: z.infer<typeof createTokenBody>) {
      authorize(actor, 'tokens:manage');
      const expiresAt = body.expires_at ? new Date(body.expires_at) : null;
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw new AppError('TOKEN_EXPIRY_IN_PAST', 400, 'expires_at must be in the future');
      }
      return db.tenantTx(actor.tenantId, async (trx: Transaction<IdentityTables>) => {
        const userId = body.user_id ?? actor.userId;
        const user = await findUserById(trx, actor.tenantId, userId);
        if (!user) throw notFound('USER_NOT_FOUND', 'The user');
        if (!user.active) throw new AppError('USER_INACTIVE', 409, 'The user is deactivated');
        // Tokens act with their user's role: an admin may not mint an owner's credentials.
        if (user.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can create a token for an owner');
        return issueApiToken(trx, actor, { tenantId: actor.tenantId, userId, name: body.name, scope: body.scope, expiresAt });
      });
    },

    async revoke(actor: Actor, id: string) {
      authorize(actor, 'tokens:manage');
      await db.tenantTx(actor.tenantId, async (trx) => {
        const token = await repo.findApiToken(trx, actor.tenantId, id);
        if (!token) throw notFound('API_TOKEN_NOT_FOUND', 'The API token');
        if (token.revoked_at) return;
        await repo.revokeApiToken(trx, actor.tenantId, id);
        await recordAudit(trx, actor, { action: 'api_token.revoked', targetType: 'api_token', targetId: id, changes: { name: token.name } });
      });
    },
  };
}
