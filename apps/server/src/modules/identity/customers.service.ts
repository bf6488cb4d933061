import type { z } from 'zod';
import type { CustomerTicketsQuery, CustomerUpdateBody } from '@switchboard/contracts';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors/app-error.ts';
import { diffFields, recordAudit } from './audit.repo.ts';
import * as view from './customer-360.repo.ts';
import { identitiesOf } from './customer-identities.repo.ts';
import { authorizeManagePerson, canManagePerson } from './customers.policy.ts';
import { historyFromAudit, historyFromMerge, HISTORY_ACTIONS, presentCounts, presentCustomerTicket, presentProfile } from './customers.presenter.ts';
import { decodeCursor, paginate } from './domain/cursor.ts';
import type { IdentityDb, IdentityTables } from './identity.tables.ts';
import { organizationExists } from './users.repo.ts';

export const customerNotFound = (what = 'The customer') => notFound('CUSTOMER_NOT_FOUND', what);
export const customerMerged = () => conflict('CUSTOMER_MERGED', 'This customer was merged into another one: change that customer instead');

const HISTORY_LIMIT = 200;
const FIRST_PAGE = 25;

/** The person as the customer page shows them: profile, identities, and what the caller may do. */
export async function loadProfile(trx: IdentityDb, actor: Actor, id: string) {
  const row = await view.findCustomer(trx, actor.tenantId, id);
  if (!row) throw customerNotFound();
  return presentProfile(row, await identitiesOf(trx, actor.tenantId, id), canManagePerson(actor, row));
}

/** Customer 360: the page's reads, and profile edits (name, organization, VIP, tags, notes). */
export function createCustomersService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;

  return {
    async get(actor: Actor, id: string) {
      authorize(actor, 'users:read');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const profile = await loadProfile(trx, actor, id);
        const counts = await view.ticketCounts(trx, actor, id);
        const page = paginate(await view.ticketsPage(trx, actor, id, { limit: FIRST_PAGE }), FIRST_PAGE);
        return {
          ...profile,
          ticket_counts: presentCounts(counts),
          tickets: { data: page.rows.map(presentCustomerTicket), next_cursor: page.nextCursor },
        };
      });
    },

    async tickets(actor: Actor, id: string, query: z.infer<typeof CustomerTicketsQuery>) {
      authorize(actor, 'users:read');
      const before = decodeCursor(query.cursor);
      return db.tenantTx(actor.tenantId, async (trx) => {
        if (!(await view.findCustomer(trx, actor.tenantId, id))) throw customerNotFound();
        const page = paginate(await view.ticketsPage(trx, actor, id, { before, limit: query.limit }), query.limit);
        return { data: page.rows.map(presentCustomerTicket), next_cursor: page.nextCursor };
      });
    },

    async update(actor: Actor, id: string, patch: z.infer<typeof CustomerUpdateBody>) {
      authorize(actor, 'customers:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const row = await view.findCustomer(trx, actor.tenantId, id, { lock: true });
        if (!row) throw customerNotFound();
        authorizeManagePerson(actor, row);
        if (row.merged_into_id) throw customerMerged();
        if (patch.organization_id && !(await organizationExists(trx, actor.tenantId, patch.organization_id))) {
          throw invalid('ORGANIZATION_NOT_FOUND', `Organization ${patch.organization_id} does not exist`, [
            { path: 'body.organization_id', message: 'no organization with this id' },
          ]);
        }
        const columns = { ...patch, ...(patch.tags ? { tags: [...new Set(patch.tags)] } : {}) };
        const changes = diffFields(row as unknown as Record<string, unknown>, columns);
        if (Object.keys(changes).length > 0) {
          await trx.updateTable('users').set({ ...columns, updated_at: new Date() }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
          await recordAudit(trx, actor, { action: 'customer.updated', targetType: 'user', targetId: id, changes });
        }
        return loadProfile(trx, actor, id);
      });
    },

    /** Merges (into and out of this customer) and identity and profile changes, newest first. */
    async history(actor: Actor, id: string) {
      authorize(actor, 'users:read');
      return db.tenantTx(actor.tenantId, async (trx) => {
        if (!(await view.findCustomer(trx, actor.tenantId, id))) throw customerNotFound();
        const merges = await view.mergesOf(trx, actor.tenantId, id, { limit: HISTORY_LIMIT });
        const audits = await view.auditOf(trx, actor.tenantId, id, Object.keys(HISTORY_ACTIONS), HISTORY_LIMIT);
        const entries = [...merges.map((row) => historyFromMerge(row, id)), ...audits.map(historyFromAudit)];
        entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
        return { data: entries.slice(0, HISTORY_LIMIT) };
      });
    },
  };
}

export type CustomersService = ReturnType<typeof createCustomersService>;
