import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize, can } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../platform/errors/app-error.ts';
import { diffFields, recordAudit } from './audit.repo.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import { needsOwner, permissionToManage, SELF_SERVICE_FIELDS } from './domain/role-rules.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './users.repo.ts';

const tag = z.string().trim().min(1).max(64);

export const createUserBody = z
  .object({
    name: schemas.name,
    email: schemas.email.nullable().optional(),
    phone: z.string().trim().min(1).max(50).nullable().optional(),
    role: schemas.role.default('customer'),
    password: schemas.password.optional(),
    locale: schemas.locale.nullable().optional(),
    time_zone: schemas.timeZone.nullable().optional(),
    organization_id: schemas.idString.nullable().optional(),
    vip_level: z.number().int().min(0).max(10).optional(),
    tags: z.array(tag).max(50).optional(),
    external_id: z.string().trim().min(1).max(200).nullable().optional(),
    ticket_access: schemas.ticketAccess.optional(),
    group_ids: z.array(schemas.idString).max(200).optional(),
  })
  .strict();

export const updateUserBody = createUserBody
  .omit({ role: true })
  .extend({ role: schemas.role, active: z.boolean(), current_password: z.string().max(256) })
  .partial()
  .strict();

export const listUsersQuery = z.object({
  ...schemas.pageQuery,
  role: z
    .string()
    .transform((value) => value.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(schemas.role).min(1))
    .optional(),
  q: z.string().trim().max(200).optional(),
  organization_id: schemas.idString.optional(),
  group_id: schemas.idString.optional(),
  /** Several users at once (names next to a page of tickets): up to 100 comma-separated ids. */
  ids: z
    .string()
    .transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(schemas.idString).min(1).max(100))
    .optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

type CreateUser = z.infer<typeof createUserBody>;
type UpdateUser = z.infer<typeof updateUserBody>;

const emailTaken = () => conflict('USER_EMAIL_TAKEN', 'Another user in this workspace has this email or external id');

export function createUsersService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;

  async function checkReferences(trx: Transaction<IdentityTables>, actor: Actor, input: { organization_id?: string | null; group_ids?: string[] }) {
    if (input.organization_id && !(await repo.organizationExists(trx, actor.tenantId, input.organization_id))) {
      throw invalid('ORGANIZATION_NOT_FOUND', `Organization ${input.organization_id} does not exist`);
    }
    if (input.group_ids?.length) {
      const found = await trx
        .selectFrom('groups')
        .select('id')
        .where('tenant_id', '=', actor.tenantId)
        .where('id', 'in', input.group_ids)
        .execute();
      const missing = input.group_ids.filter((id) => !found.some((row) => row.id === id));
      if (missing.length) throw invalid('GROUP_NOT_FOUND', `Groups ${missing.join(', ')} do not exist`);
    }
  }

  function requireOwnerFor(actor: Actor, role: string) {
    if (needsOwner(role as never) && actor.role !== 'owner') throw forbidden('Only an owner can manage owners and admins');
  }

  async function update(actor: Actor, id: string, patch: UpdateUser) {
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    return db.tenantTx(actor.tenantId, async (trx) => {
      const target = await repo.findUserById(trx, actor.tenantId, id);
      if (!target) {
        if (!can(actor, 'users:read')) throw forbidden();
        throw notFound('USER_NOT_FOUND', 'The user');
      }
      const isSelf = target.id === actor.userId;
      const fields = Object.keys(patch).filter((key) => patch[key as keyof UpdateUser] !== undefined);
      const selfService = isSelf && fields.every((field) => (SELF_SERVICE_FIELDS as readonly string[]).includes(field));
      if (!selfService) {
        authorize(actor, permissionToManage(target.role));
        requireOwnerFor(actor, target.role);
        if (patch.role && patch.role !== target.role) {
          authorize(actor, permissionToManage(patch.role));
          requireOwnerFor(actor, patch.role);
        }
      }
      if (patch.password && isSelf) {
        const current = await repo.passwordHashOf(trx, actor.tenantId, id);
        if (current && !(await verifyPassword(current, patch.current_password ?? ''))) {
          throw invalid('CURRENT_PASSWORD_INVALID', 'Give your current password to set a new one');
        }
      }
      const role = patch.role ?? target.role;
      const becomesStaff = patch.role !== undefined && patch.role !== 'customer' && target.role === 'customer';
      if (role !== 'customer' && (patch.email === null || (becomesStaff && !target.email && !patch.email))) {
        throw invalid('STAFF_EMAIL_REQUIRED', 'Staff accounts need an email to sign in with');
      }
      if (role === 'customer' && patch.group_ids?.length) throw invalid('GROUPS_FOR_STAFF_ONLY', 'Customers cannot be group members');
      const losesOwner = target.role === 'owner' && target.active && ((patch.role && patch.role !== 'owner') || patch.active === false);
      if (losesOwner) {
        const owners = await repo.lockActiveOwners(trx, actor.tenantId);
        if (owners.filter((ownerId) => ownerId !== target.id).length === 0) {
          throw new AppError('LAST_OWNER', 409, 'The workspace must keep at least one active owner');
        }
      }
      await checkReferences(trx, actor, patch);

      const { password: _password, current_password: _current, group_ids: groupIds, ...columns } = patch;
      const changes: Record<string, unknown> = diffFields(target as unknown as Record<string, unknown>, columns);
      const result = await repo.updateUser(trx, actor.tenantId, id, { ...columns, ...(passwordHash ? { password_hash: passwordHash } : {}) });
      if (result === 'conflict') throw emailTaken();
      if (role === 'customer' && target.role !== 'customer') {
        await repo.replaceUserGroups(trx, actor.tenantId, id, []);
      } else if (groupIds) {
        const next = [...new Set(groupIds)].sort();
        if (JSON.stringify(next) !== JSON.stringify([...target.group_ids].sort())) changes.group_ids = { from: target.group_ids, to: next };
        await repo.replaceUserGroups(trx, actor.tenantId, id, next);
      }
      if (passwordHash) changes.password = 'changed';
      // Deactivation, a role change or a new password ends the user's other sessions.
      if (patch.active === false || changes.role || passwordHash) {
        await trx
          .deleteFrom('sessions')
          .where('tenant_id', '=', actor.tenantId)
          .where('user_id', '=', id)
          .$if(Boolean(isSelf && actor.sessionId && patch.active !== false), (qb) => qb.where('id', '!=', actor.sessionId!))
          .execute();
      }
      if (Object.keys(changes).length > 0) {
        await recordAudit(trx, actor, { action: 'user.updated', targetType: 'user', targetId: id, changes });
      }
      return (await repo.findUserById(trx, actor.tenantId, id))!;
    });
  }

  return {
    async list(actor: Actor, query: z.infer<typeof listUsersQuery>) {
      authorize(actor, 'users:read');
      const rows = await db.tenantTx(actor.tenantId, (trx) =>
        repo.listUsers(trx, actor.tenantId, {
          roles: query.role,
          q: query.q,
          organizationId: query.organization_id,
          groupId: query.group_id,
          ids: query.ids,
          active: query.active,
          after: decodeCursor(query.cursor),
          limit: query.limit,
        }),
      );
      return paginate(rows, query.limit);
    },

    async get(actor: Actor, id: string) {
      if (id !== actor.userId) authorize(actor, 'users:read');
      const user = await db.tenantTx(actor.tenantId, (trx) => repo.findUserById(trx, actor.tenantId, id));
      if (!user) throw notFound('USER_NOT_FOUND', 'The user');
      return user;
    },

    async create(actor: Actor, input: CreateUser) {
      authorize(actor, permissionToManage(input.role));
      requireOwnerFor(actor, input.role);
      const staff = input.role !== 'customer';
      if (staff && !input.email) throw invalid('STAFF_EMAIL_REQUIRED', 'Staff accounts need an email to sign in with');
      if (!staff && input.group_ids?.length) throw invalid('GROUPS_FOR_STAFF_ONLY', 'Customers cannot be group members');
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      return db.tenantTx(actor.tenantId, async (trx) => {
        await checkReferences(trx, actor, input);
        const id = await repo.insertUser(trx, actor.tenantId, {
          role: input.role,
          name: input.name,
          email: input.email ?? null,
          phone: input.phone ?? null,
          password_hash: passwordHash,
          locale: input.locale ?? null,
          time_zone: input.time_zone ?? null,
          organization_id: input.organization_id ?? null,
          vip_level: input.vip_level,
          tags: input.tags,
          external_id: input.external_id ?? null,
          ticket_access: input.ticket_access,
        });
        if (!id) throw emailTaken();
        if (input.group_ids?.length) await repo.replaceUserGroups(trx, actor.tenantId, id, [...new Set(input.group_ids)]);
        const { password: _password, ...recorded } = input;
        await recordAudit(trx, actor, {
          action: 'user.created',
          targetType: 'user',
          targetId: id,
          changes: { ...recorded, password_set: Boolean(input.password) },
        });
        return (await repo.findUserById(trx, actor.tenantId, id))!;
      });
    },

    update,

    deactivate(actor: Actor, id: string) {
      return update(actor, id, { active: false });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
