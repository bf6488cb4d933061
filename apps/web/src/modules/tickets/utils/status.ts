import type { StatusCategory } from '../api/tickets-api';

export const STATUS_CATEGORIES: readonly StatusCategory[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];

/** The names every tenant starts with (server: tickets/ticket-defaults.ts). */
const DEFAULT_NAMES: Record<StatusCategory, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'on-hold',
  solved: 'solved',
  closed: 'closed',
};

/**
 * A tenant's own status name ("Waiting for parts"), or null for a default one, which the UI
 * shows translated instead.
 */
export function customStatusName(category: StatusCategory, name: string | null | undefined): string | null {
  if (!name) return null;
  const normal = name.trim().toLowerCase();
  if (normal === DEFAULT_NAMES[category] || normal === category || normal.replaceAll(' ', '_') === category) return null;
  return name;
}

/**
 * The statuses an agent may pick for a ticket now, as the server enforces them: nothing leaves
 * closed, nothing goes back to new, only a solved ticket can be closed.
 */
export function statusChoices(current: StatusCategory): StatusCategory[] {
  if (current === 'closed') return ['closed'];
  const choices: StatusCategory[] = current === 'new' ? ['new'] : [];
  choices.push('open', 'pending', 'on_hold', 'solved');
  if (current === 'solved') choices.push('closed');
  return choices;
}
