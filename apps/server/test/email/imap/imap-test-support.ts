// Shared by the IMAP tests: a fresh login per test on the file's Dovecot, and raw messages with
// CRLF line ends and 8-bit bytes (GB2312 "你好"), so "exact bytes" means exact.
import type { ImapSettings } from '../../../src/modules/email/imap/imap-fetch.ts';
import type { DovecotServer } from '../../helpers/dovecot.ts';

let accounts = 0;

/** A new Dovecot user with an empty mailbox, and fetcher settings for it. */
export async function freshAccount(dovecot: DovecotServer, folder = 'INBOX'): Promise<ImapSettings> {
  accounts += 1;
  const user = `agent${accounts}-${process.pid}`;
  const password = `pw-${accounts}-${Math.random().toString(36).slice(2)}`;
  await dovecot.addUser(user, password);
  return { host: dovecot.host, port: dovecot.port, secure: false, user, password, folder };
}

const GB2312_HELLO = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);

/** A small message; `bodyBytes` pads the body with whole CRLF lines (at least that many bytes). */
export function rawMessage(n: number, bodyBytes = 0): Buffer {
  const head = Buffer.from(
    [
      `From: Customer ${n} <customer${n}@example.com>`,
      'To: support@example.com',
      `Subject: Question ${n}`,
      `Message-ID: <question-${n}-${process.pid}@example.com>`,
      'Date: Mon, 02 Mar 2026 10:00:00 +0800',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=GB2312',
      'Content-Transfer-Encoding: 8bit',
      '',
      '',
    ].join('\r\n'),
  );
  const padding = Buffer.from(`${'x'.repeat(76)}\r\n`.repeat(Math.ceil(bodyBytes / 78)));
  return Buffer.concat([head, GB2312_HELLO, Buffer.from(` message ${n}\r\n`), padding]);
}

/** The header block of a raw message, blank line included, as BODY[HEADER] returns it. */
export function headerBlock(raw: Buffer): Buffer {
  return raw.subarray(0, raw.indexOf('\r\n\r\n') + 4);
}

export async function appendAll(dovecot: DovecotServer, settings: ImapSettings, raws: Buffer[]): Promise<number[]> {
  const uids: number[] = [];
  for (const raw of raws) uids.push(await dovecot.append(settings.user, settings.folder, raw));
  return uids;
}
