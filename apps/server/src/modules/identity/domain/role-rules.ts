import type { Role } from '../../../platform/auth-context/actor.ts';
import type { Permission } from '../../../platform/auth-context/permissions.ts';

/**
 * Who may manage whom. Customers are managed with 'customers:write', staff with 'staff:write';
 * creating, promoting or editing an owner or admin takes an owner.
 */
export const ELEVATED_ROLES: readonly Role[] = ['owner', 'admin'];

export function permissionToManage(role: Role): Permission {
  return role === 'customer' ? 'customers:write' : 'staff:write';
}

export function needsOwner(role: Role): boolean {
  return ELEVATED_ROLES.includes(role);
}

/** Fields a user may change on their own account without any management permission. */
export const SELF_SERVICE_FIELDS = ['name', 'locale', 'time_zone', 'password', 'current_password', 'phone'] as const;

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
