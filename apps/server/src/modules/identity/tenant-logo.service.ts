import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { recordAudit } from './audit.repo.ts';
import type { IdentityTables } from './identity.tables.ts';
import { findTenantById, updateTenant, type TenantRow } from './tenants.repo.ts';

/** Logos are small: 512 KiB at most, raster images only (an SVG can carry script). */
export const MAX_LOGO_BYTES = 512 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** Where a logo is served; the version makes the URL change with the image (long browser caching). */
export const logoUrl = (tenantId: string, sha: string) => `/api/v1/tenants/${tenantId}/logo?v=${sha.slice(0, 12)}`;

export function createTenantLogoService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return {
    /** Stores the logo (type sniffed from the bytes, never trusted from the client) and points logo_url at it. */
    async upload(actor: Actor, bytes: Buffer): Promise<TenantRow> {
      authorize(actor, 'tenant:write');
      if (bytes.length === 0) throw new AppError('LOGO_MISSING', 400, 'The request has no image');
      if (bytes.length > MAX_LOGO_BYTES) throw new AppError('LOGO_TOO_LARGE', 413, `A logo may be at most ${MAX_LOGO_BYTES / 1024} KiB`);
      const type = (await fileTypeFromBuffer(bytes))?.mime;
      if (!type || !(LOGO_TYPES as readonly string[]).includes(type)) {
        throw new AppError('LOGO_TYPE_UNSUPPORTED', 415, 'A logo must be a PNG, JPEG, GIF or WebP image');
      }
      const sha = createHash('sha256').update(bytes).digest('hex');
      return db.tenantTx(actor.tenantId, async (trx: Transaction<IdentityTables>) => {
        await trx
          .insertInto('tenant_logos')
          .values({ tenant_id: actor.tenantId, content_type: type, bytes, sha256: sha, updated_at: new Date() })
          .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ content_type: type, bytes, sha256: sha, updated_at: new Date() }))
          .execute();
        const tenant = await updateTenant(trx, actor.tenantId, { logo_url: logoUrl(actor.tenantId, sha) });
        await recordAudit(trx, actor, { action: 'tenant.logo_changed', targetType: 'tenant', targetId: actor.tenantId, changes: { content_type: type, bytes: bytes.length } });
        return tenant;
      });
    },

    async remove(actor: Actor): Promise<TenantRow> {
      authorize(actor, 'tenant:write');
      return db.tenantTx(actor.tenantId, async (trx: Transaction<IdentityTables>) => {
        const removed = await trx.deleteFrom('tenant_logos').where('tenant_id', '=', actor.tenantId).executeTakeFirst();
        const before = (await findTenantById(trx, actor.tenantId))!;
        if (Number(removed.numDeletedRows) === 0 && before.logo_url === null) return before;
        const tenant = await updateTenant(trx, actor.tenantId, { logo_url: null });
        await recordAudit(trx, actor, { action: 'tenant.logo_removed', targetType: 'tenant', targetId: actor.tenantId });
        return tenant;
      });
    },

    /** The public image (the portal shows it before anyone signs in). */
    find: (tenantId: string) =>
      db.system.selectFrom('tenant_logos').select(['content_type', 'bytes', 'sha256']).where('tenant_id', '=', tenantId).executeTakeFirst(),
  };
}

export type TenantLogoService = ReturnType<typeof createTenantLogoService>;
