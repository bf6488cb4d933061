import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../platform/db/database.ts';
import type { JobDefinition } from '../../../platform/queue/job.ts';
import { configRepo } from '../config.repo.ts';
import { diffFields } from '../domain/diff.ts';
import { planStatusTransition } from '../domain/status.ts';
import { noticeTicket, recordTicketEvent, SYSTEM_AUTHOR, TICKET_EVENTS } from '../tickets.events.ts';
import { ticketsRepo } from '../tickets.repo.ts';

export const AUTO_CLOSE_JOB = 'tickets.auto-close';
export const DEFAULT_AUTO_CLOSE_DAYS = 4;
const BATCH = 500;
const MAX_PER_RUN = 5_000;

/**
 * Closes solved tickets whose solved_at is older than the tenant's settings.auto_close_days
 * (default 4; a number <= 0 turns auto-close off for the tenant). Each close is a
 * ticket.updated event by the system, in the same transaction as the change. Idempotent: a
 * ticket is re-checked under lock, so a second run (or a concurrent one) finds nothing to do.
 */
export function createAutoCloseJob(deps: { db: Database }): JobDefinition<Record<string, never>> {
  return {
    name: AUTO_CLOSE_JOB,
    payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
    cron: '*/5 * * * *',
    handler: async (_payload, { logger }) => {
      let closed = 0;
      for (let scanned = 0; scanned < MAX_PER_RUN; scanned += BATCH) {
        const due = await dueTickets(deps.db, BATCH);
        if (due.length === 0) break;
        const byTenant = new Map<string, Array<{ tenant_id: string; id: string }>>();
        for (const row of due) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row]);
        for (const [tenantId, rows] of byTenant) closed += await closeTickets(deps.db, tenantId, rows.map((row) => row.id));
        if (due.length < BATCH) break;
      }
      if (closed > 0) logger.info({ closed }, 'solved tickets closed');
      return closed > 0 ? 'done' : 'skipped';
    },
  };
}

const daysSetting = sql`case when jsonb_typeof(n.settings->'auto_close_days') = 'number'
  then (n.settings->>'auto_close_days')::numeric else ${DEFAULT_AUTO_CLOSE_DAYS} end`;

/** Across tenants (owner connection, like the outbox dispatcher): which tickets are due. */
async function dueTickets(db: Database, limit: number): Promise<Array<{ tenant_id: string; id: string }>> {
  const result = await sql<{ tenant_id: string; id: string }>`
    select t.tenant_id, t.id from tickets t join tenants n on n.id = t.tenant_id
    where t.status_category = 'solved' and ${daysSetting} > 0
      and t.solved_at < now() - ${daysSetting} * interval '1 day'
    order by t.tenant_id, t.id limit ${limit}`.execute(db.system);
  return result.rows;
}

async function closeTickets(db: Database, tenantId: string, ids: string[]): Promise<number> {
  return db.tenantTx(tenantId, async (trx) => {
    const repo = ticketsRepo(trx, tenantId);
    const status = await configRepo(trx, tenantId).defaultStatus('closed');
    if (!status) return 0;
    const now = new Date();
    const days = (await repo.autoCloseDays()) ?? DEFAULT_AUTO_CLOSE_DAYS;
    if (days <= 0) return 0;
    const solvedBefore = now.getTime() - days * 86_400_000;
    let closed = 0;
    for (const id of ids) {
      const ticket = await repo.find(id, { forUpdate: true });
      // Re-checked under lock: reopened, re-solved or already closed meanwhile means nothing to do.
      if (!ticket || ticket.status_category !== 'solved' || !ticket.solved_at || new Date(ticket.solved_at).getTime() >= solvedBefore) continue;
      const transition = planStatusTransition('solved', 'closed', { solvedAt: ticket.solved_at, closedAt: ticket.closed_at }, now);
      if (!transition.ok) continue;
      const patch = {
        status_id: status.id,
        status_category: 'closed' as const,
        solved_at: transition.stamps.solvedAt,
        closed_at: transition.stamps.closedAt,
        version: ticket.version + 1,
        updated_at: now,
      };
      await repo.update(id, patch);
      const changes = diffFields({ ...ticket }, patch, { fields: ['status_category', 'status_id'] });
      await recordTicketEvent(trx, tenantId, { ticketId: id, type: TICKET_EVENTS.updated, author: SYSTEM_AUTHOR, changes, data: { reason: 'auto_close' }, at: now });
      await noticeTicket(trx, tenantId, 'ticket.updated', { ...ticket, version: patch.version });
      closed += 1;
    }
    return closed;
  });
}
