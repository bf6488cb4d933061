import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError, conflict } from '../../platform/errors/app-error.ts';
import { recordAudit, diffFields } from './audit.repo.ts';
import { chooseSlug, slugBase } from './domain/slug.ts';
import type { IdentityTables } from './identity.tables.ts';
import * as schemas from './identity.schemas.ts';
import { hashPassword } from './passwords.ts';
import { findTenantById, insertTenant, slugsLike, tenantNameTaken, updateTenant, type TenantRow } from './tenants.repo.ts';
import { findUserById, insertUser, type UserRow } from './users.repo.ts';

/**
 * Seeds what a new tenant needs (default ticket statuses...), in the tenant's creating
 * transaction. Provided by the composition root (app/provisioners.ts).
 */
export type TenantProvisioner = (trx: Transaction<any>, tenantId: string) => Promise<void>;

export const newTenantSchema = z.object({
  company: schemas.name,
  ownerName: schemas.name.optional(),
  ownerEmail: schemas.email,
  ownerPassword: schemas.password,
  locale: schemas.locale.default('zh-CN'),
  timeZone: schemas.timeZone.default('Asia/Shanghai'),
});
export type NewTenantInput = z.input<typeof newTenantSchema>;

export interface CreateTenantOptions {
  provisioners: readonly TenantProvisioner[];
  /** Who is creating it, for the audit log. */
  via?: 'system' | 'cli';
  /** Runs first, under the tenant-creation lock (first-run setup refuses when a tenant exists). */
  guard?: (trx: Transaction<IdentityTables>) => Promise<void>;
}

const CREATE_LOCK = 'switchboard:tenant-create';

/** Creates a tenant, its owner and its defaults in one transaction. */
export async function createTenantWithOwner(
  db: Database,
  input: NewTenantInput,
  options: CreateTenantOptions,
): Promise<{ tenant: TenantRow; owner: UserRow }> {
  const values = schemas.parseInput(newTenantSchema, input);
  const passwordHash = await hashPassword(values.ownerPassword);
  return db.systemTx(async (trx: Transaction<IdentityTables>) => {
    // Serialises tenant creation: slug choice and the first-run check cannot race.
    await sql`select pg_advisory_xact_lock(hashtext(${CREATE_LOCK}))`.execute(trx);
    await options.guard?.(trx);
    if (await tenantNameTaken(trx, values.company)) {
      throw conflict('TENANT_NAME_TAKEN', `A tenant named "${values.company}" already exists`);
    }
    const base = slugBase(values.company);
    const slug = chooseSlug(base, await slugsLike(trx, base ?? 'tenant'));
    const tenant = await insertTenant(trx, {
      name: values.company,
      slug,
      time_zone: values.timeZone,
      default_locale: values.locale,
    });
    // Tenant-scoped SQL run by the provisioners (defaults, triggers) sees the new tenant.
    await sql`select set_config('app.tenant_id', ${tenant.id}, true)`.execute(trx);
    const ownerId = await insertUser(trx, tenant.id, {
      role: 'owner',
      name: values.ownerName ?? values.ownerEmail.split('@')[0],
      email: values.ownerEmail,
      password_hash: passwordHash,
      locale: values.locale,
    });
    if (!ownerId) throw new AppError('TENANT_OWNER_CONFLICT', 409, 'The owner could not be created');
    for (const provision of options.provisioners) await provision(trx, tenant.id);
    const auditActor = { kind: options.via ?? 'system', tenantId: tenant.id, userId: ownerId } as const;
    await recordAudit(trx, auditActor, {
      action: 'tenant.created',
      targetType: 'tenant',
      targetId: tenant.id,
      changes: { name: values.company, slug, owner_email: values.ownerEmail },
    });
    const owner = await findUserById(trx, tenant.id, ownerId);
    return { tenant, owner: owner! };
  });
}

export const tenantPatchSchema = z
  .object({
    name: schemas.name,
    time_zone: schemas.timeZone,
    default_locale: schemas.locale,
    logo_url: z.string().url().max(2000).refine((url) => /^https?:\/\//.test(url), 'must be an http(s) URL').nullable(),
  })
  .partial()
  .strict();
export type TenantPatch = z.infer<typeof tenantPatchSchema>;

export function createTenantsService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;
  return {
    get: (actor: Actor) => db.tenantTx(actor.tenantId, async (trx) => (await findTenantById(trx, actor.tenantId))!),

    update: (actor: Actor, patch: TenantPatch) => {
      authorize(actor, 'tenant:write');
      return db.tenantTx(actor.tenantId, async (trx: Transaction<IdentityTables>) => {
        const before = (await findTenantById(trx, actor.tenantId))!;
        if (patch.name && patch.name.toLowerCase() !== before.name.toLowerCase()) {
          // Names are unique across tenants: checked on the owner connection, which sees them all.
          if (await tenantNameTaken(db.system, patch.name)) {
            throw conflict('TENANT_NAME_TAKEN', `A tenant named "${patch.name}" already exists`);
          }
        }
        const changes = diffFields(before, patch);
        if (Object.keys(changes).length === 0) return before;
        const after = await updateTenant(trx, actor.tenantId, patch).catch((error: { code?: string }) => {
          if (error.code === '23505') throw conflict('TENANT_NAME_TAKEN', 'A tenant with this name already exists');
          throw error;
        });
        await recordAudit(trx, actor, { action: 'tenant.updated', targetType: 'tenant', targetId: actor.tenantId, changes });
        return after;
      });
    },
  };
}
