import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { consumeEachOnce } from '../../platform/events/consume-once.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { batchedConsumer } from '../../platform/queue/reactions.ts';
import { publishNotices, type RealtimeNotice } from '../../platform/realtime/notices.ts';
import { validateConditions } from './domain/conditions.ts';
import type { TicketFacts } from './domain/predicates.ts';
import { ticketSides, viewChanges, VIEW_TESTED_FIELDS, type ViewChange, type ViewForChanges } from './domain/view-changes.ts';
import { viewsRepo } from './views.repo.ts';

export const TICKET_EVENT_TOPIC = 'ticket.event';
export const VIEW_NOTICES = 'view-notices';
export const VIEW_CHANGED = 'view.changed';
/** userIds per notice: a NOTIFY payload must stay under 8000 bytes. */
const USERS_PER_NOTICE = 200;

const eventPayload = z.object({
  ticket_id: z.string().regex(/^\d+$/),
  type: z.string(),
  created_at: z.string(),
  changes: z.record(z.string(), z.unknown()).default({}),
});

const touchesViews = (changes: Record<string, unknown>) =>
  Object.keys(changes).some((field) => VIEW_TESTED_FIELDS.has(field) || field.startsWith('custom_fields.'));

/** Events that can move a ticket into or out of a view: its creation, and changes to fields views test. */
const movesTickets = (type: unknown, changes: unknown) =>
  type === 'ticket.created' || (type === 'ticket.updated' && touchesViews((changes ?? {}) as Record<string, unknown>));

/**
 * After a committed ticket change: the views the ticket entered or left, told to the agents who
 * have them as `{type: 'view.changed', id: <view id>}` on the stream (published in the same
 * transaction as the consumer's processed mark, so each event is told once).
 */
export function createViewNoticesConsumer(deps: { db: Database; logger: Logger }): ReactionConsumer {
  return batchedConsumer({
    name: VIEW_NOTICES,
    topics: [TICKET_EVENT_TOPIC],
    wants: (payload) => movesTickets(payload.type, payload.changes),
    handleBatch: async (events) => {
      const relevant = events.flatMap((event) => {
        const parsed = eventPayload.safeParse(event.payload);
        return parsed.success && movesTickets(parsed.data.type, parsed.data.changes) ? [{ ...event, change: parsed.data }] : [];
      });
      return consumeEachOnce(deps.db, VIEW_NOTICES, relevant, async (trx, fresh, tenantId) => {
        const repo = viewsRepo(trx, tenantId);
        const views: ViewForChanges[] = (await repo.list(null)).flatMap((view) => {
          const checked = validateConditions(view.conditions);
          return checked.ok ? [{ id: view.id, owner_user_id: view.owner_user_id, conditions: checked.conditions }] : [];
        });
        if (views.length === 0) return;
        const ticketIds = [...new Set(fresh.map((event) => event.change.ticket_id))];
        const current = await sql<TicketFacts & { id: string }>`select id, status_category, status_id, assignee_id, group_id, priority, type, via,
            requester_id, organization_id, tags, custom_fields, created_at, updated_at, solved_at
          from tickets where tenant_id = ${tenantId} and id = any(${ticketIds}::bigint[])`.execute(trx);
        const rows = new Map(current.rows.map((row) => [row.id, row]));
        const sides = fresh.flatMap((event) => {
          const row = rows.get(event.change.ticket_id);
          return row ? [ticketSides(row, event.change)] : [];
        });
        const groupsOfSide = ({ before, after }: (typeof sides)[number]) =>
          [...new Set([before?.group_id, after.group_id].filter((id): id is string => Boolean(id)))];
        const membersByGroup = await repo.membersByGroup([...new Set(sides.flatMap(groupsOfSide))]);
        const membersOf = (side: (typeof sides)[number]) => [...new Set(groupsOfSide(side).flatMap((group) => membersByGroup.get(group) ?? []))];
        const people = [
          ...new Set([...[...membersByGroup.values()].flat(), ...sides.flatMap(({ before, after }) => [before?.assignee_id, after.assignee_id]), ...views.map((v) => v.owner_user_id)]),
        ].filter((id): id is string => Boolean(id));
        const groupsOf = await repo.groupsOf(people);
        const now = new Date();
        const notices = sides.flatMap((side) =>
          viewChanges(views, side.before, side.after, { now, groupsOf, groupMembers: membersOf(side) }).flatMap((change) => noticesOf(tenantId, change)),
        );
        await publishNotices(trx, notices);
      });
    },
  });
}

/** The notices of one view change: its audience in chunks (a NOTIFY payload stays under 8000 bytes). */
function noticesOf(tenantId: string, change: ViewChange): RealtimeNotice[] {
  const record = { requesterId: change.ticket.requester_id, assigneeId: change.ticket.assignee_id, groupId: change.ticket.group_id, staffOnly: true };
  const chunks = change.userIds
    ? Array.from({ length: Math.ceil(change.userIds.length / USERS_PER_NOTICE) }, (_, i) => change.userIds!.slice(i * USERS_PER_NOTICE, (i + 1) * USERS_PER_NOTICE))
    : [undefined];
  return chunks.map((userIds) => ({ tenantId, type: VIEW_CHANGED, id: change.viewId, audience: { ...record, ...(userIds ? { userIds } : {}) } }));
}
