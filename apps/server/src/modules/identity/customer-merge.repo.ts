import { sql } from 'kysely';
import type { IdentityDb } from './identity.tables.ts';

/** The writes of a customer merge, each in the caller's transaction. */

/** A ticket touched by a merge, with its people (ids as text, sorted). */
export interface MergeTicketRow {
  id: string;
  version: number;
  requester_id: string;
  organization_id: string | null;
  assignee_id: string | null;
  group_id: string | null;
  cc_ids: string[];
  follower_ids: string[];
}

const ticketWithPeople = sql`t.id, t.version, t.requester_id, t.organization_id, t.assignee_id, t.group_id,
  coalesce((select array_agg(c.user_id::text order by c.user_id) from ticket_ccs c
            where c.tenant_id = t.tenant_id and c.ticket_id = t.id), '{}') as cc_ids,
  coalesce((select array_agg(f.user_id::text order by f.user_id) from ticket_followers f
            where f.tenant_id = t.tenant_id and f.ticket_id = t.id), '{}') as follower_ids`;

/**
 * Tickets where the user is requester, CC or follower, locked (FOR UPDATE, as the tickets
 * module locks a ticket it changes) so their before-state stays true until the merge commits.
 */
export async function ticketsOfPerson(trx: IdentityDb, tenantId: string, userId: string): Promise<MergeTicketRow[]> {
  const result = await sql<MergeTicketRow>`
    select ${ticketWithPeople} from tickets t
    where t.tenant_id = ${tenantId} and t.id in (
      select r.id from tickets r where r.tenant_id = ${tenantId} and r.requester_id = ${userId}
      union select c.ticket_id from ticket_ccs c where c.tenant_id = ${tenantId} and c.user_id = ${userId}
      union select f.ticket_id from ticket_followers f where f.tenant_id = ${tenantId} and f.user_id = ${userId})
    order by t.id
    for update of t`.execute(trx);
  return result.rows;
}

export async function ticketsByIds(trx: IdentityDb, tenantId: string, ids: string[]): Promise<MergeTicketRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<MergeTicketRow>`
    select ${ticketWithPeople} from tickets t where t.tenant_id = ${tenantId} and t.id = any(${ids}::bigint[]) order by t.id`.execute(trx);
  return result.rows;
}

/**
 * Source's tickets become target's: requester (and, as when the tickets module changes a
 * requester, the ticket's organization follows the new requester), CC and follower rows rewritten
 * without duplicates, and a requester is never their own CC. Every touched ticket gets a new
 * version (an agent's stale save answers 412); updated_at is left alone: a merge is bookkeeping,
 * not work on the ticket, and its event is in the history.
 */
export async function moveTickets(
  trx: IdentityDb,
  tenantId: string,
  move: { sourceId: string; targetId: string; targetOrganizationId: string | null; ticketIds: string[] },
): Promise<void> {
  if (move.ticketIds.length === 0) return;
  const { sourceId, targetId } = move;
  await sql`update tickets set
      organization_id = case when requester_id = ${sourceId} then ${move.targetOrganizationId}::bigint else organization_id end,
      requester_id = case when requester_id = ${sourceId} then ${targetId}::bigint else requester_id end,
      version = version + 1
    where tenant_id = ${tenantId} and id = any(${move.ticketIds}::bigint[])`.execute(trx);
  for (const table of ['ticket_ccs', 'ticket_followers'] as const) {
    await sql`insert into ${sql.table(table)} (tenant_id, ticket_id, user_id)
      select tenant_id, ticket_id, ${targetId} from ${sql.table(table)} where tenant_id = ${tenantId} and user_id = ${sourceId}
      on conflict do nothing`.execute(trx);
    await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and user_id = ${sourceId}`.execute(trx);
  }
  await sql`delete from ticket_ccs c using tickets t
    where c.tenant_id = ${tenantId} and c.user_id = ${targetId} and c.ticket_id = any(${move.ticketIds}::bigint[])
      and t.tenant_id = c.tenant_id and t.id = c.ticket_id and t.requester_id = ${targetId}`.execute(trx);
}

/**
 * The source steps aside: it lets go of its mirrored addresses (unique on users) and its external
 * id, is deactivated and marked merged. Customers merged into it earlier now point at the target,
 * so a chain of merges always resolves in one hop.
 */
export async function retireSource(trx: IdentityDb, tenantId: string, sourceId: string, targetId: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({ email: null, phone: null, external_id: null, active: false, merged_into_id: targetId, updated_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', sourceId)
    .execute();
  await trx.updateTable('users').set({ merged_into_id: targetId }).where('tenant_id', '=', tenantId).where('merged_into_id', '=', sourceId).execute();
  await trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', sourceId).execute();
}

export async function updateTarget(
  trx: IdentityDb,
  tenantId: string,
  targetId: string,
  patch: { tags: string[]; vip_level: number; organization_id: string | null; notes: string; locale: 'zh-CN' | 'en' | null; time_zone: string | null; external_id: string | null },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ ...patch, updated_at: sql`now()` as never })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', targetId)
    .execute();
}

export async function insertMerge(
  trx: IdentityDb,
  tenantId: string,
  values: { sourceId: string; targetId: string; mergedBy: string | null; movedTicketIds: string[]; details: Record<string, unknown> },
): Promise<string> {
  const row = await trx
    .insertInto('customer_merges')
    .values({
      tenant_id: tenantId,
      source_id: values.sourceId,
      target_id: values.targetId,
      merged_by: values.mergedBy,
      moved_ticket_ids: values.movedTicketIds,
      details: JSON.stringify(values.details),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
