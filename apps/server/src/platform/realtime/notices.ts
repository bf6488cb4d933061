import { sql, type Transaction } from 'kysely';

export const REALTIME_CHANNEL = 'switchboard_realtime';

/**
 * An invalidation notice: tells browsers what changed, never the data itself. `audience` lets
 * each API node decide, in memory, which of its sockets may hear it.
 */
export interface RealtimeNotice {
  tenantId: string;
  type: string;
  id: string;
  version?: number;
  /** The ticket a notice about something inside it (a message) belongs to. */
  ticketId?: string;
  audience: {
    requesterId?: string | null;
    assigneeId?: string | null;
    groupId?: string | null;
    /** Staff only (internal notes, configuration). */
    staffOnly?: boolean;
    /** Only these users (besides every other rule), e.g. the agents a view changed for. Absent: no such limit. */
    userIds?: string[];
  };
}

/** Notices of transactions that hold them (see holdNotices). */
const held = new WeakMap<Transaction<any>, RealtimeNotice[]>();

/** Sent through NOTIFY in the caller's transaction: delivered to every node at commit, never before. */
export async function publishNotice(trx: Transaction<any>, notice: RealtimeNotice): Promise<void> {
  const holding = held.get(trx);
  if (holding) holding.push(notice);
  else await sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(notice)})`.execute(trx);
}

/**
 * Holds what `trx` publishes until `release`, which sends it in one statement (a batch of inbound
 * mail makes a notice per ticket). Delivery is the same: NOTIFY reaches listeners at commit.
 * `mark` and `dropSince` forget what a rolled-back savepoint published.
 */
export function holdNotices(trx: Transaction<any>) {
  const notices: RealtimeNotice[] = [];
  held.set(trx, notices);
  return {
    mark: () => notices.length,
    dropSince(mark: number) {
      notices.length = mark;
    },
    async release() {
      held.delete(trx);
      await publishNotices(trx, notices);
    },
  };
}

/** Several notices in one statement (each still its own NOTIFY; identical ones are sent once). */
export async function publishNotices(trx: Transaction<any>, notices: ReadonlyArray<RealtimeNotice>): Promise<void> {
  const payloads = [...new Set(notices.map((notice) => JSON.stringify(notice)))];
  if (payloads.length === 0) return;
  if (payloads.length === 1) return publishNotice(trx, notices[0]!);
  await sql`select pg_notify(${REALTIME_CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`.execute(trx);
}
