import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchNewMessages,
  FetchInterruptedError,
  type FetchedMessage,
  type ImapCursor,
  type ImapSettings,
} from '../../../src/modules/email/imap/imap-fetch.ts';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.ts';
import { appendAll, freshAccount, headerBlock, rawMessage } from './imap-test-support.ts';

const NEVER_SYNCED: ImapCursor = { uidValidity: null, lastUid: 0 };
const MB = 1024 * 1024;

/** Runs a fetch and keeps what `store` was given. */
async function fetchInto(settings: ImapSettings, cursor: ImapCursor, options: { maxBytes?: number; batchSize?: number; maxMessages?: number } = {}) {
  const stored: FetchedMessage[] = [];
  const outcome = await fetchNewMessages(settings, cursor, async (message) => void stored.push(message), {
    ...options,
    maxBytes: options.maxBytes ?? 25 * MB,
  });
  return { outcome, stored };
}

describe('IMAP fetch against a real Dovecot', () => {
  let dovecot: DovecotServer;
  beforeAll(async () => {
    dovecot = await startDovecot();
  });
  afterAll(() => dovecot?.stop());

  it('delivers every new message in UID order with its exact bytes, across batches', async () => {
    const settings = await freshAccount(dovecot);
    const raws = [1, 2, 3, 4, 5].map((n) => rawMessage(n, n * 300));
    const uids = await appendAll(dovecot, settings, raws);
    const validity = await dovecot.uidValidity(settings.user, 'INBOX');

    const { outcome, stored } = await fetchInto(settings, NEVER_SYNCED, { batchSize: 2 });

    expect(stored.map((m) => m.uid)).toEqual(uids);
    stored.forEach((message, i) => {
      expect(message.source!.equals(raws[i]!)).toBe(true);
      expect(message).toMatchObject({ uidValidity: validity, size: raws[i]!.length, headers: null });
      expect(message.internalDate).toBeInstanceOf(Date);
    });
    expect(outcome).toEqual({ cursor: { uidValidity: validity, lastUid: uids[4] }, fetched: 5, skippedTooLarge: 0, uidValidityChanged: false, hasMore: false });
  });

  it('fetches only what arrived after the cursor', async () => {
    const settings = await freshAccount(dovecot);
    await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2)]);
    const first = await fetchInto(settings, NEVER_SYNCED);

    const later = [rawMessage(3), rawMessage(4)];
    const newUids = await appendAll(dovecot, settings, later);
    const second = await fetchInto(settings, first.outcome.cursor);

    expect(second.stored.map((m) => m.uid)).toEqual(newUids);
    expect(second.stored.map((m, i) => m.source!.equals(later[i]!))).toEqual([true, true]);
    expect(second.outcome).toMatchObject({ cursor: { lastUid: newUids[1] }, fetched: 2, uidValidityChanged: false });
  });

  it('re-delivers nothing when the cursor is current (UID n:* never returns the last message again)', async () => {
    const settings = await freshAccount(dovecot);
    await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2), rawMessage(3)]);
    const first = await fetchInto(settings, NEVER_SYNCED);

    const again = await fetchInto(settings, first.outcome.cursor);

    expect(again.stored).toEqual([]);
    expect(again.outcome).toEqual({ cursor: first.outcome.cursor, fetched: 0, skippedTooLarge: 0, uidValidityChanged: false, hasMore: false });
  });

  it('maxMessages bounds one run; the next run continues where it stopped', async () => {
    const settings = await freshAccount(dovecot);
    const uids = await appendAll(dovecot, settings, [1, 2, 3, 4, 5].map((n) => rawMessage(n)));

    const first = await fetchInto(settings, NEVER_SYNCED, { maxMessages: 3, batchSize: 2 });
    const second = await fetchInto(settings, first.outcome.cursor, { maxMessages: 3 });

    expect(first.stored.map((m) => m.uid)).toEqual(uids.slice(0, 3));
    expect(first.outcome).toMatchObject({ hasMore: true, cursor: { lastUid: uids[2] } });
    expect(second.stored.map((m) => m.uid)).toEqual(uids.slice(3));
    expect(second.outcome).toMatchObject({ hasMore: false, cursor: { lastUid: uids[4] } });
  });

  it('an empty folder on a first sync gives a cursor with the validity and UID 0', async () => {
    const settings = await freshAccount(dovecot, 'Support');
    await dovecot.createFolder(settings.user, 'Support');
    const { outcome, stored } = await fetchInto(settings, NEVER_SYNCED);
    expect(stored).toEqual([]);
    expect(outcome.cursor).toEqual({ uidValidity: await dovecot.uidValidity(settings.user, 'Support'), lastUid: 0 });
    expect(outcome.uidValidityChanged).toBe(false);
  });

  it('a changed UIDVALIDITY is reported and the folder is fetched again from UID 1', async () => {
    const settings = await freshAccount(dovecot, 'Support');
    const raws = [rawMessage(1), rawMessage(2), rawMessage(3)];
    await appendAll(dovecot, settings, raws);
    const first = await fetchInto(settings, NEVER_SYNCED);

    const newValidity = await dovecot.renumberFolder(settings.user, 'Support');
    const second = await fetchInto(settings, first.outcome.cursor);

    expect(newValidity).not.toBe(first.outcome.cursor.uidValidity);
    expect(second.outcome.uidValidityChanged).toBe(true);
    expect(second.stored.map((m) => [m.uidValidity, m.uid])).toEqual([
      [newValidity, 1],
      [newValidity, 2],
      [newValidity, 3],
    ]);
    expect(second.stored.every((m, i) => m.source!.equals(raws[i]!))).toBe(true);
    expect(second.outcome.cursor).toEqual({ uidValidity: newValidity, lastUid: 3 });
  });

  it('a message over the size limit is delivered with its headers only, in its place, and the cursor moves past it', async () => {
    const settings = await freshAccount(dovecot);
    const raws = [rawMessage(1), rawMessage(2, 6000), rawMessage(3)];
    const uids = await appendAll(dovecot, settings, raws);

    const { outcome, stored } = await fetchInto(settings, NEVER_SYNCED, { maxBytes: 2000 });

    expect(stored.map((m) => m.uid)).toEqual(uids);
    expect(stored[1]).toMatchObject({ source: null, size: raws[1]!.length });
    expect(stored[1]!.headers!.equals(headerBlock(raws[1]!))).toBe(true);
    expect(stored[0]!.source!.equals(raws[0]!) && stored[2]!.source!.equals(raws[2]!)).toBe(true);
    expect(outcome).toMatchObject({ fetched: 2, skippedTooLarge: 1, cursor: { lastUid: uids[2] } });
  });

  it('when store fails on the 3rd message the cursor stays at the 2nd, and the next run delivers the rest exactly once', async () => {
    const settings = await freshAccount(dovecot);
    const raws = [1, 2, 3, 4, 5].map((n) => rawMessage(n));
    const uids = await appendAll(dovecot, settings, raws);
    const kept = new Map<number, Buffer>();
    const diskFull = new Error('disk full');
    let calls = 0;

    const failing = fetchNewMessages(
      settings,
      NEVER_SYNCED,
      async (message) => {
        calls += 1;
        if (calls === 3) throw diskFull;
        kept.set(message.uid, message.source!);
      },
      { maxBytes: MB },
    );
    const error = await failing.then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(FetchInterruptedError);
    const interrupted = error as FetchInterruptedError;
    expect(interrupted.cause).toBe(diskFull);
    expect(interrupted.outcome).toMatchObject({ fetched: 2, cursor: { lastUid: uids[1] } });
    expect([...kept.keys()]).toEqual(uids.slice(0, 2));

    const retry = await fetchInto(settings, interrupted.outcome.cursor);
    expect(retry.stored.map((m) => m.uid)).toEqual(uids.slice(2));
    for (const message of retry.stored) kept.set(message.uid, message.source!);
    expect([...kept.entries()].map(([uid, source]) => source.equals(raws[uids.indexOf(uid)]!))).toEqual([true, true, true, true, true]);
  });

  it('an abort between messages stops the run with the cursor at the last stored message', async () => {
    const settings = await freshAccount(dovecot);
    const uids = await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2), rawMessage(3)]);
    const controller = new AbortController();
    const stored: number[] = [];

    const error = await fetchNewMessages(
      settings,
      NEVER_SYNCED,
      async (message) => {
        stored.push(message.uid);
        if (stored.length === 2) controller.abort(new Error('worker shutting down'));
      },
      { maxBytes: MB, signal: controller.signal },
    ).then(
      () => null,
      (e: unknown) => e as FetchInterruptedError,
    );

    expect(stored).toEqual(uids.slice(0, 2));
    expect(error).toBeInstanceOf(FetchInterruptedError);
    expect((error!.cause as Error).message).toBe('worker shutting down');
    expect(error!.outcome.cursor.lastUid).toBe(uids[1]);
  });

  it('leaves the mail on the server untouched: not deleted, not marked \\Seen', async () => {
    const settings = await freshAccount(dovecot);
    await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2)]);
    await fetchInto(settings, NEVER_SYNCED);

    const client = new ImapFlow({ host: settings.host, port: settings.port, secure: false, auth: { user: settings.user, pass: settings.password }, logger: false });
    await client.connect();
    try {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const rows = await client.fetchAll('1:*', { uid: true, flags: true });
      expect(rows).toHaveLength(2);
      expect(rows.every((row) => !row.flags!.has('\\Seen'))).toBe(true);
    } finally {
      await client.logout();
    }
  });

  it('keeps the password out of its logs', async () => {
    const settings = await freshAccount(dovecot, 'Support');
    await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2, 3000)]);
    const lines: string[] = [];
    const logger = {
      info: (details: object, message: string) => lines.push(JSON.stringify({ details, message })),
      warn: (details: object, message: string) => lines.push(JSON.stringify({ details, message })),
    };
    await fetchNewMessages(settings, { uidValidity: '1', lastUid: 0 }, async () => {}, { maxBytes: 2000, logger });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).not.toContain(settings.password);
  });
});
