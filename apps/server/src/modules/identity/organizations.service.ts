import { z } from 'zod';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors/app-error.ts';
import { diffFields, recordAudit } from './audit.repo.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import * as repo from './organizations.repo.ts';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as example.com');

export const createOrganizationBody = z
  .object({
    name: schemas.name,
    domains: z.array(domain).max(50).transform((list) => [...new Set(list)]).optional(),
    notes: z.string().max(10_000).optional(),
    external_id: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict();
export const updateOrganizationBody = createOrganizationBody.partial().strict();
export const listOrganizationsQuery = z.object({
  ...schemas.pageQuery,
  q: z.string().trim().max(200).optional(),
  domain: z.string().trim().max(253).optional(),
});

const nameTaken = () => conflict('ORGANIZATION_NAME_TAKEN', 'An organization with this name already exists');
const organizationNotFound = () => notFound('ORGANIZATION_NOT_FOUND', 'The organization');

/** Customer companies; a new customer whose email domain is listed joins the organization. */
export function createOrganizationsService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return {
    async list(actor: Actor, query: z.infer<typeof listOrganizationsQuery>) {
      authorize(actor, 'organizations:read');
      const rows = await db.tenantTx(actor.tenantId, (trx) =>
        repo.listOrganizations(trx, actor.tenantId, { q: query.q, domain: query.domain, after: decodeCursor(query.cursor), limit: query.limit }),
      );
      return paginate(rows, query.limit);
    },

    async get(actor: Actor, id: string) {
      authorize(actor, 'organizations:read');
      const row = await db.tenantTx(actor.tenantId, (trx) => repo.findOrganization(trx, actor.tenantId, id));
      if (!row) throw organizationNotFound();
      return row;
    },

    async create(actor: Actor, input: z.infer<typeof createOrganizationBody>) {
      authorize(actor, 'organizations:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const row = await repo.insertOrganization(trx, actor.tenantId, input);
        if (!row) throw nameTaken();
        await recordAudit(trx, actor, { action: 'organization.created', targetType: 'organization', targetId: row.id, changes: input });
        return row;
      });
    },

    async update(actor: Actor, id: string, patch: z.infer<typeof updateOrganizationBody>) {
      authorize(actor, 'organizations:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const before = await repo.findOrganization(trx, actor.tenantId, id);
        if (!before) throw organizationNotFound();
        const changes = diffFields(before as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length === 0) return before;
        if ((await repo.updateOrganization(trx, actor.tenantId, id, patch)) === 'conflict') throw nameTaken();
        await recordAudit(trx, actor, { action: 'organization.updated', targetType: 'organization', targetId: id, changes });
        return (await repo.findOrganization(trx, actor.tenantId, id))!;
      });
    },

    /** Deletes the organization; its users and tickets keep no organization. */
    async remove(actor: Actor, id: string) {
      authorize(actor, 'organizations:write');
      await db.tenantTx(actor.tenantId, async (trx) => {
        const before = await repo.findOrganization(trx, actor.tenantId, id);
        if (!before) throw organizationNotFound();
        await repo.deleteOrganization(trx, actor.tenantId, id);
        await recordAudit(trx, actor, {
          action: 'organization.deleted',
          targetType: 'organization',
          targetId: id,
          changes: { name: before.name },
        });
      });
    },
  };
}
