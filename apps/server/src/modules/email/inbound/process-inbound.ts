import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { Logger } from '../../../platform/logger/logger.ts';
import type { FileStorage } from '../../../platform/storage/storage.ts';
import { createCustomersByEmail } from '../../identity/index.ts';
import { lockTicket, openChannelTicket, replyInTicket, type EventAuthor } from '../../tickets/index.ts';
import { classifyEmail } from '../domain/classify.ts';
import type { EmailAddress, ParsedEmail } from '../domain/parse.ts';
import { forwardedOriginal, isForwardSubject, normalizeSubject } from '../domain/threading.ts';
import { queueAutoAck } from '../outbound/auto-ack.ts';
import { senderAllowed } from './smtp-listener.ts';
import { batchContext, DEFERRED, settle, type BatchContext } from './batch-context.ts';
import { recordBounce } from './bounces.ts';
import { inboundRepo, type ClaimedRow, type InboundOutcome } from './inbound.repo.ts';
import { buildMessageInput } from './message-input.ts';
import { findThread } from './thread-lookup.ts';

/** After this many failed tries a message goes to the quarantine (the mailbox moves on at once). */
export const MAX_PROCESSING_ATTEMPTS = 3;
/** A failed message is due again after this, doubled for each further failure. */
const RETRY_BASE_MS = 2000;
const MAX_CC = 20;

export const newReplyToken = () => randomBytes(15).toString('base64url').replace(/[-_]/g, 'x');

/** What one message's own transaction came to; an object: it failed, and is due again in `retryInMs`. */
type OneOutcome = 'done' | 'skipped' | 'deferred' | { error: unknown; retryInMs: number };

/** What a batch came to: messages claimed, and those of them left pending for a later turn. */
export interface BatchRun {
  claimed: number;
  deferred: number;
}

/** A pump's turn: a batch, and the soonest retry of its messages that failed alone (null: none failed). */
export interface PendingRun extends BatchRun {
  retryInMs: number | null;
}

interface Sender {
  id: string;
  address: string;
  isStaff: boolean;
}

/**
 * Turns a stored inbound message into a ticket or a message on one, in one transaction with
 * the row's new status: parse, classify (auto-replies, bounces and list mail never open a
 * ticket), deduplicate by Message-ID, thread, and write through the tickets module. A message
 * that cannot be processed is quarantined with its reason; it never blocks the next one.
 */
export function createInboundProcessor(deps: { db: Database; storage: FileStorage; logger: Logger }) {
  const { db, logger } = deps;

  /**
   * One message in a transaction of its own: a person's retry or conversion, and each message of
   * a failed batch. A failure is counted on the row, which is due again after a back-off; after
   * MAX_PROCESSING_ATTEMPTS it goes to the quarantine (and this is 'done').
   * `force`: a person turns it into a ticket whatever it looks like (auto-reply, duplicate, list).
   * `asyncCommit`: called from the pump (see Database.tenantTx): the raw is durable already, and a
   * processing lost in a crash is simply done again.
   */
  async function processOne(tenantId: string, inboundId: string, options: { force?: boolean; asyncCommit?: boolean } = {}): Promise<OneOutcome> {
    try {
      return await db.tenantTx(tenantId, async (trx) => {
        const [row] = await inboundRepo(trx, tenantId).claim([inboundId]);
        if (!row) return 'skipped';
        const batch = batchContext(trx, tenantId);
        await batch.prepare([row]);
        settle(row, await handle(trx, tenantId, row, options.force ?? false, batch), batch);
        await batch.flush();
        return batch.deferred() > 0 ? 'deferred' : 'done';
      }, { asyncCommit: options.asyncCommit ?? false });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn({ err: error, tenantId, inboundId }, 'inbound email processing failed');
      try {
        const failure = await db.tenantTx(tenantId, (trx) =>
          inboundRepo(trx, tenantId).recordFailure(inboundId, message.slice(0, 2000), { maxAttempts: MAX_PROCESSING_ATTEMPTS, retryBaseMs: RETRY_BASE_MS }),
        );
        if (!failure || failure.quarantined) return 'done';
        return { error, retryInMs: RETRY_BASE_MS * 2 ** (failure.attempts - 1) };
      } catch {
        // The database is away: nothing was counted; the message is tried again as it was.
        return { error, retryInMs: RETRY_BASE_MS };
      }
    }
  }

  /** processOne for callers that want the failure thrown (a person's retry). */
  async function process(tenantId: string, inboundId: string, options: { force?: boolean; asyncCommit?: boolean } = {}): Promise<'done' | 'skipped'> {
    const outcome = await processOne(tenantId, inboundId, options);
    if (typeof outcome === 'object') throw outcome.error;
    return outcome === 'skipped' ? 'skipped' : 'done';
  }

  /**
   * Many stored messages of one tenant in ONE transaction: the same work as processOne, without a
   * transaction per message. Any error rolls the whole batch back and is thrown. `claim` locks the
   * batch's rows (those another transaction holds are skipped).
   */
  async function runBatch(tenantId: string, claim: (repo: ReturnType<typeof inboundRepo>) => Promise<ClaimedRow[]>): Promise<BatchRun> {
    return db.tenantTx(
      tenantId,
      async (trx) => {
        const batch = batchContext(trx, tenantId);
        const rows = await claim(inboundRepo(trx, tenantId));
        await batch.prepare(rows);
        await createNewPeople(tenantId, rows, batch);
        for (const row of rows) {
          // Done already as the message a reply of this batch answers (see processAnsweredFirst).
          if (batch.settled.has(row.id)) continue;
          settle(row, await handle(trx, tenantId, row, false, batch), batch);
        }
        await batch.flush();
        return { claimed: rows.length, deferred: batch.deferred() };
      },
      { asyncCommit: true },
    );
  }

  /** These stored messages (those still pending and free) in one transaction; how many it took. */
  async function processBatch(tenantId: string, inboundIds: string[]): Promise<number> {
    return (await runBatch(tenantId, (repo) => repo.claim(inboundIds))).claimed;
  }

  /**
   * The tenant's oldest due pending messages, at most `limit`, in one transaction (the pump's
   * turn). When the batch fails, each of its messages is tried alone, so one bad message fails
   * alone and is counted (see processOne). Throws only when nothing could be claimed at all.
   */
  async function processPending(tenantId: string, limit: number): Promise<PendingRun> {
    const claimed: string[] = [];
    try {
      return {
        ...(await runBatch(tenantId, async (repo) => {
          const rows = await repo.claimNext(limit);
          claimed.push(...rows.map((row) => row.id));
          return rows;
        })),
        retryInMs: null,
      };
    } catch (error) {
      if (claimed.length === 0) throw error;
      logger.warn({ err: error, tenantId, messages: claimed.length }, 'inbound batch failed; its messages are processed one by one');
      const run: PendingRun = { claimed: claimed.length, deferred: 0, retryInMs: null };
      for (const id of claimed) {
        const outcome = await processOne(tenantId, id, { asyncCommit: true });
        if (outcome === 'deferred') run.deferred += 1;
        else if (typeof outcome === 'object') run.retryInMs = Math.min(run.retryInMs ?? outcome.retryInMs, outcome.retryInMs);
      }
      return run;
    }
  }

  /**
   * The customers the batch's mail will create, created first in a short transaction of their own
   * (see createCustomersByEmail): senders of mail that may open or join a ticket, and the people on
   * To and Cc of those not from staff (a customer's reply to a closed ticket, whose follow-up takes
   * no CCs, makes its CCs customers all the same). Best effort: one it misses is created where it is
   * needed. The short transaction takes a second pooled connection while the batch holds its first;
   * the pump runs two batches at a time per process, well within the pool.
   */
  async function createNewPeople(tenantId: string, rows: ClaimedRow[], batch: BatchContext) {
    const ownAddresses = await batch.ownAddresses();
    const wanted: EmailAddress[] = [];
    for (const row of rows) {
      if (row.truncated) continue;
      const parsed = await batch.parse(row).catch(() => undefined);
      if (!parsed || classifyEmail(parsed, { mailFrom: row.envelope_from, ownAddresses }).kind !== 'normal') continue;
      const address = senderAddressOf(parsed, row);
      if (!address.includes('@') || ownAddresses.has(address)) continue;
      // Mail handle() will ignore makes nobody (IMAP mail from outside the allowed domains).
      const mailbox = await batch.mailbox(row.mailbox_id);
      if (!mailbox || (row.source === 'imap' && !senderAllowed(mailbox, address))) continue;
      const known = batch.people.get(address);
      if (known && known.role !== 'customer') continue;
      const sender = parsed.from ?? { address, name: null };
      wanted.push(...[sender, ...ccCandidates(parsed, ownAddresses, [address])].filter((entry) => !batch.people.get(entry.address)));
    }
    if (wanted.length === 0) return;
    try {
      await db.tenantTx(tenantId, (own) => createCustomersByEmail(own, tenantId, wanted.map((entry) => ({ email: entry.address, name: entry.name }))), { asyncCommit: true });
    } catch (error) {
      logger.warn({ err: error, tenantId }, 'creating the customers of an inbound batch ahead failed; they are created one by one');
      return;
    }
    await batch.people.preload(wanted.map((entry) => entry.address));
  }

  async function handle(
    trx: Transaction<any>, tenantId: string, row: ClaimedRow, force: boolean, batch: BatchContext,
  ): Promise<InboundOutcome | typeof DEFERRED> {
    if (row.truncated && !force) {
      // Only its headers were kept: a retry cannot make it whole; a person may still make a ticket of it.
      return { status: 'quarantined', reason_code: 'MESSAGE_TOO_LARGE', error: row.error };
    }
    const mailbox = await batch.mailbox(row.mailbox_id);
    if (!mailbox) return { status: 'quarantined', reason_code: 'MAILBOX_GONE', error: 'The mailbox was deleted' };
    let parsed: ParsedEmail;
    try {
      parsed = await batch.parse(row);
    } catch (error) {
      return { status: 'quarantined', reason_code: 'PARSE_FAILED', error: error instanceof Error ? error.message : String(error) };
    }
    const senderAddress = senderAddressOf(parsed, row);
    const summary = { from_address: senderAddress || null, subject: parsed.subject.slice(0, 1000) };

    const ownAddresses = await batch.ownAddresses();
    const classification = force
      ? { kind: 'normal' as const, reason: 'turned into a ticket by a person', bounce: null }
      : classifyEmail(parsed, { mailFrom: row.envelope_from, ownAddresses });
    if (classification.kind === 'bounce') {
      const ticketId = await recordBounce(trx, tenantId, { inbound: row, parsed, bounce: classification.bounce, storage: deps.storage, flagged: batch.flagged });
      return { status: 'ignored', kind: 'bounce', reason_code: 'BOUNCE', error: classification.reason, ticket_id: ticketId, ...summary };
    }
    if (classification.kind !== 'normal') {
      const reason = classification.kind === 'list' ? 'MAILING_LIST' : 'AUTO_REPLY';
      return { status: 'ignored', kind: classification.kind, reason_code: reason, error: classification.reason, ...summary };
    }
    const base = { kind: 'normal' as const, ...summary };
    if (!senderAddress || !senderAddress.includes('@')) return { status: 'quarantined', reason_code: 'NO_SENDER', error: 'The message names no sender', ...base };
    if (ownAddresses.has(senderAddress)) {
      return { status: 'ignored', reason_code: 'LOOP', error: 'Mail from one of our own mailboxes', ...base };
    }
    if (!force && row.source === 'imap' && !senderAllowed(mailbox, senderAddress)) {
      return { status: 'ignored', reason_code: 'SENDER_NOT_ALLOWED', error: `${senderAddress} is not in the allowed sender domains`, ...base };
    }
    if (row.message_id && !force) {
      const earlier = batch.settled.processedWith(row.message_id, row.id) ?? (row.earlier_id ? { id: row.earlier_id, ticket_id: row.earlier_ticket_id } : null);
      if (earlier) return { status: 'duplicate', reason_code: 'DUPLICATE', error: `Same Message-ID as inbound message ${earlier.id}`, ticket_id: earlier.ticket_id, ...base };
    }

    if (!force && (await processAnsweredFirst(trx, tenantId, row, [...parsed.inReplyTo, ...parsed.references], batch)) === DEFERRED) return DEFERRED;
    const sender = await resolveSender(batch, parsed.from ?? { address: senderAddress, name: null });
    const thread = force ? null : await findThread(trx, tenantId, {
      inReplyTo: parsed.inReplyTo, references: parsed.references, subject: parsed.subject, senderId: sender.id, senderIsStaff: sender.isStaff,
    }, batch.threads);
    const author: EventAuthor = { actorType: 'user', actorId: sender.id, via: 'email' };
    const now = new Date();

    if (thread) {
      const ticket = await lockTicket(trx, tenantId, thread.ticketId);
      if (ticket) {
        const built = await buildMessageInput(trx, tenantId, { parsed, inbound: row, authorId: sender.id, storage: deps.storage });
        const message = { ...built.message, byCustomer: !sender.isStaff };
        // Reply-all with new people on it (the sender too): they hear the rest of the conversation.
        // Not on the follow-up a closed ticket gets.
        const addCcIds = sender.isStaff || ticket.status_category === 'closed' ? [] : [...(await resolveCcs(batch, parsed, ownAddresses, [sender.address])), sender.id];
        const outcome = await replyInTicket(trx, tenantId, ticket, {
          author, byCustomer: !sender.isStaff, submitterId: sender.id, message, channelUploads: built.uploads, now, addCcIds,
        });
        batch.threads.ensure(outcome.ticketId, mailbox.id, newReplyToken, { messageIdHeader: row.message_id, messageId: outcome.message.id });
        return { status: 'processed', ticket_id: outcome.ticketId, message_ref_id: outcome.message.id, ...base };
      }
    }

    // A new ticket. Forwarded by an agent: the ticket is the original sender's where it can be read.
    const forwarded = sender.isStaff && isForwardSubject(parsed.subject) ? forwardedOriginal(parsed) : null;
    const requester = forwarded ? await resolveSender(batch, forwarded.from) : sender;
    const subject = normalizeSubject(forwarded?.subject ?? parsed.subject) || '(no subject)';
    const ccIds = await resolveCcs(batch, parsed, ownAddresses, [requester.address, sender.address]);
    const built = await buildMessageInput(trx, tenantId, { parsed, inbound: row, authorId: requester.id, storage: deps.storage, forwardedText: forwarded?.text ?? null });
    const message = { ...built.message, byCustomer: !requester.isStaff };
    const created = await openChannelTicket(trx, tenantId, {
      subject: subject.slice(0, 500), requesterId: requester.id, submitterId: sender.id, groupId: mailbox.default_group_id, ccIds,
      knownUsers: batch.people.all(), author, message, channelUploads: built.uploads, now,
    });
    const emailThread = batch.threads.ensure(created.ticket.id, mailbox.id, newReplyToken, { messageIdHeader: row.message_id, messageId: created.message.id });
    if (!requester.isStaff && !force) {
      await queueAutoAck(trx, tenantId, { mailbox, ticket: created.ticket, requesterAddress: requester.address, replyToken: emailThread.reply_token, inReplyTo: row.message_id });
    }
    return { status: 'processed', ticket_id: created.ticket.id, message_ref_id: created.message.id, ...base };
  }

  /**
   * Batches run side by side, so a reply stored just after the message it answers can reach this
   * point first. That message, still pending, is processed now, so the reply finds its ticket
   * instead of opening a second one. When another batch holds it, the reply is deferred (waiting
   * for that batch could deadlock with it).
   */
  async function processAnsweredFirst(
    trx: Transaction<any>, tenantId: string, row: ClaimedRow, ids: string[], batch: BatchContext,
  ): Promise<'ready' | typeof DEFERRED> {
    if (ids.length === 0) return 'ready';
    const repo = inboundRepo(trx, tenantId);
    // Settled in this transaction: still 'pending' in the table until its end.
    const pending = (await repo.pendingWithMessageIds(ids.slice(0, 100), row.id)).filter((id) => !batch.settled.has(id));
    for (const earlierId of pending) {
      const [earlier] = await repo.claim([earlierId]);
      if (!earlier) return DEFERRED;
      // Its failure is its own (counted when its own job runs): the reply goes on without it.
      await sql`savepoint answered_first`.execute(trx);
      const mark = batch.mark();
      try {
        settle(earlier, await handle(trx, tenantId, earlier, false, batch), batch);
        await sql`release savepoint answered_first`.execute(trx);
      } catch (error) {
        await sql`rollback to savepoint answered_first`.execute(trx);
        batch.rollbackTo(mark);
        logger.warn({ err: error, tenantId, inboundId: earlier.id }, 'the message a reply answers could not be processed first');
      }
    }
    return 'ready';
  }

  return { process, processBatch, processPending };
}

async function resolveSender(batch: BatchContext, address: EmailAddress): Promise<Sender> {
  const person = await batch.people.findOrCreate({ email: address.address, name: address.name });
  return { id: String(person.id), address: address.address.toLowerCase(), isStaff: person.role !== 'customer' };
}

/** The mail's sender: From, else the envelope's MAIL FROM; lower-cased, '' when there is none. */
function senderAddressOf(parsed: ParsedEmail, row: ClaimedRow): string {
  return (parsed.from?.address ?? row.envelope_from ?? '').trim().toLowerCase();
}

/** Everyone on To and Cc but our mailboxes and `exclude`, once each, at most MAX_CC. */
function ccCandidates(parsed: ParsedEmail, ownAddresses: Set<string>, exclude: string[]): EmailAddress[] {
  const skip = new Set(exclude.map((address) => address.toLowerCase()));
  const candidates = [...parsed.to, ...parsed.cc].filter(
    (address) => address.address.includes('@') && !skip.has(address.address) && !ownAddresses.has(address.address),
  );
  return [...new Map(candidates.map((address) => [address.address, address])).values()].slice(0, MAX_CC);
}

/** Everyone else on To and Cc (not our mailboxes, not the requester) becomes a CC of a new ticket. */
async function resolveCcs(
  batch: BatchContext,
  parsed: ParsedEmail,
  ownAddresses: Set<string>,
  exclude: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const address of ccCandidates(parsed, ownAddresses, exclude)) ids.push(String((await batch.people.findOrCreate({ email: address.address, name: address.name })).id));
  return ids;
}

