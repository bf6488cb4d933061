// IMAP pull for one mailbox folder: hands every message with a UID above the cursor to `store`, in
// UID order, one at a time. No database here: the caller stores the raw message durably (and
// idempotently, keyed by UIDVALIDITY and UID) and advances its cursor in the same step, so a crash
// at any point re-delivers at most the message that was in flight and never skips one.
//
// We only read: the folder is opened with EXAMINE and bodies fetched with BODY.PEEK, so nothing is
// deleted, flagged or marked \Seen on the customer's server.
import type { ImapFlow } from 'imapflow';
import { AppError } from '../../../platform/errors/app-error.ts';
import { chunk, planFetchSteps, type SizedUid } from './fetch-plan.ts';
import { connectImap, DEFAULT_IMAP_TIMEOUTS, type ImapSettings, type ImapTimeouts } from './imap-client.ts';
import { ImapError, toImapError } from './imap-errors.ts';

export type { ImapSettings, ImapTimeouts } from './imap-client.ts';
export { ImapError, type ImapErrorCode } from './imap-errors.ts';
export { testImapConnection } from './imap-connection-test.ts';

/** What the mailbox has already stored. `uidValidity` null: never synced. */
export interface ImapCursor {
  uidValidity: string | null;
  lastUid: number;
}

export interface FetchedMessage {
  uidValidity: string;
  uid: number;
  /** RFC822.SIZE as the server reports it. */
  size: number;
  /** The exact bytes of the message; null when it is larger than `maxBytes` (see `headers`). */
  source: Buffer | null;
  /** Only for a message too large to take in: its header block, so it can be quarantined with a reason. */
  headers: Buffer | null;
  internalDate: Date | null;
}

export interface FetchOutcome {
  /** The cursor after the last message `store` accepted. */
  cursor: ImapCursor;
  /** Messages delivered with their source. */
  fetched: number;
  /** Messages delivered with headers only (larger than `maxBytes`). */
  skippedTooLarge: number;
  /** The server's UIDVALIDITY differs from the cursor's (not set on a first sync): UIDs restarted at 1. */
  uidValidityChanged: boolean;
  /** More new messages wait than `maxMessages` allowed in this run. */
  hasMore: boolean;
}

export interface FetchLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface FetchOptions {
  maxBytes: number;
  /** UIDs per size FETCH (default 50). */
  batchSize?: number;
  /** At most this many messages per run (a first sync of a large folder spreads over several runs). */
  maxMessages?: number;
  signal?: AbortSignal;
  logger?: FetchLogger;
  timeouts?: Partial<ImapTimeouts>;
}

/**
 * The run stopped after the folder was opened: `store` threw, the connection broke, or the signal
 * aborted. `outcome.cursor` covers exactly the messages `store` accepted; `cause` is the original error
 * (an ImapError for IMAP failures, the store's own error, or the abort reason).
 */
export class FetchInterruptedError extends AppError {
  readonly outcome: FetchOutcome;

  constructor(outcome: FetchOutcome, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('IMAP_FETCH_INTERRUPTED', cause instanceof AppError ? cause.status : 500, `IMAP fetch stopped after UID ${outcome.cursor.lastUid}: ${reason}`);
    this.name = 'FetchInterruptedError';
    this.outcome = outcome;
    this.cause = cause;
  }
}

/** Marks an error thrown by the caller's `store`, so it is passed on as it is, not as an IMAP failure. */
class StoreFailure {
  readonly cause: unknown;
  constructor(cause: unknown) {
    this.cause = cause;
  }
}

/** BODY.PEEK[HEADER] of one UID; null when the message is gone. */
async function headersOf(client: ImapFlow, uid: number): Promise<Buffer | null> {
  const row = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
  return row ? (row.headers ?? Buffer.alloc(0)) : null;
}

function asDate(value: Date | string | undefined): Date | null {
  if (value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** UIDs above `lastUid`, ascending. ("UID n:*" also matches the highest UID when n is above it.) */
async function uidsAfter(client: ImapFlow, lastUid: number): Promise<number[]> {
  const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
  return (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
}

export async function fetchNewMessages(
  settings: ImapSettings,
  cursor: ImapCursor,
  store: (message: FetchedMessage) => Promise<void>,
  options: FetchOptions,
): Promise<FetchOutcome> {
  const { maxBytes, signal, logger } = options;
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const timeouts = { ...DEFAULT_IMAP_TIMEOUTS, ...options.timeouts };
  const where = { host: settings.host, folder: settings.folder };
  const { client, close } = await connectImap(settings, timeouts, signal);

  let uidValidity: string;
  let exists: number;
  try {
    const mailbox = await client.mailboxOpen(settings.folder, { readOnly: true });
    uidValidity = mailbox.uidValidity.toString();
    exists = mailbox.exists;
  } catch (error) {
    await close();
    signal?.throwIfAborted();
    throw toImapError(error);
  }

  const outcome: FetchOutcome = { cursor: { ...cursor }, fetched: 0, skippedTooLarge: 0, uidValidityChanged: false, hasMore: false };
  if (cursor.uidValidity !== uidValidity) {
    // New validity: the old UIDs mean nothing now. Start over; Message-ID dedupe downstream
    // keeps the messages already stored from becoming second tickets.
    outcome.uidValidityChanged = cursor.uidValidity !== null;
    outcome.cursor = { uidValidity, lastUid: 0 };
    if (outcome.uidValidityChanged) {
      logger?.warn({ ...where, previous: cursor.uidValidity, current: uidValidity }, 'IMAP UIDVALIDITY changed; fetching the folder again from UID 1');
    }
  }

  const deliver = async (message: FetchedMessage) => {
    signal?.throwIfAborted();
    try {
      await store(message);
    } catch (error) {
      throw new StoreFailure(error);
    }
    outcome.cursor = { uidValidity, lastUid: message.uid };
    if (message.source) outcome.fetched += 1;
    else outcome.skippedTooLarge += 1;
  };

  try {
    const waiting = exists === 0 ? [] : await uidsAfter(client, outcome.cursor.lastUid);
    const uids = waiting.slice(0, options.maxMessages ?? waiting.length);
    outcome.hasMore = uids.length < waiting.length;
    for (const batch of chunk(uids, batchSize)) {
      signal?.throwIfAborted();
      const sized = await client.fetchAll(batch, { uid: true, size: true, internalDate: true }, { uid: true });
      const dates = new Map(sized.map((row) => [row.uid, asDate(row.internalDate)]));
      // A UID missing here was expunged since the search: nothing to deliver.
      const present: SizedUid[] = sized.filter((row) => row.uid > outcome.cursor.lastUid).map((row) => ({ uid: row.uid, size: row.size ?? 0 }));
      const sizes = new Map(present.map((row) => [row.uid, row.size]));

      for (const step of planFetchSteps(present, maxBytes)) {
        if (step.kind === 'headers') {
          const headers = await headersOf(client, step.uid);
          if (!headers) continue;
          logger?.warn({ ...where, uid: step.uid, size: sizes.get(step.uid), maxBytes }, 'IMAP message larger than the limit; headers only');
          await deliver({ uidValidity, uid: step.uid, size: sizes.get(step.uid)!, source: null, headers, internalDate: dates.get(step.uid) ?? null });
          continue;
        }
        // One byte past the limit tells a message whose reported size was wrong from one that fits.
        const rows = await client.fetchAll(step.uids, { uid: true, source: { maxLength: maxBytes + 1 } }, { uid: true });
        for (const row of rows.sort((a, b) => a.uid - b.uid)) {
          const source = row.source;
          if (!source) throw new ImapError('IMAP_PROTOCOL_ERROR', `The server returned no body for UID ${row.uid}`);
          const size = sizes.get(row.uid) ?? source.length;
          if (source.length > maxBytes) {
            const headers = (await headersOf(client, row.uid)) ?? Buffer.alloc(0);
            await deliver({ uidValidity, uid: row.uid, size: Math.max(size, source.length), source: null, headers, internalDate: dates.get(row.uid) ?? null });
            continue;
          }
          await deliver({ uidValidity, uid: row.uid, size, source, headers: null, internalDate: dates.get(row.uid) ?? null });
        }
      }
    }
  } catch (error) {
    const cause = error instanceof StoreFailure ? error.cause : signal?.aborted ? signal.reason : toImapError(error);
    throw new FetchInterruptedError(outcome, cause);
  } finally {
    await close();
  }
  if (outcome.fetched || outcome.skippedTooLarge) {
    logger?.info({ ...where, fetched: outcome.fetched, skippedTooLarge: outcome.skippedTooLarge, lastUid: outcome.cursor.lastUid }, 'IMAP fetch done');
  }
  return outcome;
}
