import { sql } from 'kysely';
import type { Role, TokenScope } from '../../platform/auth-context/actor.ts';
import type { IdentityDb, Locale, TicketAccess } from './identity.tables.ts';

/**
 * Credential lookups. They run on the owner connection because the tenant is not known until
 * the secret's hash is found; everything after that runs under RLS.
 */
interface PrincipalColumns {
  tenant_id: string;
  user_id: string;
  role: Role;
  name: string;
  locale: Locale | null;
  ticket_access: TicketAccess;
  group_ids: string[];
}

export interface SessionPrincipal extends PrincipalColumns {
  session_id: string;
  csrf_token: string;
  last_seen_at: Date;
}

export interface TokenPrincipal extends PrincipalColumns {
  token_id: string;
  scope: TokenScope;
  last_used_at: Date | null;
}

const groupIds = sql<string[]>`array(select gm.group_id::text from group_members gm
  where gm.tenant_id = u.tenant_id and gm.user_id = u.id order by gm.group_id)`.as('group_ids');

/** The live session with this hash, with its active user; expired sessions and inactive users find nothing. */
export async function findSessionPrincipal(db: IdentityDb, tokenHash: string): Promise<SessionPrincipal | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) => join.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .select([
      's.id as session_id',
      's.tenant_id',
      's.user_id',
      's.csrf_token',
      's.last_seen_at',
      'u.role',
      'u.name',
      'u.locale',
      'u.ticket_access',
      groupIds,
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function findTokenPrincipal(db: IdentityDb, tokenHash: string): Promise<TokenPrincipal | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', (join) => join.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.user_id'))
    .select([
      't.id as token_id',
      't.tenant_id',
      't.user_id',
      't.scope',
      't.last_used_at',
      'u.role',
      'u.name',
      'u.locale',
      'u.ticket_access',
      groupIds,
    ])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', sql<Date>`now()`)]))
    .where('u.active', '=', true)
    .executeTakeFirst();
}

/** Slides the session's expiry; called at most once a minute per session. */
export async function touchSession(db: IdentityDb, tenantId: string, sessionId: string, ttlSeconds: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: sql`now()` as never, expires_at: sql`now() + make_interval(secs => ${ttlSeconds})` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sessionId)
    .execute();
}

export async function touchToken(db: IdentityDb, tenantId: string, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
    .execute();
}

export interface LoginCandidate {
  tenant_id: string;
  tenant_slug: string;
  tenant_name: string;
  user_id: string;
  password_hash: string;
}

/** Active users with a password and this email, in every tenant (or the one named by slug). */
export async function findLoginCandidates(db: IdentityDb, email: string, tenantSlug?: string): Promise<LoginCandidate[]> {
  let query = db
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select(['u.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name', 'u.id as user_id', 'u.password_hash'])
    .where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
    .where('u.active', '=', true)
    .where('u.password_hash', 'is not', null);
  if (tenantSlug) query = query.where('t.slug', '=', tenantSlug.toLowerCase());
  return query.orderBy('u.tenant_id').limit(20).execute() as Promise<LoginCandidate[]>;
}

export async function insertSession(
  db: IdentityDb,
  values: { tenant_id: string; user_id: string; token_hash: string; csrf_token: string; ip: string | null; user_agent: string | null; ttlSeconds: number },
): Promise<string> {
  const { ttlSeconds, ...row } = values;
  const inserted = await db
    .insertInto('sessions')
    .values({ ...row, last_seen_at: sql`now()` as never, expires_at: sql`now() + make_interval(secs => ${ttlSeconds})` as never })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function deleteSession(db: IdentityDb, tenantId: string, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('id', '=', sessionId).execute();
}

export async function markLoggedIn(db: IdentityDb, tenantId: string, userId: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: sql`now()` as never }).where('tenant_id', '=', tenantId).where('id', '=', userId).execute();
}
