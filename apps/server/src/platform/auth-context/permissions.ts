import { forbidden } from '../errors/app-error.ts';
import type { Actor, Role, TokenScope } from './actor.ts';

/**
 * What each role may do. Routes ask `authorize(actor, permission)`; record-level checks (a
 * customer's own tickets, an agent's groups) live in each module's policy.
 */
export const PERMISSIONS = {
  'tickets:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent', 'customer'],
  'tickets:create': ['owner', 'admin', 'supervisor', 'agent', 'customer'],
  'tickets:update': ['owner', 'admin', 'supervisor', 'agent'],
  'tickets:reply': ['owner', 'admin', 'supervisor', 'agent', 'customer'],
  'tickets:note': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'tickets:events': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'users:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'customers:write': ['owner', 'admin', 'supervisor', 'agent'],
  'staff:write': ['owner', 'admin'],
  'groups:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'groups:write': ['owner', 'admin'],
  'organizations:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'organizations:write': ['owner', 'admin', 'supervisor'],
  'tags:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'tags:write': ['owner', 'admin', 'supervisor', 'agent'],
  'settings:read': ['owner', 'admin', 'supervisor', 'agent', 'light_agent'],
  'settings:write': ['owner', 'admin'],
  'tokens:manage': ['owner', 'admin'],
  'audit:read': ['owner', 'admin'],
  'tenant:write': ['owner', 'admin'],
  'mailboxes:read': ['owner', 'admin', 'supervisor'],
  'mailboxes:write': ['owner', 'admin'],
  /** The inbound mail quarantine: see, download, retry, turn into a ticket. */
  'email:quarantine': ['owner', 'admin', 'supervisor', 'agent'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions an API token of each scope may use (always within its user's role). */
const scopeAllows: Record<TokenScope, (permission: Permission) => boolean> = {
  read: (permission) => permission.endsWith(':read') || permission === 'tickets:events',
  write: (permission) =>
    !['staff:write', 'groups:write', 'settings:write', 'tokens:manage', 'audit:read', 'tenant:write', 'mailboxes:write'].includes(permission),
  admin: () => true,
};

export function can(actor: Actor, permission: Permission): boolean {
  const roles: readonly Role[] = PERMISSIONS[permission];
  if (!roles.includes(actor.role)) return false;
  return actor.scope ? scopeAllows[actor.scope](permission) : true;
}

/** Throws 403 FORBIDDEN unless the actor's role (and token scope) allows the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden(`Your role does not allow ${permission}`);
}
