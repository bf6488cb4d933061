import type { Actor, Role } from '../../platform/auth-context/actor.ts';
import { can } from '../../platform/auth-context/permissions.ts';
import { forbidden } from '../../platform/errors/app-error.ts';
import { needsOwner, permissionToManage } from './domain/role-rules.ts';

/**
 * Who may change a person on the customer page. Reading needs users:read (light agents read
 * only); the routes check the role-level permission (customers:write) before the person is
 * looked up. Changing a staff member's identities changes how they sign in, so it takes what
 * managing staff takes (staff:write, and an owner for owners and admins), as PATCH /users does.
 */
export function canManagePerson(actor: Actor, person: { role: string }): boolean {
  const role = person.role as Role;
  if (!can(actor, permissionToManage(role))) return false;
  return !needsOwner(role) || actor.role === 'owner';
}

export function authorizeManagePerson(actor: Actor, person: { role: string }): void {
  if (!canManagePerson(actor, person)) throw forbidden('Your role does not allow changing this person');
}
