import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/auth-context/actor.ts';
import type { IdentityDb, IdentityTables } from './identity.tables.ts';

/** Who did it, for changes made outside a request (the CLI, first-run setup, the system). */
export interface SystemAuditActor {
  kind: 'system' | 'cli';
  tenantId: string;
  userId?: string;
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  changes?: Record<string, unknown>;
  ip?: string | null;
}

/** Writes one audit_log row in the caller's transaction: the change and its record commit together. */
export async function recordAudit(trx: Transaction<any>, actor: Actor | SystemAuditActor, entry: AuditEntry): Promise<void> {
  const db = trx as Transaction<IdentityTables>;
  const actorType = actor.kind === 'session' ? 'user' : actor.kind === 'token' ? 'token' : actor.kind;
  await db
    .insertInto('audit_log')
    .values({
      tenant_id: actor.tenantId,
      actor_type: actorType,
      actor_user_id: actor.userId ?? null,
      actor_token_id: actor.kind === 'token' ? (actor.tokenId ?? null) : null,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      changes: JSON.stringify(entry.changes ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorUserId?: string;
  before?: string;
  limit: number;
}

/** Newest first; `before` is the id the previous page ended on. */
export async function listAudit(trx: IdentityDb, tenantId: string, filter: AuditFilter) {
  let query = trx.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.actorUserId) query = query.where('actor_user_id', '=', filter.actorUserId);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query.orderBy('id', 'desc').limit(filter.limit + 1).execute();
}

/** The fields whose values differ, as {field: {from, to}}: what the audit log stores for an update. */
export function diffFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(patch)) {
    if (to === undefined) continue;
    const from = before[field];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}
