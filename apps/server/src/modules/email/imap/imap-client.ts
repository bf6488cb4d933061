// One place that builds and connects an imapflow client with our safety settings: bounded timeouts
// so a dead server never hangs a job, no library logging (it would carry credentials and mail),
// no IDLE (we poll from a scheduled job), and every failure mapped to an ImapError.
import { ImapFlow } from 'imapflow';
import { toImapError } from './imap-errors.ts';

export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 993). When false, STARTTLS is still used if the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  allowSelfSigned?: boolean;
}

export interface ImapTimeouts {
  /** TCP/TLS connect, DNS included. */
  connectMs: number;
  greetingMs: number;
  /** Inactivity on an open connection. */
  socketMs: number;
}

export const DEFAULT_IMAP_TIMEOUTS: ImapTimeouts = { connectMs: 20_000, greetingMs: 15_000, socketMs: 120_000 };

export interface ConnectedClient {
  client: ImapFlow;
  /** Logs out (or drops the socket when that fails); never throws. */
  close(): Promise<void>;
}

export async function connectImap(
  settings: ImapSettings,
  timeouts: ImapTimeouts = DEFAULT_IMAP_TIMEOUTS,
  signal?: AbortSignal,
): Promise<ConnectedClient> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    tls: { rejectUnauthorized: !settings.allowSelfSigned },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    clientInfo: { name: 'Switchboard' },
  });
  // imapflow also emits connection failures as events; without a listener they would crash the process.
  client.on('error', () => {});
  const onAbort = () => client.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  const close = async () => {
    signal?.removeEventListener('abort', onAbort);
    if (client.usable) await client.logout().catch(() => undefined);
    client.close();
  };
  try {
    signal?.throwIfAborted();
    await client.connect();
  } catch (error) {
    await close();
    signal?.throwIfAborted();
    throw toImapError(error);
  }
  return { client, close };
}
