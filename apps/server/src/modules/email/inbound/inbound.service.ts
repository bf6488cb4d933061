import type { z } from 'zod';
import type { InboundEmailQuery } from '@switchboard/contracts';
import type { Actor } from '../../../platform/auth-context/actor.ts';
import { authorize } from '../../../platform/auth-context/permissions.ts';
import type { Database } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../../platform/errors/app-error.ts';
import { recordAudit } from '../../identity/index.ts';
import { canSeeTicket, findTicket } from '../../tickets/index.ts';
import { inboundRepo, type InboundRow, type InboundSummary } from './inbound.repo.ts';
import type { createInboundProcessor } from './process-inbound.ts';

const inboundNotFound = () => notFound('INBOUND_EMAIL_NOT_FOUND', 'The inbound email');

/**
 * Inbound mail may belong to any ticket: staff who see only some tickets (their groups, their
 * assignments) may not read it.
 */
function authorizeInbound(actor: Actor): void {
  authorize(actor, 'email:quarantine');
  if (actor.ticketAccess !== 'all') throw forbidden('Inbound mail is for staff who see every ticket');
}

const encodeCursor = (id: string) => Buffer.from(`i:${id}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const match = /^i:(\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid('INVALID_CURSOR', 'The cursor is not valid for this list', [{ path: 'querystring.cursor', message: 'is not valid' }]);
  return match[1]!;
}

/**
 * What people do with inbound mail: look through it (the quarantine first), download the raw,
 * retry processing, or turn a message into a ticket whatever it looked like.
 */
export function createInboundService(deps: { db: Database; processor: ReturnType<typeof createInboundProcessor> }) {
  const { db, processor } = deps;

  async function find(actor: Actor, id: string): Promise<InboundSummary> {
    authorizeInbound(actor);
    const row = await db.tenantTx(actor.tenantId, (trx) => inboundRepo(trx, actor.tenantId).find(id));
    if (!row) throw inboundNotFound();
    return row;
  }

  async function rerun(actor: Actor, id: string, force: boolean): Promise<InboundSummary> {
    authorizeInbound(actor);
    await db.tenantTx(actor.tenantId, async (trx) => {
      const repo = inboundRepo(trx, actor.tenantId);
      const row = await repo.find(id);
      if (!row) throw inboundNotFound();
      if (row.status === 'processed') throw conflict('INBOUND_EMAIL_PROCESSED', 'This message already made or joined a ticket');
      if (row.status !== 'pending' && !(await repo.requeue(id))) throw conflict('INBOUND_EMAIL_BUSY', 'This message is being processed');
      await recordAudit(trx, actor, { action: force ? 'inbound_email.converted' : 'inbound_email.retried', targetType: 'inbound_email', targetId: id });
    });
    await processor.process(actor.tenantId, id, { force }).catch(() => undefined);
    return find(actor, id);
  }

  return {
    async list(actor: Actor, query: z.infer<typeof InboundEmailQuery>) {
      authorizeInbound(actor);
      const limit = query.limit ?? 50;
      const beforeId = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await db.tenantTx(actor.tenantId, (trx) =>
        inboundRepo(trx, actor.tenantId).list({ status: query.status, mailboxId: query.mailbox_id, beforeId, limit: limit + 1 }),
      );
      const data = rows.slice(0, limit);
      return { data, next_cursor: rows.length > limit ? encodeCursor(data[data.length - 1]!.id) : null };
    },

    get: find,

    /**
     * The raw message. Staff who see only some tickets may download it when it is on one of
     * theirs (the "original" link of an email message); otherwise it does not exist for them.
     */
    async raw(actor: Actor, id: string): Promise<Buffer> {
      authorize(actor, 'email:quarantine');
      return db.tenantTx(actor.tenantId, async (trx) => {
        const row = (await inboundRepo(trx, actor.tenantId).find(id, true)) as InboundRow | null;
        if (!row) throw inboundNotFound();
        if (actor.ticketAccess !== 'all') {
          const ticket = row.ticket_id ? await findTicket(trx, actor.tenantId, String(row.ticket_id)) : null;
          if (!ticket || !canSeeTicket(actor, ticket)) throw inboundNotFound();
        }
        return row.raw;
      });
    },

    retry: (actor: Actor, id: string) => rerun(actor, id, false),

    async createTicket(actor: Actor, id: string): Promise<{ ticket_id: string }> {
      const row = await rerun(actor, id, true);
      if (row.status !== 'processed' || !row.ticket_id) {
        throw conflict('INBOUND_EMAIL_UNPROCESSABLE', `The message could not be turned into a ticket: ${row.error ?? row.reason_code ?? 'unknown'}`);
      }
      return { ticket_id: String(row.ticket_id) };
    },
  };
}

export type InboundService = ReturnType<typeof createInboundService>;
