import type { TenantProvisioner } from '../modules/identity/index.ts';
import { seedTicketDefaults } from '../modules/tickets/index.ts';
import { seedDefaultViews } from '../modules/views/index.ts';

/**
 * What every new tenant gets, run in the transaction that creates it (first-run setup, the CLI,
 * test factories). Each module that seeds per-tenant defaults adds its provisioner here.
 * The tickets module adds the one that seeds the default statuses.
 */
export const tenantProvisioners: TenantProvisioner[] = [seedTicketDefaults, seedDefaultViews];
