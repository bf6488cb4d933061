// Against a Dovecot with a self-signed certificate: implicit TLS (993-style) and STARTTLS both
// refuse it unless the mailbox allows self-signed certificates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNewMessages, ImapError, testImapConnection, type FetchedMessage, type ImapSettings } from '../../../src/modules/email/imap/imap-fetch.ts';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.ts';
import { appendAll, freshAccount, rawMessage } from './imap-test-support.ts';

describe('IMAP over TLS with a self-signed certificate', () => {
  let dovecot: DovecotServer;
  let plain: ImapSettings;
  let implicit: ImapSettings;
  const raws = [rawMessage(1), rawMessage(2)];
  beforeAll(async () => {
    dovecot = await startDovecot({ tls: true });
    plain = await freshAccount(dovecot);
    implicit = { ...plain, port: dovecot.tlsPort!, secure: true };
    await appendAll(dovecot, plain, raws);
  });
  afterAll(() => dovecot?.stop());

  it.each([
    ['implicit TLS', () => implicit],
    ['STARTTLS', () => plain],
  ])('%s refuses the certificate by default: IMAP_TLS_FAILED', async (_name, settings) => {
    const result = await testImapConnection(settings());
    expect(result).toMatchObject({ ok: false, code: 'IMAP_TLS_FAILED', message: expect.stringMatching(/self-signed/i) });
    const error = await fetchNewMessages(settings(), { uidValidity: null, lastUid: 0 }, async () => {}, { maxBytes: 1 << 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImapError);
    expect(error).toMatchObject({ code: 'IMAP_TLS_FAILED' });
  });

  it.each([
    ['implicit TLS', () => implicit],
    ['STARTTLS', () => plain],
  ])('%s works when the mailbox allows self-signed certificates', async (_name, settings) => {
    const allowed = { ...settings(), allowSelfSigned: true };
    expect(await testImapConnection(allowed)).toMatchObject({ ok: true, messages: 2 });
    const stored: FetchedMessage[] = [];
    await fetchNewMessages(allowed, { uidValidity: null, lastUid: 0 }, async (m) => void stored.push(m), { maxBytes: 1 << 20 });
    expect(stored.map((m) => m.source!.equals(raws[m.uid - 1]!))).toEqual([true, true]);
  });
});
