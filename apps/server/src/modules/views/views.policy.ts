import { isStaff, type Actor } from '../../platform/auth-context/actor.ts';
import { can } from '../../platform/auth-context/permissions.ts';
import { forbidden } from '../../platform/errors/app-error.ts';
import type { ViewRow } from './views.repo.ts';

/**
 * Who may do what with views.
 * - Views are staff things: customers get 403 on every views route.
 * - A personal view exists only for its owner (others get 404, never 403: no existence leak).
 * - Shared views are read by all staff and written by admins (settings:write).
 * - Any staff member may keep personal views; a read-scoped token may only read.
 */
export function authorizeViews(actor: Actor, access: 'read' | 'write'): void {
  if (!isStaff(actor.role)) throw forbidden('Views are for staff');
  if (access === 'write' && actor.scope === 'read') throw forbidden('A read-only token cannot change views');
}

export const canSeeView = (actor: Actor, view: Pick<ViewRow, 'owner_user_id'>) =>
  view.owner_user_id === null || view.owner_user_id === actor.userId;

export const canEditView = (actor: Actor, view: Pick<ViewRow, 'owner_user_id'>) =>
  view.owner_user_id === null ? can(actor, 'settings:write') : view.owner_user_id === actor.userId && actor.scope !== 'read';

export function authorizeShared(actor: Actor): void {
  if (!can(actor, 'settings:write')) throw forbidden('Only admins may create or change shared views');
}
