import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchNewMessages, ImapError, testImapConnection, type ImapSettings } from '../../../src/modules/email/imap/imap-fetch.ts';
import { startDovecot, type DovecotServer } from '../../helpers/dovecot.ts';
import { freePort } from '../../helpers/processes.ts';
import { appendAll, freshAccount, rawMessage } from './imap-test-support.ts';

const NEVER_SYNCED = { uidValidity: null, lastUid: 0 };

async function fetchError(settings: ImapSettings, timeouts?: { greetingMs: number }): Promise<ImapError> {
  const error = await fetchNewMessages(settings, NEVER_SYNCED, async () => {}, { maxBytes: 1024 * 1024, timeouts }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImapError);
  return error as ImapError;
}

describe('IMAP failures become stable codes with the server\'s own answer', () => {
  let dovecot: DovecotServer;
  let settings: ImapSettings;
  beforeAll(async () => {
    dovecot = await startDovecot();
    settings = await freshAccount(dovecot);
    await appendAll(dovecot, settings, [rawMessage(1), rawMessage(2)]);
  });
  afterAll(() => dovecot?.stop());

  it('a wrong password is IMAP_AUTH_FAILED with the server text, as a 502', async () => {
    const error = await fetchError({ ...settings, password: 'not-the-password' });
    expect(error).toMatchObject({ code: 'IMAP_AUTH_FAILED', status: 502, message: '[AUTHENTICATIONFAILED] Authentication failed.' });
    expect(await testImapConnection({ ...settings, password: 'not-the-password' })).toEqual({
      ok: false,
      code: 'IMAP_AUTH_FAILED',
      message: '[AUTHENTICATIONFAILED] Authentication failed.',
    });
  });

  it('a closed port is IMAP_CONNECT_FAILED', async () => {
    const port = await freePort();
    const error = await fetchError({ ...settings, port });
    expect(error.code).toBe('IMAP_CONNECT_FAILED');
    expect(error.message).toContain('ECONNREFUSED');
    expect(await testImapConnection({ ...settings, port })).toMatchObject({ ok: false, code: 'IMAP_CONNECT_FAILED' });
  });

  it('an unknown host is IMAP_CONNECT_FAILED', async () => {
    const error = await fetchError({ ...settings, host: 'imap.does-not-exist.invalid' });
    expect(error.code).toBe('IMAP_CONNECT_FAILED');
  });

  it('a server that accepts but never greets is IMAP_CONNECT_FAILED instead of a hung job', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets: net.Socket[] = [];
    silent.on('connection', (socket) => sockets.push(socket));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const error = await fetchError({ ...settings, port }, { greetingMs: 300 });
      expect(error.code).toBe('IMAP_CONNECT_FAILED');
      expect(error.message).toMatch(/greeting/i);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('TLS against a plain IMAP port is IMAP_TLS_FAILED', async () => {
    const error = await fetchError({ ...settings, secure: true });
    expect(error.code).toBe('IMAP_TLS_FAILED');
  });

  it('a missing folder is IMAP_FOLDER_NOT_FOUND with the server text', async () => {
    const error = await fetchError({ ...settings, folder: 'Archive.Nope' });
    expect(error.code).toBe('IMAP_FOLDER_NOT_FOUND');
    expect(error.message).toMatch(/Mailbox doesn't exist/);
    expect(await testImapConnection({ ...settings, folder: 'Nope' })).toMatchObject({ ok: false, code: 'IMAP_FOLDER_NOT_FOUND' });
  });

  it('a working mailbox answers with the greeting and the message count', async () => {
    expect(await testImapConnection(settings)).toEqual({ ok: true, greeting: expect.stringContaining('Dovecot'), messages: 2 });
  });
});
