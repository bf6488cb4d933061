// The identity module's public surface: other modules import from here only.
import type { Kysely } from 'kysely';
import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { registerAuthHook } from './auth.hook.ts';
import { createAuthService } from './auth.service.ts';
import { identityRoutes } from './identity.routes.ts';
import type { IdentityDb } from './identity.tables.ts';
import * as tenantsRepo from './tenants.repo.ts';
import type { TenantProvisioner } from './tenants.service.ts';
import * as usersRepo from './users.repo.ts';

export { createCustomersByEmail, customersByEmail, findOrCreateCustomerByEmail, findCustomerByEmail, findCustomerByPhone, type CustomerRef } from './customers.repo.ts';
export { normalizeEmail, normalizePhone, IDENTITY_KINDS, type IdentityKind } from './domain/identity-values.ts';
export { recordAudit, type AuditEntry, type SystemAuditActor } from './audit.repo.ts';
export {
  createTenantWithOwner,
  type CreateTenantOptions,
  type NewTenantInput,
  type TenantProvisioner,
} from './tenants.service.ts';
export { issueApiToken } from './api-tokens.service.ts';
export { hashPassword } from './passwords.ts';
export { pruneIdentityData } from './identity.maintenance.ts';
export { createIdentityPruneJob, IDENTITY_PRUNE_JOB } from './jobs/prune.job.ts';
export { SESSION_COOKIE, CSRF_HEADER } from './auth.hook.ts';
export type { TenantRow } from './tenants.repo.ts';
export type { UserRow } from './users.repo.ts';

/** Lookups other modules may run in their own transaction (any Kysely database type). */
export const findUserById = (db: Kysely<any>, tenantId: string, id: string) => usersRepo.findUserById(db as IdentityDb, tenantId, id);
export const findUserByEmail = (db: Kysely<any>, tenantId: string, email: string) =>
  usersRepo.findUserByEmail(db as IdentityDb, tenantId, email);
export const findTenantByNameOrSlug = (db: Kysely<any>, nameOrSlug: string) => tenantsRepo.findTenantByNameOrSlug(db as IdentityDb, nameOrSlug);
export const listTenants = (db: Kysely<any>) => tenantsRepo.listTenants(db as IdentityDb);

export interface IdentityDeps {
  db: Database;
  config: Config;
  /** Per-tenant defaults seeded when a tenant is created (app/provisioners.ts). */
  provisioners: readonly TenantProvisioner[];
}

/**
 * Accounts, sessions, API tokens, tenants, the audit log. `registerAuthHook` is installed once
 * on the root app (before any module's routes) and resolves `request.actor`; `routes` is the
 * plugin mounted at /api/v1.
 */
export function createIdentityModule(deps: IdentityDeps) {
  const auth = createAuthService({ db: deps.db, provisioners: deps.provisioners });
  return {
    auth,
    registerAuthHook: (app: HttpServer) => registerAuthHook(app, { auth, config: deps.config }),
    routes: identityRoutes({ ...deps, auth }),
  };
}
