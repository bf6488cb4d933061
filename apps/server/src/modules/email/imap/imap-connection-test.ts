// The mailbox form's "test connection": log in, open the folder read-only, report what the server
// said. Never throws: a failure is an answer to show the admin, with a stable code.
import { connectImap, DEFAULT_IMAP_TIMEOUTS, type ImapSettings, type ImapTimeouts } from './imap-client.ts';
import { toImapError, type ImapErrorCode } from './imap-errors.ts';

export type ImapConnectionTestResult =
  | { ok: true; greeting?: string; messages: number }
  | { ok: false; code: ImapErrorCode; message: string };

export async function testImapConnection(
  settings: ImapSettings,
  options: { timeouts?: Partial<ImapTimeouts> } = {},
): Promise<ImapConnectionTestResult> {
  let connection: Awaited<ReturnType<typeof connectImap>> | null = null;
  try {
    connection = await connectImap(settings, { ...DEFAULT_IMAP_TIMEOUTS, ...options.timeouts });
    const mailbox = await connection.client.mailboxOpen(settings.folder, { readOnly: true });
    const greeting = connection.client.greeting;
    return { ok: true, ...(greeting ? { greeting } : {}), messages: mailbox.exists };
  } catch (error) {
    const failure = toImapError(error);
    return { ok: false, code: failure.code, message: failure.message };
  } finally {
    await connection?.close();
  }
}
