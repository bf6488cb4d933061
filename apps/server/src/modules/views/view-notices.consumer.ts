import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import { consumeOnce } from '../../platform/events/consume-once.ts';
import type { Logger } from '../../platform/logger/logger.ts';
import type { ReactionConsumer } from '../../platform/queue/job.ts';
import { publishNotice } from '../../platform/realtime/notices.ts';
import { validateConditions } from './domain/conditions.ts';
import type { TicketFacts } from './domain/predicates.ts';
import { ticketSides, viewChanges, VIEW_TESTED_FIELDS, type ViewForChanges } from './domain/view-changes.ts';
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

/**
 * After a committed ticket change: the views the ticket entered or left, told to the agents who
 * have them as `{type: 'view.changed', id: <view id>}` on the stream (published in the same
 * transaction as the consumer's processed mark, so each event is told once).
 */
export function createViewNoticesConsumer(deps: { db: Database; logger: Logger }): ReactionConsumer {
  return {
    name: VIEW_NOTICES,
    topics: [TICKET_EVENT_TOPIC],
    wants: (payload) =>
      payload.type === 'ticket.created' || (payload.type === 'ticket.updated' && touchesViews((payload.changes ?? {}) as Record<string, unknown>)),
    handle: async (event) => {
      const parsed = eventPayload.safeParse(event.payload);
      if (!parsed.success) return 'skipped';
      const payload = parsed.data;
      if (payload.type !== 'ticket.created' && !(payload.type === 'ticket.updated' && touchesViews(payload.changes))) return 'skipped';
      const tenantId = event.tenantId;
      return consumeOnce(deps.db, VIEW_NOTICES, event, async (trx) => {
        const current = await sql<TicketFacts>`select status_category, status_id, assignee_id, group_id, priority, type, via, requester_id,
            organization_id, tags, custom_fields, created_at, updated_at, solved_at
          from tickets where tenant_id = ${tenantId} and id = ${payload.ticket_id}`.execute(trx);
        const row = current.rows[0];
        if (!row) return;
        const { before, after } = ticketSides(row, payload);
        const repo = viewsRepo(trx, tenantId);
        const views: ViewForChanges[] = (await repo.list(null)).flatMap((view) => {
          const checked = validateConditions(view.conditions);
          return checked.ok ? [{ id: view.id, owner_user_id: view.owner_user_id, conditions: checked.conditions }] : [];
        });
        if (views.length === 0) return;
        const groups = [...new Set([before?.group_id, after.group_id].filter((id): id is string => Boolean(id)))];
        const groupMembers = await repo.membersOf(groups);
        const people = [...new Set([...groupMembers, before?.assignee_id, after.assignee_id, ...views.map((v) => v.owner_user_id)])]
          .filter((id): id is string => Boolean(id));
        const groupsOf = await repo.groupsOf(people);
        const changes = viewChanges(views, before, after, { now: new Date(), groupsOf, groupMembers });
        for (const change of changes) {
          const record = { requesterId: change.ticket.requester_id, assigneeId: change.ticket.assignee_id, groupId: change.ticket.group_id, staffOnly: true };
          const chunks = change.userIds
            ? Array.from({ length: Math.ceil(change.userIds.length / USERS_PER_NOTICE) }, (_, i) => change.userIds!.slice(i * USERS_PER_NOTICE, (i + 1) * USERS_PER_NOTICE))
            : [undefined];
          for (const userIds of chunks) {
            await publishNotice(trx, { tenantId, type: VIEW_CHANGED, id: change.viewId, audience: { ...record, ...(userIds ? { userIds } : {}) } });
          }
        }
      });
    },
  };
}
