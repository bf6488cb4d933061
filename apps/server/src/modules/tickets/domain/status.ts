/**
 * Status categories and the rules for moving between them. Every behaviour (SLA pause, routing
 * eligibility, capacity) keys off the category; custom statuses only rename within one.
 *
 * Rules (PRODUCT.md §1, Zendesk semantics where the product is silent):
 * - `closed` is final: nothing leaves it, and nothing else on the ticket changes any more.
 * - A ticket is closed only from `solved` (by an agent or by the auto-close job), never directly.
 * - Nothing goes back to `new`: it means "nobody has worked on it yet".
 * - Entering `solved` stamps solved_at; entering `closed` stamps closed_at (solved_at is kept);
 *   leaving `solved` for a live category (a reopen) clears solved_at.
 * - A ticket may be created in any category but `closed`.
 */
export const STATUS_CATEGORIES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];

export const isStatusCategory = (value: unknown): value is StatusCategory =>
  typeof value === 'string' && (STATUS_CATEGORIES as readonly string[]).includes(value);

export interface StatusStamps {
  solvedAt: Date | null;
  closedAt: Date | null;
}

export type TransitionRefusal = 'TICKET_CLOSED' | 'TICKET_STATUS_TRANSITION_INVALID';

export type TransitionResult =
  | { ok: true; stamps: StatusStamps; changed: boolean }
  | { ok: false; code: TransitionRefusal; detail: string };

export function planStatusTransition(
  from: StatusCategory,
  to: StatusCategory,
  stamps: StatusStamps,
  now: Date,
): TransitionResult {
  if (from === 'closed') return { ok: false, code: 'TICKET_CLOSED', detail: 'A closed ticket cannot change' };
  if (from === to) return { ok: true, stamps, changed: false };
  if (to === 'new') {
    return { ok: false, code: 'TICKET_STATUS_TRANSITION_INVALID', detail: 'A ticket cannot go back to new' };
  }
  if (to === 'closed' && from !== 'solved') {
    return { ok: false, code: 'TICKET_STATUS_TRANSITION_INVALID', detail: 'Only a solved ticket can be closed' };
  }
  if (to === 'solved') return { ok: true, stamps: { solvedAt: now, closedAt: null }, changed: true };
  if (to === 'closed') return { ok: true, stamps: { solvedAt: stamps.solvedAt ?? now, closedAt: now }, changed: true };
  // A live category: leaving solved is a reopen.
  return { ok: true, stamps: { solvedAt: from === 'solved' ? null : stamps.solvedAt, closedAt: null }, changed: true };
}

/** The stamps of a ticket created directly in `category`; closed is refused. */
export function initialStatus(
  category: StatusCategory,
  now: Date,
): { ok: true; stamps: StatusStamps } | { ok: false; code: TransitionRefusal; detail: string } {
  if (category === 'closed') {
    return { ok: false, code: 'TICKET_STATUS_TRANSITION_INVALID', detail: 'A ticket cannot be created closed' };
  }
  return { ok: true, stamps: { solvedAt: category === 'solved' ? now : null, closedAt: null } };
}

/** A customer's message reopens a ticket that waits on them or that was solved. */
export function categoryAfterCustomerReply(current: StatusCategory): StatusCategory {
  return current === 'pending' || current === 'solved' ? 'open' : current;
}

/** Categories in which a ticket is still being worked on (live lists, capacity). */
export const LIVE_CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold'];
