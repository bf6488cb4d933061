import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { HttpServer } from './create-http-server.ts';

/**
 * `Idempotency-Key` for authenticated POSTs (Stripe's semantics):
 * - the first request with a key runs and its answer (2xx or 4xx) is stored;
 * - the same key with the same method, path and body replays that answer with
 *   `Idempotent-Replayed: true`, without running the handler again;
 * - the same key with another request is a 422 IDEMPOTENCY_KEY_REUSED;
 * - a key whose first request is still running is a 409 IDEMPOTENCY_KEY_IN_USE;
 * - a 5xx is not stored (the row is deleted) so the client's retry runs for real.
 * Keys belong to the calling user within the tenant, and are forgotten after 24 hours.
 * An in-flight row older than a few minutes belongs to a process that died: it is taken over.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const MAX_KEY_LENGTH = 255;
const RETENTION = '24 hours';
const ABANDONED_AFTER = '5 minutes';

interface Claim {
  tenantId: string;
  principal: string;
  key: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyClaim?: Claim;
  }
}

/** Stable JSON: object keys sorted, so {"a":1,"b":2} and {"b":2,"a":1} hash alike. */
function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method}\n${path}\n${canonical(body)}`).digest('hex');
}

interface StoredRow {
  request_hash: string;
  status_code: number | null;
  response: { content_type?: string; body: string } | null;
}

/** Forgets keys past retention, in every tenant (for a scheduled job; idempotent). */
export async function pruneIdempotencyKeys(db: Database): Promise<number> {
  const result = await sql`delete from idempotency_keys where created_at < now() - ${RETENTION}::interval`.execute(db.system);
  return Number(result.numAffectedRows ?? 0);
}

export function registerIdempotency(app: HttpServer, deps: { db: Database }) {
  const { db } = deps;

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || !request.actor) return;
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || key.length > MAX_KEY_LENGTH) {
      throw new AppError('IDEMPOTENCY_KEY_INVALID', 400, `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`);
    }
    const actor = request.actor;
    const principal = `user:${actor.userId}`;
    // Bodies not parsed into request.body (streams, multipart) are told apart by their length at least.
    const body = request.body === undefined ? { length: request.headers['content-length'] ?? null } : request.body;
    const hash = requestHash(request.method, request.url, body);

    const outcome = await db.tenantTx(actor.tenantId, async (trx) => {
      // A row past retention is forgotten; an in-flight row past ABANDONED_AFTER is taken over.
      await sql`delete from idempotency_keys
        where tenant_id = ${actor.tenantId} and principal = ${principal} and key = ${key}
          and (created_at < now() - ${RETENTION}::interval
               or (status_code is null and created_at < now() - ${ABANDONED_AFTER}::interval))`.execute(trx);
      const inserted = await sql`insert into idempotency_keys (tenant_id, principal, key, method, path, request_hash)
        values (${actor.tenantId}, ${principal}, ${key}, ${request.method}, ${request.url}, ${hash})
        on conflict do nothing returning key`.execute(trx);
      if (inserted.rows.length > 0) return { kind: 'claimed' as const };
      const existing = await sql<StoredRow>`select request_hash, status_code, response from idempotency_keys
        where tenant_id = ${actor.tenantId} and principal = ${principal} and key = ${key}`.execute(trx);
      return { kind: 'exists' as const, row: existing.rows[0] };
    });

    if (outcome.kind === 'claimed') {
      request.idempotencyClaim = { tenantId: actor.tenantId, principal, key };
      return;
    }
    const row = outcome.row;
    if (!row || row.status_code === null || !row.response) {
      throw new AppError('IDEMPOTENCY_KEY_IN_USE', 409, 'A request with this Idempotency-Key is being processed; retry shortly');
    }
    if (row.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 422, 'This Idempotency-Key was used for a different request');
    }
    reply.header(REPLAYED_HEADER, 'true');
    if (row.response.content_type) reply.type(row.response.content_type);
    return reply.status(row.status_code).send(row.response.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = undefined;
    const status = reply.statusCode;
    await db.tenantTx(claim.tenantId, async (trx) => {
      if (status >= 500) {
        await sql`delete from idempotency_keys where tenant_id = ${claim.tenantId} and principal = ${claim.principal} and key = ${claim.key}`.execute(trx);
        return;
      }
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      const contentType = reply.getHeader('content-type');
      const response = { content_type: typeof contentType === 'string' ? contentType : undefined, body };
      await sql`update idempotency_keys set status_code = ${status}, response = ${JSON.stringify(response)}::jsonb
        where tenant_id = ${claim.tenantId} and principal = ${claim.principal} and key = ${claim.key}`.execute(trx);
    });
    return payload;
  });

  // A request that never reaches onSend (client gone, crash in a hook) frees its key.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotencyClaim;
    if (!claim) return;
    request.idempotencyClaim = undefined;
    await db
      .tenantTx(claim.tenantId, (trx) =>
        sql`delete from idempotency_keys where tenant_id = ${claim.tenantId} and principal = ${claim.principal} and key = ${claim.key}`.execute(trx),
      )
      .catch(() => undefined);
  });
}
