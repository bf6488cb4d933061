import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict } from '../../platform/errors/app-error.ts';
import * as authRepo from './auth.repo.ts';
import { EMAIL_POLICY, IP_POLICY, retryAfterSeconds } from './domain/login-backoff.ts';
import { looksLikeApiToken, newSecret, sha256 } from './domain/secrets.ts';
import type { IdentityDb, IdentityTables } from './identity.tables.ts';
import { clearLoginFailures, lockedUntil, recordLoginFailure } from './login-attempts.repo.ts';
import { verifyPassword } from './passwords.ts';
import { findTenantById, type TenantRow } from './tenants.repo.ts';
import { createTenantWithOwner, type NewTenantInput, type TenantProvisioner } from './tenants.service.ts';
import { anyTenantExists } from './tenants.repo.ts';
import { findUserById, type UserRow } from './users.repo.ts';

/** Sessions live 14 days from their last use. */
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;
/** Sessions and tokens record their use at most this often. */
const TOUCH_INTERVAL_MS = 60_000;

export interface SignedIn {
  user: UserRow;
  tenant: TenantRow;
  csrfToken: string;
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 401, 'The email or password is not correct');

export function createAuthService(deps: { db: Database; provisioners: readonly TenantProvisioner[] }) {
  const db = deps.db as Database<IdentityTables>;
  const system: IdentityDb = db.system;

  async function openSession(tenantId: string, userId: string, client: ClientInfo): Promise<SignedIn> {
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    return db.tenantTx(tenantId, async (trx: Transaction<IdentityTables>) => {
      await authRepo.insertSession(trx, {
        tenant_id: tenantId,
        user_id: userId,
        token_hash: sha256(sessionToken),
        csrf_token: csrfToken,
        ip: client.ip,
        user_agent: client.userAgent?.slice(0, 500) ?? null,
        ttlSeconds: SESSION_TTL_SECONDS,
      });
      await authRepo.markLoggedIn(trx, tenantId, userId);
      const user = (await findUserById(trx, tenantId, userId))!;
      const tenant = (await findTenantById(trx, tenantId))!;
      return { user, tenant, csrfToken, sessionToken };
    });
  }

  return {
    /** Signs a user in after another proof of identity (an accepted invitation, a sign-in link). */
    openSession,

    /**
     * Email and password sign-in with back-off per IP and per email. Unknown emails and wrong
     * passwords get the same answer in about the same time.
     */
    async login(input: { email: string; password: string; tenant?: string }, client: ClientInfo): Promise<SignedIn> {
      const email = input.email.trim().toLowerCase();
      const keys = { ip: `ip:${client.ip}`, email: `email:${email}` };
      const until = await lockedUntil(system, [keys.ip, keys.email]);
      if (until) {
        const seconds = Math.max(1, retryAfterSeconds(until, new Date()));
        throw new AppError('LOGIN_RATE_LIMITED', 429, `Too many failed sign-ins; try again in ${seconds} s`, {
          extra: { retry_after: seconds },
        });
      }
      const candidates = await authRepo.findLoginCandidates(system, email, input.tenant);
      const matching = [];
      if (candidates.length === 0) {
        await verifyPassword(null, input.password);
      } else {
        for (const candidate of candidates) {
          if (await verifyPassword(candidate.password_hash, input.password)) matching.push(candidate);
        }
      }
      if (matching.length === 0) {
        await recordLoginFailure(system, keys.ip, IP_POLICY);
        await recordLoginFailure(system, keys.email, EMAIL_POLICY);
        throw invalidCredentials();
      }
      if (matching.length > 1) {
        throw new AppError('TENANT_REQUIRED', 409, 'This account exists in several workspaces: choose one', {
          extra: { tenants: matching.map((m) => ({ slug: m.tenant_slug, name: m.tenant_name })) },
        });
      }
      await clearLoginFailures(system, keys.email);
      return openSession(matching[0].tenant_id, matching[0].user_id, client);
    },

    async logout(actor: Actor | undefined): Promise<void> {
      if (actor?.kind !== 'session' || !actor.sessionId) return;
      await db.tenantTx(actor.tenantId, (trx) => authRepo.deleteSession(trx, actor.tenantId, actor.sessionId!));
    },

    async me(actor: Actor): Promise<{ user: UserRow; tenant: TenantRow; csrfToken: string | null }> {
      return db.tenantTx(actor.tenantId, async (trx: Transaction<IdentityTables>) => {
        const user = (await findUserById(trx, actor.tenantId, actor.userId))!;
        const tenant = (await findTenantById(trx, actor.tenantId))!;
        let csrfToken: string | null = null;
        if (actor.kind === 'session' && actor.sessionId) {
          const row = await trx
            .selectFrom('sessions')
            .select('csrf_token')
            .where('tenant_id', '=', actor.tenantId)
            .where('id', '=', actor.sessionId)
            .executeTakeFirst();
          csrfToken = row?.csrf_token ?? null;
        }
        return { user, tenant, csrfToken };
      });
    },

    setupNeeded: async (): Promise<boolean> => !(await anyTenantExists(system)),

    /** First run: the first tenant and its owner, then signed in. Refused once any tenant exists. */
    async setup(input: NewTenantInput, client: ClientInfo): Promise<SignedIn> {
      const { tenant, owner } = await createTenantWithOwner(db, input, {
        provisioners: deps.provisioners,
        via: 'system',
        guard: async (trx) => {
          if (await anyTenantExists(trx)) throw conflict('SETUP_ALREADY_DONE', 'Switchboard is already set up');
        },
      });
      return openSession(tenant.id, owner.id, client);
    },

    /** The actor behind a session cookie, or undefined when the session is unknown or over. */
    async resolveSession(sessionToken: string): Promise<{ actor: Actor; csrfToken: string; touched: boolean } | undefined> {
      if (sessionToken.length < 20 || sessionToken.length > 200) return undefined;
      const principal = await authRepo.findSessionPrincipal(system, sha256(sessionToken));
      if (!principal) return undefined;
      const touched = Date.now() - principal.last_seen_at.getTime() > TOUCH_INTERVAL_MS;
      if (touched) await authRepo.touchSession(system, principal.tenant_id, principal.session_id, SESSION_TTL_SECONDS);
      return {
        actor: { ...actorFields(principal), kind: 'session', sessionId: principal.session_id },
        csrfToken: principal.csrf_token,
        touched,
      };
    },

    async resolveToken(token: string): Promise<Actor | undefined> {
      if (!looksLikeApiToken(token)) return undefined;
      const principal = await authRepo.findTokenPrincipal(system, sha256(token));
      if (!principal) return undefined;
      if (!principal.last_used_at || Date.now() - principal.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
        await authRepo.touchToken(system, principal.tenant_id, principal.token_id);
      }
      return { ...actorFields(principal), kind: 'token', tokenId: principal.token_id, scope: principal.scope };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

function actorFields(principal: authRepo.SessionPrincipal | authRepo.TokenPrincipal) {
  return {
    tenantId: principal.tenant_id,
    userId: principal.user_id,
    role: principal.role,
    name: principal.name,
    locale: principal.locale,
    groupIds: principal.group_ids,
    ticketAccess: principal.ticket_access,
  };
}
