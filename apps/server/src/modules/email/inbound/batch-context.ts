import { sql, type Transaction } from 'kysely';
import { holdNotices } from '../../../platform/realtime/notices.ts';
import { customersByEmail } from '../../identity/index.ts';
import { parseEmail, type ParsedEmail } from '../domain/parse.ts';
import { mailboxesRepo, type MailboxRow } from '../mailboxes.repo.ts';
import { bouncedAddresses } from './bounces.ts';
import type { ClaimedRow, InboundOutcome } from './inbound.repo.ts';
import { settledMessages } from './settled.ts';
import { emailThreadJournal, type EmailThreadJournal } from './thread-journal.ts';

/**
 * Records the outcome (written with the others at the transaction's end); a deferred message
 * stays pending for a later turn of the pump.
 */
export function settle(row: ClaimedRow, outcome: InboundOutcome | typeof DEFERRED, batch: BatchContext) {
  if (outcome === DEFERRED) batch.defer();
  else batch.settled.add(row.id, row.message_id, outcome);
}

export type BatchContext = ReturnType<typeof batchContext>;

/** Where each of a batch's journals stood at a savepoint. */
type BatchMark = { flagged: number; settled: number; notices: number; deferred: number; threads: ReturnType<EmailThreadJournal['mark']> };

/** A message whose turn has not come yet (see processAnsweredFirst in process-inbound.ts). */
export const DEFERRED = 'deferred' as const;

/**
 * What the messages of one transaction share: their parsed mail and the people on it (read in
 * one query), mailbox reads (they cannot change under it), and what is written at its end:
 * their outcomes, the bounced addresses they flag and their realtime notices.
 */
export function batchContext(trx: Transaction<any>, tenantId: string) {
  const flagged = bouncedAddresses();
  const settled = settledMessages();
  const threads = emailThreadJournal();
  const people = customersByEmail(trx, tenantId);
  const notices = holdNotices(trx);
  const parsed = new Map<string, Promise<ParsedEmail>>();
  const parse = (row: ClaimedRow) => {
    if (!parsed.has(row.id)) parsed.set(row.id, parseEmail(row.raw));
    return parsed.get(row.id)!;
  };
  // The tenant's mailboxes, read once: the one a mail came to, and every address (a loop, not a person).
  let mailboxes: Promise<MailboxRow[]> | undefined;
  const tenantMailboxes = () => (mailboxes ??= mailboxesRepo(trx, tenantId).all());
  let addresses: Promise<Set<string>> | undefined;
  let deferred = 0;
  return {
    mailbox: async (id: string) => (await tenantMailboxes()).find((mailbox) => mailbox.id === id),
    ownAddresses: () => (addresses ??= tenantMailboxes().then((list) => new Set(list.map((mailbox) => mailbox.address.toLowerCase())))),
    parse,
    /** Parses the rows and reads everyone on them known already (a failed parse is handle's to report). */
    async prepare(rows: ClaimedRow[]) {
      const mails = await Promise.allSettled(rows.filter((row) => !row.truncated).map(parse));
      const addresses = mails.flatMap((mail) => (mail.status === 'fulfilled' ? [mail.value.from, ...mail.value.to, ...mail.value.cc] : []));
      await people.preload(addresses.flatMap((address) => (address?.address.includes('@') ? [address.address] : [])));
    },
    people,
    flagged,
    settled,
    threads,
    /** A message left pending for a later turn (see processAnsweredFirst in process-inbound.ts). */
    defer: () => void (deferred += 1),
    deferred: () => deferred,
    mark: (): BatchMark => ({ flagged: flagged.mark(), settled: settled.mark(), notices: notices.mark(), deferred, threads: threads.mark() }),
    rollbackTo(mark: BatchMark) {
      deferred = mark.deferred;
      flagged.rollbackTo(mark.flagged);
      settled.rollbackTo(mark.settled);
      threads.rollbackTo(mark.threads);
      notices.dropSince(mark.notices);
      // Customers created inside the rolled-back savepoint are gone.
      people.forget();
    },
    async flush() {
      // The journals' writes in one statement (each a CTE of it; they touch different rows).
      const writes = [...threads.drain(tenantId), ...settled.drain(tenantId)];
      if (writes.length > 0) await sql`with ${sql.join(writes.map((write, index) => sql`${sql.raw(`w${index}`)} as (${write})`))} select 1`.execute(trx);
      await flagged.flush(trx, tenantId);
      await notices.release();
    },
  };
}
