import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import { authorize } from '../../platform/auth-context/permissions.ts';
import type { Database } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/errors/app-error.ts';
import { authorOf, noticeTicket, recordTicketEvent, TICKET_EVENTS } from '../tickets/tickets.events.ts';
import { recordAudit } from './audit.repo.ts';
import { findCustomer, mergesOf, type CustomerRow } from './customer-360.repo.ts';
import * as identities from './customer-identities.repo.ts';
import * as repo from './customer-merge.repo.ts';
import { presentMerge } from './customers.presenter.ts';
import { customerMerged, customerNotFound, loadProfile } from './customers.service.ts';
import { mergedProfile, ticketChanges } from './domain/customer-merge.ts';
import { MIRRORED_KINDS } from './domain/identity-values.ts';
import type { IdentityTables } from './identity.tables.ts';

/** Data of each ticket event a merge writes: why the requester (or a CC) changed. */
export const MERGE_EVENT_REASON = 'customer_merge';

/**
 * Merges customer `sourceId` INTO `targetId`, in one transaction:
 * - every ticket the source requested moves to the target, CC/follower rows are rewritten
 *   without duplicates, and each touched ticket gets a `ticket.updated` event (changes
 *   requester_id / organization_id / cc_ids / follower_ids; data.reason 'customer_merge') so
 *   views, search and every other consumer of ticket events see the change like any other;
 * - identities move (identities are unique per tenant, so there is nothing to dedupe); the
 *   target keeps its primaries and takes the source's for kinds it had none of;
 * - tags are united, VIP is the higher, the organization is the target's unless it has none;
 *   notes are appended; locale, time zone and external id are taken when the target has none;
 * - the source is deactivated and marked `merged_into_id`, its sessions end;
 * - a customer_merges row (the customers' history) and an audit_log entry are written.
 * Both customers are locked (FOR NO KEY UPDATE, which does not block tickets referencing them),
 * lower id first, so two merges of the same pair cannot deadlock or both succeed.
 */
export function createCustomerMergeService(deps: { db: Database }) {
  const db = deps.db as Database<IdentityTables>;

  async function lockPair(trx: Transaction<IdentityTables>, tenantId: string, targetId: string, sourceId: string) {
    const rows = new Map<string, CustomerRow | undefined>();
    for (const id of [targetId, sourceId].sort((a, b) => Number(BigInt(a) - BigInt(b)))) {
      rows.set(id, await findCustomer(trx, tenantId, id, { lock: true }));
    }
    return { target: rows.get(targetId), source: rows.get(sourceId) };
  }

  return {
    async merge(actor: Actor, targetId: string, sourceId: string) {
      authorize(actor, 'customers:write');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const tenantId = actor.tenantId;
        const { target, source } = await lockPair(trx, tenantId, targetId, sourceId);
        if (!target) throw customerNotFound();
        if (!source) throw notFound('CUSTOMER_NOT_FOUND', 'The customer to merge');
        if (targetId === sourceId) throw conflict('MERGE_SAME_CUSTOMER', 'A customer cannot be merged into itself');
        if (target.role !== 'customer' || source.role !== 'customer') {
          throw conflict('MERGE_STAFF_USER', 'Only customers can be merged; staff accounts are never merged');
        }
        if (source.merged_into_id) throw conflict('MERGE_SOURCE_ALREADY_MERGED', 'This customer was already merged into another one');
        if (target.merged_into_id) throw customerMerged();

        const sourceIdentities = await identities.identitiesOf(trx, tenantId, sourceId);
        const targetIdentities = await identities.identitiesOf(trx, tenantId, targetId);
        const profile = mergedProfile(target, source);

        await repo.retireSource(trx, tenantId, sourceId, targetId);
        await identities.moveIdentities(trx, tenantId, sourceId, targetId);
        const adopted: string[] = [];
        for (const identity of sourceIdentities) {
          if (!identity.is_primary || targetIdentities.some((own) => own.kind === identity.kind && own.is_primary)) continue;
          await identities.makePrimary(trx, tenantId, { ...identity, user_id: targetId });
          const mirror = identity.kind in MIRRORED_KINDS ? MIRRORED_KINDS[identity.kind as keyof typeof MIRRORED_KINDS] : null;
          if (mirror) await identities.mirrorPrimary(trx, tenantId, targetId, mirror, identity.value);
          adopted.push(identity.id);
        }
        await repo.updateTarget(trx, tenantId, targetId, profile.patch);

        const before = await repo.ticketsOfPerson(trx, tenantId, sourceId);
        const ticketIds = before.map((ticket) => ticket.id);
        await repo.moveTickets(trx, tenantId, { sourceId, targetId, targetOrganizationId: profile.patch.organization_id, ticketIds });
        const after = new Map((await repo.ticketsByIds(trx, tenantId, ticketIds)).map((ticket) => [ticket.id, ticket]));
        const movedTicketIds = before.filter((ticket) => ticket.requester_id === sourceId).map((ticket) => ticket.id);

        const mergeId = await repo.insertMerge(trx, tenantId, {
          sourceId,
          targetId,
          mergedBy: actor.userId,
          movedTicketIds,
          details: {
            identities: sourceIdentities.map((identity) => ({
              id: identity.id,
              kind: identity.kind,
              value: identity.value,
              primary_on_target: adopted.includes(identity.id),
            })),
            cc_or_follower_ticket_ids: ticketIds.filter((id) => !movedTicketIds.includes(id)),
            ...profile.details,
          },
        });
        await recordAudit(trx, actor, {
          action: 'customer.merged',
          targetType: 'user',
          targetId,
          changes: { merge_id: mergeId, source_id: sourceId, moved_tickets: movedTicketIds.length, identities: sourceIdentities.length },
        });

        const now = new Date();
        const author = authorOf(actor);
        for (const old of before) {
          const current = after.get(old.id);
          if (!current) continue;
          const changes = ticketChanges(old, current);
          if (Object.keys(changes).length === 0) continue;
          await recordTicketEvent(trx, tenantId, {
            ticketId: old.id,
            type: TICKET_EVENTS.updated,
            author,
            changes,
            data: { reason: MERGE_EVENT_REASON, merge_id: mergeId, source_id: sourceId, target_id: targetId },
            at: now,
          });
          await noticeTicket(trx, tenantId, 'ticket.updated', current);
        }

        const [merge] = await mergesOf(trx, tenantId, targetId, { id: mergeId, limit: 1 });
        return { merge: presentMerge(merge!), customer: await loadProfile(trx, actor, targetId) };
      });
    },
  };
}

export type CustomerMergeService = ReturnType<typeof createCustomerMergeService>;
