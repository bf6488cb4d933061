import { dependsOnViewer, type Conditions } from './conditions.ts';
import { matches, resolveConditions, type TicketFacts } from './predicates.ts';

/**
 * Which views a ticket change moved the ticket into or out of, and who should hear of it.
 * Pure: the consumer loads the views, the ticket and the group memberships, and publishes.
 *
 * - A shared view that does not depend on the viewer changed for everyone: the notice goes to
 *   the staff who may see the ticket (the row that is in the view: after when it entered, before
 *   when it left).
 * - A view with 'me' / 'my_groups' is evaluated for each person it could concern: the assignee
 *   before and after ('me'), the members of the group before and after ('my_groups'); a personal
 *   view only for its owner. Those for whom the answer changed are named in `userIds`.
 */
export interface ViewForChanges {
  id: string;
  owner_user_id: string | null;
  conditions: Conditions;
}

export interface ViewChange {
  viewId: string;
  /** Undefined: every staff member who may see the ticket; otherwise only these users. */
  userIds?: string[];
  /** The ticket as it is in the view (for the record audience: requester, assignee, group). */
  ticket: TicketFacts;
}

export interface ChangeContext {
  now: Date;
  /** Group ids of every candidate user (members of the before/after groups, the assignees, owners). */
  groupsOf: ReadonlyMap<string, readonly string[]>;
  /** Staff members of the groups the ticket was or is in. */
  groupMembers: readonly string[];
}

export function viewChanges(views: readonly ViewForChanges[], before: TicketFacts | null, after: TicketFacts, context: ChangeContext): ViewChange[] {
  const changes: ViewChange[] = [];
  const inView = (conditions: Conditions, userId: string, ticket: TicketFacts | null) =>
    ticket !== null && matches(resolveConditions(conditions, { userId, groupIds: context.groupsOf.get(userId) ?? [], now: context.now }), ticket);

  for (const view of views) {
    const perViewer = view.owner_user_id !== null || dependsOnViewer(view.conditions);
    if (!perViewer) {
      const was = inView(view.conditions, '0', before);
      const is = inView(view.conditions, '0', after);
      if (was !== is) changes.push({ viewId: view.id, ticket: is ? after : before! });
      continue;
    }
    const candidates = view.owner_user_id !== null
      ? [view.owner_user_id]
      : [...new Set([before?.assignee_id, after.assignee_id, ...context.groupMembers].filter((id): id is string => Boolean(id)))];
    const entered: string[] = [];
    const left: string[] = [];
    for (const userId of candidates) {
      const was = inView(view.conditions, userId, before);
      const is = inView(view.conditions, userId, after);
      if (was !== is) (is ? entered : left).push(userId);
    }
    if (entered.length) changes.push({ viewId: view.id, userIds: entered, ticket: after });
    if (left.length) changes.push({ viewId: view.id, userIds: left, ticket: before! });
  }
  return changes;
}

/** The columns of a ticket event's `changes` that views can test. */
export const VIEW_TESTED_FIELDS = new Set([
  'status_category', 'status_id', 'assignee_id', 'group_id', 'priority', 'type', 'via', 'requester_id', 'organization_id', 'tags',
]);

/**
 * The ticket before and after an event, from the current row and the event's `changes`
 * ({column: [before, after]}, custom fields as `custom_fields.<key>`). `before` is null for a
 * creation. Columns the event does not mention are taken as they are now; updated_at is the
 * same on both sides (time windows move with the clock, not with events).
 */
export function ticketSides(
  current: TicketFacts,
  event: { type: string; created_at: string; changes: Record<string, unknown> },
): { before: TicketFacts | null; after: TicketFacts } {
  const pick = (side: 0 | 1) => {
    const ticket: TicketFacts & Record<string, unknown> = { ...current, custom_fields: { ...current.custom_fields } };
    for (const [field, pair] of Object.entries(event.changes)) {
      if (!Array.isArray(pair) || pair.length !== 2) continue;
      const value = pair[side] as unknown;
      if (field.startsWith('custom_fields.')) {
        const key = field.slice('custom_fields.'.length);
        if (value === null || value === undefined) delete ticket.custom_fields[key];
        else ticket.custom_fields[key] = value;
      } else if (VIEW_TESTED_FIELDS.has(field)) {
        ticket[field] = field === 'tags' ? ((value as string[] | null) ?? []) : (value ?? null);
      }
    }
    const category = ticket.status_category;
    if (category !== 'solved' && category !== 'closed') ticket.solved_at = null;
    // Reopened since: it was solved at the latest when this event happened.
    else ticket.solved_at ??= new Date(event.created_at);
    return ticket as TicketFacts;
  };
  const after = pick(1);
  if (event.type === 'ticket.created') return { before: null, after };
  return { before: pick(0), after };
}
