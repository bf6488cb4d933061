import { sql } from 'kysely';
import type { TokenScope } from '../../platform/auth-context/actor.ts';
import type { IdentityDb } from './identity.tables.ts';

const tokenColumns = [
  'id',
  'name',
  'user_id',
  'scope',
  'token_prefix',
  'created_by',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

export async function insertApiToken(
  db: IdentityDb,
  values: {
    tenant_id: string;
    user_id: string;
    name: string;
    scope: TokenScope;
    token_hash: string;
    token_prefix: string;
    created_by: string | null;
    expires_at: Date | null;
  },
) {
  return db.insertInto('api_tokens').values(values).returning(tokenColumns).executeTakeFirstOrThrow();
}

export async function findApiToken(db: IdentityDb, tenantId: string, id: string) {
  return db.selectFrom('api_tokens').select(tokenColumns).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listApiTokens(
  db: IdentityDb,
  tenantId: string,
  filter: { userId?: string; includeRevoked: boolean; after?: string; limit: number },
) {
  let query = db.selectFrom('api_tokens').select(tokenColumns).where('tenant_id', '=', tenantId);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (!filter.includeRevoked) query = query.where('revoked_at', 'is', null);
  if (filter.after) query = query.where('id', '>', filter.after);
  return query.orderBy('id').limit(filter.limit + 1).execute();
}

export async function revokeApiToken(db: IdentityDb, tenantId: string, id: string) {
  return db
    .updateTable('api_tokens')
    .set({ revoked_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(tokenColumns)
    .executeTakeFirst();
}
