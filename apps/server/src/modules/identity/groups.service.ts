import { z } from 'zod';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors/app-error.ts';
import { diffFields, recordAudit } from './audit.repo.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import * as repo from './groups.repo.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { findUsersByIds } from './users.repo.ts';

export const createGroupBody = z.object({ name: schemas.name, description: z.string().max(2000).optional() }).strict();
export const updateGroupBody = createGroupBody.partial().strict();
export const listGroupsQuery = z.object({ ...schemas.pageQuery, q: z.string().trim().max(200).optional() });
export const membersBody = z.object({ user_ids: z.array(schemas.idString).max(1000) }).strict();

const nameTaken = () => conflict('GROUP_NAME_TAKEN', 'A group with this name already exists');
const groupNotFound = () => notFound('GROUP_NOT_FOUND', 'The group');

/** Teams and departments: tickets are assigned to them, agents belong to them. */
export function createGroupsService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return {
    async list(actor: Actor, query: z.infer<typeof listGroupsQuery>) {
      authorize(actor, 'groups:read');
      const rows = await db.tenantTx(actor.tenantId, (trx) =>
        repo.listGroups(trx, actor.tenantId, { q: query.q, after: decodeCursor(query.cursor), limit: query.limit }),
      );
      return paginate(rows, query.limit);
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'groups:read');
      const group = await db.tenantTx(actor.tenantId, (trx) => repo.findGroup(trx, actor.tenantId, id));
      if (!group) throw groupNotFound();
      return group;
    },

    async create(actor: Actor, input: z.infer<typeof createGroupBody>) {
      authorize(actor, 'groups:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const id = await repo.insertGroup(trx, actor.tenantId, input);
        if (!id) throw nameTaken();
        await recordAudit(trx, actor, { action: 'group.created', targetType: 'group', targetId: id, changes: input });
        return (await repo.findGroup(trx, actor.tenantId, id))!;
      });
    },

    async update(actor: Actor, id: string, patch: z.infer<typeof updateGroupBody>) {
      authorize(actor, 'groups:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const before = await repo.findGroup(trx, actor.tenantId, id);
        if (!before) throw groupNotFound();
        const changes = diffFields(before as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length === 0) return before;
        if ((await repo.updateGroup(trx, actor.tenantId, id, patch)) === 'conflict') throw nameTaken();
        await recordAudit(trx, actor, { action: 'group.updated', targetType: 'group', targetId: id, changes });
        return (await repo.findGroup(trx, actor.tenantId, id))!;
      });
    },

    /** Deletes the group; its tickets keep no group (the foreign key sets it to null). */
    async remove(actor: Actor, id: string) {
      authorize(actor, 'groups:write');
      await db.tenantTx(actor.tenantId, async (trx) => {
        const before = await repo.findGroup(trx, actor.tenantId, id);
        if (!before) throw groupNotFound();
        await repo.deleteGroup(trx, actor.tenantId, id);
        await recordAudit(trx, actor, { action: 'group.deleted', targetType: 'group', targetId: id, changes: { name: before.name } });
      });
    },

    async members(actor: Actor, id: string) {
      authorize(actor, 'groups:read');
      return db.tenantTx(actor.tenantId, async (trx) => {
        if (!(await repo.findGroup(trx, actor.tenantId, id))) throw groupNotFound();
        return findUsersByIds(trx, actor.tenantId, await repo.memberIds(trx, actor.tenantId, id));
      });
    },

    /** Replaces the member list; members must be active staff of the tenant. */
    async setMembers(actor: Actor, id: string, userIds: string[]) {
      authorize(actor, 'groups:write');
      const wanted = [...new Set(userIds)].sort((a, b) => Number(a) - Number(b));
      return db.tenantTx(actor.tenantId, async (trx) => {
        if (!(await repo.findGroup(trx, actor.tenantId, id))) throw groupNotFound();
        const users = await findUsersByIds(trx, actor.tenantId, wanted);
        const bad = wanted.filter((userId) => !users.some((user) => user.id === userId && user.role !== 'customer'));
        if (bad.length) {
          throw invalid(
            'GROUP_MEMBER_INVALID',
            'Group members must be staff users of this workspace',
            bad.map((userId) => ({ path: 'body.user_ids', message: `user ${userId} is not a staff user here` })),
          );
        }
        const before = await repo.memberIds(trx, actor.tenantId, id);
        await repo.replaceMembers(trx, actor.tenantId, id, wanted);
        const added = wanted.filter((userId) => !before.includes(userId));
        const removed = before.filter((userId) => !wanted.includes(userId));
        if (added.length || removed.length) {
          await recordAudit(trx, actor, { action: 'group.members_changed', targetType: 'group', targetId: id, changes: { added, removed } });
        }
        return findUsersByIds(trx, actor.tenantId, wanted);
      });
    },
  };
}
