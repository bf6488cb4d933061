import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../errors/app-error.ts';

export const ROLES = ['owner', 'admin', 'supervisor', 'agent', 'light_agent', 'customer'] as const;
export type Role = (typeof ROLES)[number];
export type TokenScope = 'read' | 'write' | 'admin';

/** Who is making this request, resolved once from the session cookie or the bearer token. */
export interface Actor {
  tenantId: string;
  userId: string;
  role: Role;
  name: string;
  locale: 'zh-CN' | 'en' | null;
  /** Groups the user belongs to: the scope of a group-restricted agent's ticket access. */
  groupIds: string[];
  /** Which tickets a staff member may see: all, those of their groups (or assigned to them), or only assigned. */
  ticketAccess: 'all' | 'groups' | 'assigned';
  kind: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  /** Tokens carry a scope; sessions act with the full rights of the role. */
  scope?: TokenScope;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export const isStaff = (role: Role) => role !== 'customer';
export const isAdmin = (role: Role) => role === 'owner' || role === 'admin';
export const isSupervisorOrAbove = (role: Role) => role === 'owner' || role === 'admin' || role === 'supervisor';

/** The actor of an authenticated request; 401 when there is none. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** How an actor is written into ticket_events and the audit log. */
export function actorRef(actor: Actor): { actorType: 'user' | 'token'; actorId: string } {
  return { actorType: actor.kind === 'token' ? 'token' : 'user', actorId: actor.userId };
}
