import type { RawBuilder } from 'kysely';
import { finishStatement, type InboundOutcome } from './inbound.repo.ts';

interface Settled {
  id: string;
  messageId: string | null;
  outcome: InboundOutcome;
}

/**
 * The outcomes of one transaction's messages, written together at its end (in its last statement,
 * instead of one per message). Until then the rows still read 'pending', so the transaction asks this
 * journal what it has settled: a message it already did, or a Message-ID it already made a ticket of.
 */
export function settledMessages() {
  let entries: Settled[] = [];
  return {
    add(id: string, messageId: string | null, outcome: InboundOutcome) {
      entries.push({ id, messageId, outcome });
    },
    has: (id: string) => entries.some((entry) => entry.id === id),
    /** Another message of this transaction with this Message-ID that made or joined a ticket. */
    processedWith(messageId: string, exceptId: string): { id: string; ticket_id: string | null } | null {
      const entry = entries.find((candidate) => candidate.messageId === messageId && candidate.id !== exceptId && candidate.outcome.status === 'processed');
      return entry ? { id: entry.id, ticket_id: entry.outcome.ticket_id ?? null } : null;
    },
    mark: (): number => entries.length,
    /** Forgets what a rolled-back savepoint settled. */
    rollbackTo(mark: number) {
      entries = entries.slice(0, mark);
    },
    /** The write of what it holds (none when empty), for the transaction's last statement; it is then empty. */
    drain(tenantId: string): RawBuilder<unknown>[] {
      const settled = entries;
      entries = [];
      return settled.length > 0 ? [finishStatement(tenantId, settled)] : [];
    },
  };
}
