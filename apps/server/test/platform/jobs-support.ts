import { sql } from 'kysely';
import type { Database } from '../../src/platform/db/database.ts';

/** Polls `check` until it returns something truthy (or stops throwing); fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 30_000, intervalMs = 100): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      lastError = new Error(`condition still false: ${JSON.stringify(value)}`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A bare tenant row (the identity factories make full ones; these tests need only the id). */
export async function insertTenant(db: Database, name = `t-${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const { rows } = await sql<{ id: string }>`insert into tenants (name, slug) values (${name}, ${name}) returning id`.execute(db.system);
  return rows[0].id;
}

/** A 'ticket.event' payload as the tickets module writes it. */
export function ticketEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: String(Math.floor(Math.random() * 1e9)),
    ticket_id: '1',
    type: 'ticket.created',
    via: 'api',
    created_at: new Date().toISOString(),
    changes: {},
    ...overrides,
  };
}
