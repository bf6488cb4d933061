import { z } from 'zod';

/** The payload of a 'ticket.event' outbox row, as far as the daily facts need it. */
export const ticketEventPayload = z.looseObject({
  event_id: z.union([z.string(), z.number()]).transform(String),
  ticket_id: z.union([z.string(), z.number()]).transform(String),
  type: z.string().min(1),
  via: z.string().min(1),
  created_at: z.union([z.string(), z.date()]).transform((value) => new Date(value)).pipe(z.date()),
  changes: z.record(z.string(), z.unknown()).default({}),
  /** For message events: a public reply (true) or an internal note (false). */
  public: z.boolean().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type TicketEventPayload = z.infer<typeof ticketEventPayload>;

export interface DailyFactIncrement {
  /** Calendar day in UTC, YYYY-MM-DD. */
  day: string;
  via: string;
  created: number;
  solved: number;
  publicReplies: number;
}

/** The after-value of a `{field: [before, after]}` change, when the field changed. */
function changedTo(changes: Record<string, unknown>, field: string): { before: unknown; after: unknown } | undefined {
  const change = changes[field];
  if (!Array.isArray(change) || change.length !== 2) return undefined;
  return { before: change[0], after: change[1] };
}

/**
 * What one ticket event adds to its day's facts, or null when it adds nothing.
 * - created_count: a 'ticket.created' event;
 * - solved_count: any event whose status_category changes into 'solved';
 * - public_replies: a 'message.created' event of a public message.
 */
export function dailyFactIncrement(event: TicketEventPayload): DailyFactIncrement | null {
  const created = event.type === 'ticket.created' ? 1 : 0;
  const status = changedTo(event.changes, 'status_category');
  const solved = status && status.after === 'solved' && status.before !== 'solved' ? 1 : 0;
  const isPublic = event.public ?? (typeof event.data?.public === 'boolean' ? event.data.public : false);
  const publicReplies = event.type === 'message.created' && isPublic ? 1 : 0;
  if (created + solved + publicReplies === 0) return null;
  return { day: event.created_at.toISOString().slice(0, 10), via: event.via, created, solved, publicReplies };
}
