import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize, can } from '../../platform/auth-context/permissions.ts';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors/app-error.ts';
import { queueMail } from '../../platform/mail/index.ts';
import { recordAudit } from './audit.repo.ts';
import type { AuthService, ClientInfo, SignedIn } from './auth.service.ts';
import { invitationEmail, linkTo } from './domain/link-emails.ts';
import { needsOwner, permissionToManage } from './domain/role-rules.ts';
import { newSecret, sha256 } from './domain/secrets.ts';
import * as links from './identity-links.repo.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { hashPassword } from './passwords.ts';
import { findTenantById } from './tenants.repo.ts';
import * as users from './users.repo.ts';

/** Invitation links stay valid a week. */
export const INVITATION_TTL_DAYS = 7;

export const inviteBody = z
  .object({
    name: schemas.name,
    email: schemas.email,
    role: z.enum(['owner', 'admin', 'supervisor', 'agent', 'light_agent']).default('agent'),
    locale: schemas.locale.nullable().optional(),
    group_ids: z.array(schemas.idString).max(200).optional(),
    ticket_access: schemas.ticketAccess.optional(),
  })
  .strict();

export const acceptBody = z.object({ token: z.string().min(20).max(200), password: schemas.password }).strict();
export const tokenBody = z.object({ token: z.string().min(1).max(200) }).strict();

const invitationInvalid = () =>
  new AppError('INVITATION_INVALID', 400, 'This invitation link is not valid: it was used, replaced or has expired. Ask for a new one.');

/** The web app's origin, for links in mail: SWITCHBOARD_PUBLIC_URL, never a request's Host header. */
export function publicBaseUrl(config: Pick<Config, 'SWITCHBOARD_PUBLIC_URL' | 'PORT'>): string {
  return (config.SWITCHBOARD_PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

/**
 * Agents join by invitation: the admin creates the account without a password, and the
 * invitee sets one through a one-time emailed link (/accept-invite?token=...), then is signed in.
 */
export function createInvitationsService(deps: { db: Database; config: Config; auth: AuthService }) {
  const db = deps.db as Database<IdentityTables>;

  async function sendInvitation(trx: Transaction<IdentityTables>, actor: Actor, user: users.UserRow): Promise<Date> {
    await links.retireLinks(trx, actor.tenantId, user.id, 'invitation');
    const token = newSecret();
    const link = await links.insertLink(trx, {
      tenantId: actor.tenantId,
      purpose: 'invitation',
      userId: user.id,
      tokenHash: sha256(token),
      createdBy: actor.userId,
      ttlSeconds: INVITATION_TTL_DAYS * 86_400,
    });
    const tenant = (await findTenantById(trx, actor.tenantId))!;
    const mail = invitationEmail({
      locale: user.locale ?? tenant.default_locale,
      tenantName: tenant.name,
      inviterName: actor.name,
      inviteeName: user.name,
      link: linkTo(publicBaseUrl(deps.config), '/accept-invite', token),
      expiresInDays: INVITATION_TTL_DAYS,
    });
    await queueMail(trx, actor.tenantId, { kind: 'invitation', to: user.email!, ...mail });
    return link.expires_at;
  }

  return {
    /** Creates a staff account without a password and emails its invitation. */
    async invite(actor: Actor, input: z.infer<typeof inviteBody>) {
      authorize(actor, permissionToManage(input.role));
      if (needsOwner(input.role) && actor.role !== 'owner') throw forbidden('Only an owner can invite owners and admins');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const groupIds = [...new Set(input.group_ids ?? [])];
        if (groupIds.length) {
          const found = await trx.selectFrom('groups').select('id').where('tenant_id', '=', actor.tenantId).where('id', 'in', groupIds).execute();
          const missing = groupIds.filter((id) => !found.some((row) => row.id === id));
          if (missing.length) throw invalid('GROUP_NOT_FOUND', `Groups ${missing.join(', ')} do not exist`);
        }
        const id = await users.insertUser(trx, actor.tenantId, {
          role: input.role,
          name: input.name,
          email: input.email,
          password_hash: null,
          locale: input.locale ?? null,
          ticket_access: input.ticket_access,
        });
        if (!id) throw conflict('USER_EMAIL_TAKEN', 'Another user in this workspace has this email');
        if (groupIds.length) await users.replaceUserGroups(trx, actor.tenantId, id, groupIds);
        const user = (await users.findUserById(trx, actor.tenantId, id))!;
        const expiresAt = await sendInvitation(trx, actor, user);
        await recordAudit(trx, actor, { action: 'user.invited', targetType: 'user', targetId: id, changes: { ...input } });
        return { user, expiresAt };
      });
    },

    /** A new link for someone who has not accepted yet; the previous link stops working. */
    async resend(actor: Actor, userId: string) {
      return db.tenantTx(actor.tenantId, async (trx) => {
        const user = await users.findUserById(trx, actor.tenantId, userId);
        if (!user) {
          if (!can(actor, 'users:read')) throw forbidden();
          throw notFound('USER_NOT_FOUND', 'The user');
        }
        authorize(actor, permissionToManage(user.role));
        if (needsOwner(user.role) && actor.role !== 'owner') throw forbidden('Only an owner can invite owners and admins');
        if (user.role === 'customer' || !user.email) throw invalid('INVITATION_STAFF_ONLY', 'Only staff with an email are invited');
        if (!user.active) throw conflict('USER_INACTIVE', 'The user is deactivated');
        if (await users.passwordHashOf(trx, actor.tenantId, userId)) {
          throw conflict('INVITATION_ALREADY_ACCEPTED', 'This user has already set a password');
        }
        const expiresAt = await sendInvitation(trx, actor, user);
        await recordAudit(trx, actor, { action: 'user.invitation_sent', targetType: 'user', targetId: userId });
        return { user, expiresAt };
      });
    },

    /** What the accept page shows before the password is set; the token is not used up. */
    async inspect(token: string) {
      const link = await links.findLinkByHash(db.system, 'invitation', sha256(token));
      if (!link || link.used_at || link.expires_at.getTime() <= Date.now()) throw invitationInvalid();
      return db.tenantTx(link.tenant_id, async (trx) => {
        const user = await users.findUserById(trx, link.tenant_id, link.user_id);
        if (!user?.active) throw invitationInvalid();
        const tenant = (await findTenantById(trx, link.tenant_id))!;
        return { user, tenant, expiresAt: link.expires_at };
      });
    },

    /** Sets the password through the link (once), and signs the new agent in. */
    async accept(input: z.infer<typeof acceptBody>, client: ClientInfo): Promise<SignedIn> {
      const link = await links.findLinkByHash(db.system, 'invitation', sha256(input.token));
      if (!link) throw invitationInvalid();
      const passwordHash = await hashPassword(input.password);
      await db.tenantTx(link.tenant_id, async (trx) => {
        const userId = await links.useLink(trx, link.tenant_id, link.id);
        if (!userId) throw invitationInvalid();
        const user = await users.findUserById(trx, link.tenant_id, userId);
        if (!user?.active) throw invitationInvalid();
        await users.updateUser(trx, link.tenant_id, userId, { password_hash: passwordHash });
        await links.retireLinks(trx, link.tenant_id, userId, 'invitation');
        await recordAudit(trx, { kind: 'system', tenantId: link.tenant_id, userId }, {
          action: 'user.invitation_accepted',
          targetType: 'user',
          targetId: userId,
          ip: client.ip,
        });
      });
      return deps.auth.openSession(link.tenant_id, link.user_id, client);
    },

    /** Open invitations (expiry per user id), for the users list. */
    openInvitations: (actor: Actor) => {
      authorize(actor, 'staff:write');
      return db.tenantTx(actor.tenantId, (trx) => links.openInvitations(trx, actor.tenantId));
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
