import type { Config } from '../../platform/config/config.ts';
import type { Database } from '../../platform/db/database.ts';
import type { HttpServer } from '../../platform/http/create-http-server.ts';
import { adminRoutes } from './admin.routes.ts';
import { createApiTokensService } from './api-tokens.service.ts';
import { authRoutes } from './auth.routes.ts';
import type { AuthService } from './auth.service.ts';
import { groupsRoutes } from './groups.routes.ts';
import { createGroupsService } from './groups.service.ts';
import { organizationsRoutes } from './organizations.routes.ts';
import { createOrganizationsService } from './organizations.service.ts';
import { createTenantsService } from './tenants.service.ts';
import { invitationsRoutes } from './invitations.routes.ts';
import { createInvitationsService } from './invitations.service.ts';
import { createMagicLinksService } from './magic-links.service.ts';
import { portalAuthRoutes } from './portal-auth.routes.ts';
import { tenantLogoRoutes } from './tenant-logo.routes.ts';
import { createTenantLogoService } from './tenant-logo.service.ts';
import { createCustomerIdentitiesService } from './customer-identities.service.ts';
import { createCustomerMergeService } from './customer-merge.service.ts';
import { customersRoutes } from './customers.routes.ts';
import { createCustomersService } from './customers.service.ts';
import { usersRoutes } from './users.routes.ts';
import { createUsersService } from './users.service.ts';

export interface IdentityRouteDeps {
  config: Config;
  db: Database;
  auth: AuthService;
}

/** Every identity route, mounted under /api/v1. */
export function identityRoutes(deps: IdentityRouteDeps) {
  const { db } = deps;
  return async function (app: HttpServer) {
    await app.register(authRoutes(deps));
    await app.register(usersRoutes({ users: createUsersService({ db }) }));
    await app.register(groupsRoutes({ groups: createGroupsService({ db }) }));
    await app.register(organizationsRoutes({ organizations: createOrganizationsService({ db }) }));
    await app.register(adminRoutes({ db, apiTokens: createApiTokensService({ db }), tenants: createTenantsService({ db }) }));
    await app.register(invitationsRoutes({ invitations: createInvitationsService(deps), config: deps.config }));
    await app.register(portalAuthRoutes({ magicLinks: createMagicLinksService(deps), config: deps.config, db }));
    await app.register(tenantLogoRoutes({ logos: createTenantLogoService({ db }) }));
    await app.register(
      customersRoutes({
        customers: createCustomersService({ db }),
        identities: createCustomerIdentitiesService({ db }),
        merges: createCustomerMergeService({ db }),
      }),
    );
  };
}
