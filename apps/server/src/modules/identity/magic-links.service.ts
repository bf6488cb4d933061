import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { queueMail } from '../../platform/mail/index.ts';
import type { AuthService, ClientInfo, SignedIn } from './auth.service.ts';
import { magicLinkEmail, linkTo } from './domain/link-emails.ts';
import { retryAfterSeconds, type BackoffPolicy } from './domain/login-backoff.ts';
import { newSecret, sha256 } from './domain/secrets.ts';
import * as links from './identity-links.repo.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { publicBaseUrl } from './invitations.service.ts';
import { lockedUntil, recordLoginFailure } from './login-attempts.repo.ts';
import { findUserById } from './users.repo.ts';

/** Portal sign-in links work once, for 15 minutes. */
export const MAGIC_LINK_TTL_MINUTES = 15;
/** Per address: 3 links per quarter hour; further requests are answered the same but send nothing. */
export const MAGIC_LINK_EMAIL_POLICY: BackoffPolicy = { threshold: 3, baseMs: 15 * 60_000, capMs: 60 * 60_000, resetAfterMs: 15 * 60_000 };
/** Per client address: 20 requests an hour, then 429 with Retry-After. */
export const MAGIC_LINK_IP_POLICY: BackoffPolicy = { threshold: 20, baseMs: 60_000, capMs: 60 * 60_000, resetAfterMs: 60 * 60_000 };

export const magicLinkBody = z
  .object({
    email: schemas.email,
    tenant: z.string().trim().min(1).max(100).optional(),
    /** The portal's language, for the mail when the customer has not chosen one. */
    locale: schemas.locale.optional(),
  })
  .strict();

const linkInvalid = () =>
  new AppError('MAGIC_LINK_INVALID', 400, 'This sign-in link is not valid: it was used or has expired. Ask for a new one.');

/**
 * Customers sign in to the portal with a link sent to their email. Asking always gets the same
 * answer whether or not the address is known (no account enumeration); each link works once.
 */
export function createMagicLinksService(deps: { db: Database; config: Config; auth: AuthService }) {
  const db = deps.db as Database<IdentityTables>;

  return {
    async request(input: z.infer<typeof magicLinkBody>, client: ClientInfo): Promise<void> {
      const email = input.email.trim().toLowerCase();
      const keys = { ip: `magic-ip:${client.ip}`, email: `magic-email:${email}` };
      const ipLock = await lockedUntil(db.system, [keys.ip]);
      if (ipLock) {
        const seconds = Math.max(1, retryAfterSeconds(ipLock, new Date()));
        throw new AppError('MAGIC_LINK_RATE_LIMITED', 429, `Too many sign-in links asked from here; try again in ${seconds} s`, {
          extra: { retry_after: seconds },
        });
      }
      await recordLoginFailure(db.system, keys.ip, MAGIC_LINK_IP_POLICY);
      if (await lockedUntil(db.system, [keys.email])) return;
      await recordLoginFailure(db.system, keys.email, MAGIC_LINK_EMAIL_POLICY);

      let query = db.system
        .selectFrom('users as u')
        .innerJoin('tenants as t', 't.id', 'u.tenant_id')
        .select(['u.tenant_id', 'u.id as user_id', 'u.locale', 't.name as tenant_name', 't.default_locale'])
        // Any of the customer's email identities that is primary or verified (an address an agent
        // merely typed in does not sign anyone in), found across tenants by its own index.
        .where(sql<boolean>`(u.tenant_id, u.id) in (select i.tenant_id, i.user_id from user_identities i
          where i.kind = 'email' and i.value_normalized = ${email} and (i.is_primary or i.verified_at is not null))`)
        .where('u.role', '=', 'customer')
        .where('u.active', '=', true);
      if (input.tenant) query = query.where('t.slug', '=', input.tenant.toLowerCase());
      const accounts = await query.orderBy('u.tenant_id').limit(5).execute();

      for (const account of accounts) {
        const token = newSecret();
        await db.tenantTx(account.tenant_id, async (trx) => {
          await links.insertLink(trx, {
            tenantId: account.tenant_id,
            purpose: 'magic_link',
            userId: account.user_id,
            tokenHash: sha256(token),
            createdBy: null,
            ttlSeconds: MAGIC_LINK_TTL_MINUTES * 60,
          });
          const mail = magicLinkEmail({
            locale: account.locale ?? input.locale ?? account.default_locale,
            tenantName: account.tenant_name,
            link: linkTo(publicBaseUrl(deps.config), '/portal/link', token),
            expiresInMinutes: MAGIC_LINK_TTL_MINUTES,
          });
          await queueMail(trx, account.tenant_id, { kind: 'magic_link', to: email, ...mail });
        });
      }
    },

    /** Uses the link (once) and opens a customer session. */
    async consume(token: string, client: ClientInfo): Promise<SignedIn> {
      const link = await links.findLinkByHash(db.system, 'magic_link', sha256(token));
      if (!link) throw linkInvalid();
      await db.tenantTx(link.tenant_id, async (trx) => {
        const userId = await links.useLink(trx, link.tenant_id, link.id);
        if (!userId) throw linkInvalid();
        const user = await findUserById(trx, link.tenant_id, userId);
        if (!user?.active || user.role !== 'customer') throw linkInvalid();
      });
      return deps.auth.openSession(link.tenant_id, link.user_id, client);
    },
  };
}

export type MagicLinksService = ReturnType<typeof createMagicLinksService>;
