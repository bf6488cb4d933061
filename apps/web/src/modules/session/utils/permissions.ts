import type { Role } from '../api/session-api';

/**
 * What each role may do, for showing only the controls that will work. The server decides
 * (apps/server/src/platform/auth-context/permissions.ts); this mirrors the part the UI uses.
 */
const permissions = {
  'tickets:update': ['owner', 'admin', 'supervisor', 'agent'],
  'tickets:reply': ['owner', 'admin', 'supervisor', 'agent', 'customer'],
  'tickets:note': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
} as const satisfies Record<string, readonly Role[]>;

export type UiPermission = keyof typeof permissions;

export function can(role: Role | undefined, permission: UiPermission): boolean {
  return role !== undefined && (permissions[permission] as readonly Role[]).includes(role);
}
